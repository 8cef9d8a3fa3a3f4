using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Takes the light's direction out of a photograph. Under an oblique lamp (or an uneven ring) the shading is, to first
/// order, the slope along the lamp's direction, so two photographs of one case lit from different sides of it do not
/// correlate. The lamp's direction is read from the firing-pin crater, a depression whose far wall faces the lamp; the
/// shading is then integrated along it (Pentland's linear shape from shading, regularised across the direction where
/// shading says nothing), which gives the relief itself, seen through a filter that depends on the light but is never
/// negative: photographs lit from any side of the case then agree.
/// </summary>
internal static class ShadingIntegration
{
    /// <summary>The crater's walls: from this share of its radius to its rim.</summary>
    private const double WallFrom = 0.55;

    /// <summary>
    /// A lamp direction is taken only when the walls' first angular moment is at least this share of their shading's
    /// spread: an even ring light lights every wall alike and has none (then nothing is integrated). Side lamps give
    /// 0.55–0.7 on the generator's cases, rings 0.1–0.7 as they are uneven; below this the direction read is unreliable.
    /// </summary>
    public const double MinMoment = 0.25;

    /// <summary>
    /// When the light is not stated, shading is integrated only at this clarity or more: a ring's shading is mostly
    /// second order (the slopes' squares, alike from every side) and integrating it along its brighter side lost more
    /// than it gained (generated ring-lit photographs: AUC 0.83 as shaded, 0.68 integrated).
    /// </summary>
    public const double MinMomentUnstated = 0.5;

    /// <summary>Whether a photograph lit by <paramref name="lighting"/> whose crater shows <paramref name="clarity"/> is integrated: side light, or an unstated light as clear as one.</summary>
    public static bool Integrates(Surfaces.ImageLighting? lighting, double clarity) => lighting switch
    {
        Surfaces.ImageLighting.Side => clarity >= MinMoment,
        Surfaces.ImageLighting.Ring => false,
        _ => clarity >= MinMomentUnstated,
    };

    /// <summary>
    /// How far shading along directions near the perpendicular to the lamp's is trusted: the filter is
    /// (k·l)² / ((k·l)² + ε²|k|²); at 0.4 the relief within about 22° of that perpendicular is damped.
    /// </summary>
    public const double Regularisation = 0.4;

    /// <summary>
    /// The direction the light comes from (radians, from x towards y on the grid) and how clearly (the moment's share),
    /// from the crater's walls in <paramref name="intensity"/> (their logarithms: an exposure or gamma changes no direction)
    /// about <paramref name="pinCentre"/>; null when the crater is too small or its walls too few.
    /// </summary>
    public static (double AzimuthRad, double Clarity)? LampFromCrater(HeightGrid intensity, Point2d pinCentre, double pinRadius)
    {
        if (pinRadius < 4)
        {
            return null;
        }

        double sum = 0, sumSq = 0, cx = 0, cy = 0;
        var n = 0;
        var r0 = WallFrom * pinRadius;
        var y0 = Math.Max(0, (int)Math.Floor(pinCentre.Y - pinRadius));
        var y1 = Math.Min(intensity.Height - 1, (int)Math.Ceiling(pinCentre.Y + pinRadius));
        var x0 = Math.Max(0, (int)Math.Floor(pinCentre.X - pinRadius));
        var x1 = Math.Min(intensity.Width - 1, (int)Math.Ceiling(pinCentre.X + pinRadius));
        for (var y = y0; y <= y1; y++)
        {
            var row = intensity.Row(y);
            for (var x = x0; x <= x1; x++)
            {
                var (dx, dy) = (x - pinCentre.X, y - pinCentre.Y);
                var r = Math.Sqrt((dx * dx) + (dy * dy));
                if (r < r0 || r > pinRadius || !(row[x] > 0))
                {
                    continue;
                }

                var v = Math.Log(row[x]);
                sum += v;
                sumSq += v * v;
                cx += v * dx / r;
                cy += v * dy / r;
                n++;
            }
        }

        if (n < 32)
        {
            return null;
        }

        var mean = sum / n;
        var spread = Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean)));
        if (!(spread > 0))
        {
            return null;
        }

        // The moment of the shading about the crater: towards the bright, far wall; the lamp stands opposite it.
        var (mx, my) = (cx / n, cy / n);
        return (Math.Atan2(-my, -mx), Math.Sqrt((mx * mx) + (my * my)) / spread);
    }

    /// <summary>
    /// Integrates <paramref name="grid"/>'s shading along the lamp's direction <paramref name="azimuthRad"/> in place
    /// (NaN points stay NaN; they count as the mean while integrating).
    /// </summary>
    public static void AlongLamp(HeightGrid grid, double azimuthRad) => Filter(grid, azimuthRad, null);

    /// <summary>
    /// Turns <paramref name="grid"/>'s shading from a light along <paramref name="fromRad"/> to one along
    /// <paramref name="toRad"/>: integrated along the first and differentiated along the second.
    /// </summary>
    public static void Relight(HeightGrid grid, double fromRad, double toRad) => Filter(grid, fromRad, toRad);

    /// <summary>The axis along which the band-passed shading varies most (structure tensor of its gradient), and how much more (0 none, 1 all).</summary>
    public static (double AxisRad, double Anisotropy) AxisFromTexture(HeightGrid grid, BandPassOptions bandPass)
    {
        var copy = new HeightGrid((float[])grid.Values.Clone(), grid.Width, grid.Height, grid.StepUm);
        GaussianBandPass.Apply(copy, bandPass);
        double jxx = 0, jxy = 0, jyy = 0;
        for (var y = 1; y + 1 < copy.Height; y++)
        {
            var up = copy.Row(y - 1);
            var row = copy.Row(y);
            var down = copy.Row(y + 1);
            for (var x = 1; x + 1 < copy.Width; x++)
            {
                var gx = row[x + 1] - row[x - 1];
                var gy = down[x] - up[x];
                if (float.IsFinite(gx) && float.IsFinite(gy))
                {
                    jxx += gx * gx;
                    jxy += gx * gy;
                    jyy += gy * gy;
                }
            }
        }

        var trace = jxx + jyy;
        if (!(trace > 0))
        {
            return (0, 0);
        }

        var spread = Math.Sqrt(((jxx - jyy) * (jxx - jyy)) + (4 * jxy * jxy));
        return (0.5 * Math.Atan2(2 * jxy, jxx - jyy), spread / trace);
    }

    private static void Filter(HeightGrid grid, double azimuthRad, double? thenAlongRad)
    {
        var values = grid.Values;
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                sum += v;
                n++;
            }
        }

        if (n == 0)
        {
            return;
        }

        var mean = (float)(sum / n);
        var w = Cv2.GetOptimalDFTSize(grid.Width);
        var h = Cv2.GetOptimalDFTSize(grid.Height);
        using var padded = new Mat(h, w, MatType.CV_32FC1, Scalar.All(0));
        var input = padded.AsSpan<float>();
        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            for (var x = 0; x < grid.Width; x++)
            {
                input[(y * w) + x] = float.IsFinite(row[x]) ? row[x] - mean : 0f;
            }
        }

        using var spectrum = new Mat();
        Cv2.Dft(padded, spectrum, DftFlags.ComplexOutput);
        var (lx, ly) = (Math.Cos(azimuthRad), Math.Sin(azimuthRad));
        var eps2 = Regularisation * Regularisation;
        var cells = spectrum.AsSpan<Vec2f>();
        for (var v = 0; v < h; v++)
        {
            var ky = 2 * Math.PI * (v <= h / 2 ? v : v - h) / h;
            for (var u = 0; u < w; u++)
            {
                var kx = 2 * Math.PI * (u <= w / 2 ? u : u - w) / w;
                var kl = (kx * lx) + (ky * ly);
                var k2 = (kx * kx) + (ky * ky);
                var denominator = (kl * kl) + (eps2 * k2);
                var c = cells[(v * w) + u];
                if (!(denominator > 0))
                {
                    cells[(v * w) + u] = new Vec2f(0, 0);
                    continue;
                }

                // Shading is minus the slope along the lamp, I = −i(k·l)H: H = i(k·l)I / ((k·l)² + ε²|k|²).
                if (thenAlongRad is { } along)
                {
                    // Relief's derivative along the new direction: i(k·t)H = −(k·t)(k·l)I / ((k·l)² + ε²|k|²), real.
                    var kt = (kx * Math.Cos(along)) + (ky * Math.Sin(along));
                    var g = (float)(-kt * kl / denominator);
                    cells[(v * w) + u] = new Vec2f(c.Item0 * g, c.Item1 * g);
                    continue;
                }

                var f = (float)(kl / denominator);
                cells[(v * w) + u] = new Vec2f(-c.Item1 * f, c.Item0 * f);
            }
        }

        using var relief = new Mat();
        Cv2.Dft(spectrum, relief, DftFlags.Inverse | DftFlags.RealOutput | DftFlags.Scale);
        var output = relief.AsSpan<float>();
        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            for (var x = 0; x < grid.Width; x++)
            {
                if (float.IsFinite(row[x]))
                {
                    row[x] = output[(y * w) + x];
                }
            }
        }
    }
}
