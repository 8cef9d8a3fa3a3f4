using System.Diagnostics;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// One aperture-shear band as every comparison reads it, built once per scan: its heights averaged along every direction
/// (one degree apart over half a turn) into profiles across it, one per side of the pin's axis, and how its relief's
/// gradients are oriented (striae show as one orientation standing out). A comparison then only reads profiles.
/// </summary>
internal sealed class ShearBandView
{
    /// <summary>Orientation bins of one degree over half a turn: a gradient and its opposite are one orientation.</summary>
    public const int OrientationBins = 180;

    /// <summary>Spread (bins) of the circular Gaussian the orientation histogram is smoothed with: striae a degree or two apart are one set.</summary>
    private const double OrientationSmoothingBins = 3;

    /// <summary>Directions the profiles are read along: one a degree over half a turn (the other half are the same profiles mirrored).</summary>
    public const int Directions = 180;

    /// <summary>A profile's point is the mean of at least this many of the band's points along the direction, else NaN.</summary>
    public const int MinPointsPerBin = 6;

    private ShearBandView(float[] profiles, int bins, double[] orientation, double stepUm)
    {
        _profiles = profiles;
        Bins = bins;
        Orientation = orientation;
        StepUm = stepUm;
    }

    private readonly float[] _profiles;

    /// <summary>Points of each profile, one grid step apart across the direction, the middle one on the axis.</summary>
    public int Bins { get; }

    /// <summary>The profile's point on the axis.</summary>
    public int Centre => Bins / 2;

    /// <summary>
    /// Share of the band's squared gradient at each orientation (degrees from x towards y, 0–179), smoothed; sums to 1.
    /// Striae run across the orientation that stands out.
    /// </summary>
    public double[] Orientation { get; }

    public double StepUm { get; }

    /// <summary>
    /// The mean heights across direction <paramref name="directionDeg"/> (0–179) on one <paramref name="side"/> of the axis
    /// (0 where the points lie ahead along the direction, 1 behind), <see cref="Bins"/> of them; NaN where too few points.
    /// </summary>
    public ReadOnlySpan<float> Profile(int directionDeg, int side)
    {
        Debug.Assert(directionDeg is >= 0 and < Directions && side is 0 or 1, "a profile of the view");
        return _profiles.AsSpan(((directionDeg * 2) + side) * Bins, Bins);
    }

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

                // Positions in grid steps about the axis: a profile's points are one step apart.
                var px = x - centreX;
                var py = y - centreY;
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

        var bins = (2 * ((int)Math.Ceiling(Math.Sqrt(reach2)) + 1)) + 1;
        var centre = bins / 2;
        var sums = new float[Directions * 2 * bins];
        var counts = new int[Directions * 2 * bins];
        for (var d = 0; d < Directions; d++)
        {
            var (sin, cos) = Math.SinCos(d * Math.PI / 180);
            for (var k = 0; k < n; k++)
            {
                var along = (xs[k] * cos) + (ys[k] * sin);
                var across = (-xs[k] * sin) + (ys[k] * cos);
                var at = ((((d * 2) + (along >= 0 ? 0 : 1)) * bins) + (int)Math.Floor(across + 0.5)) + centre;
                sums[at] += zs[k];
                counts[at]++;
            }
        }

        for (var k = 0; k < sums.Length; k++)
        {
            sums[k] = counts[k] >= MinPointsPerBin ? sums[k] / counts[k] : float.NaN;
        }

        return new ShearBandView(sums, bins, Smooth(histogram), step);
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
