namespace Ballistics.Engine.FiringPin;

/// <summary>
/// One aperture-shear band as every comparison reads it, built once per scan: its valid points in µm about the pin's
/// axis with their heights, and how its relief's gradients are oriented (striae show as one orientation standing out).
/// </summary>
internal sealed class ShearBandView
{
    /// <summary>Orientation bins of one degree over half a turn: a gradient and its opposite are one orientation.</summary>
    public const int OrientationBins = 180;

    /// <summary>Spread (bins) of the circular Gaussian the orientation histogram is smoothed with: striae a degree or two apart are one set.</summary>
    private const double OrientationSmoothingBins = 3;

    private ShearBandView(float[] xUm, float[] yUm, float[] z, double[] orientation, double stepUm, double reachUm)
    {
        XUm = xUm;
        YUm = yUm;
        Z = z;
        Orientation = orientation;
        StepUm = stepUm;
        ReachUm = reachUm;
    }

    /// <summary>The valid points' positions about the axis, x right, y down (µm).</summary>
    public float[] XUm { get; }

    public float[] YUm { get; }

    /// <summary>The valid points' band-passed heights (µm).</summary>
    public float[] Z { get; }

    /// <summary>
    /// Share of the band's squared gradient at each orientation (degrees from x towards y, 0–179), smoothed; sums to 1.
    /// Striae run across the orientation that stands out.
    /// </summary>
    public double[] Orientation { get; }

    public double StepUm { get; }

    /// <summary>The farthest point from the axis (µm).</summary>
    public double ReachUm { get; }

    public static ShearBandView Of(ShearBand band)
    {
        var surface = band.Surface;
        var w = surface.Width;
        var h = surface.Height;
        var step = surface.LateralStepXUm;
        var values = surface.Values;
        var centreX = ((w - 1) / 2.0) + (band.AxisUm.X / step);
        var centreY = ((h - 1) / 2.0) + (band.AxisUm.Y / step);
        var xs = new float[band.Points];
        var ys = new float[band.Points];
        var zs = new float[band.Points];
        var histogram = new double[OrientationBins];
        var n = 0;
        var reach2 = 0.0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                var z = values[i];
                if (!float.IsFinite(z) || n == xs.Length)
                {
                    continue;
                }

                var px = (x - centreX) * step;
                var py = (y - centreY) * step;
                (xs[n], ys[n], zs[n]) = ((float)px, (float)py, z);
                n++;
                reach2 = Math.Max(reach2, (px * px) + (py * py));
                if (x > 0 && x + 1 < w && y > 0 && y + 1 < h
                    && values[i - 1] is var left && values[i + 1] is var right && values[i - w] is var up && values[i + w] is var down
                    && float.IsFinite(left) && float.IsFinite(right) && float.IsFinite(up) && float.IsFinite(down))
                {
                    var gx = (right - left) / 2.0;
                    var gy = (down - up) / 2.0;
                    var degrees = Math.Atan2(gy, gx) * 180 / Math.PI;
                    histogram[Bin(degrees)] += (gx * gx) + (gy * gy);
                }
            }
        }

        return new ShearBandView(xs[..n], ys[..n], zs[..n], Smooth(histogram), step, Math.Sqrt(reach2));
    }

    /// <summary>The orientation bin of <paramref name="degrees"/> (any angle; a half turn apart is the same bin).</summary>
    public static int Bin(double degrees)
    {
        var bin = (int)Math.Floor(degrees + 0.5) % OrientationBins;
        return bin < 0 ? bin + OrientationBins : bin;
    }

    private static double[] Smooth(double[] histogram)
    {
        var reach = (int)Math.Ceiling(3 * OrientationSmoothingBins);
        var kernel = new double[(2 * reach) + 1];
        for (var k = -reach; k <= reach; k++)
        {
            kernel[k + reach] = Math.Exp(-0.5 * k * k / (OrientationSmoothingBins * OrientationSmoothingBins));
        }

        var smoothed = new double[OrientationBins];
        for (var b = 0; b < OrientationBins; b++)
        {
            for (var k = -reach; k <= reach; k++)
            {
                smoothed[b] += kernel[k + reach] * histogram[(b + k + OrientationBins) % OrientationBins];
            }
        }

        var total = smoothed.Sum();
        if (total > 0)
        {
            for (var b = 0; b < OrientationBins; b++)
            {
                smoothed[b] /= total;
            }
        }

        return smoothed;
    }
}
