using System.Buffers;
using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>Circles found in a raw scan, in grid points of the grid they were found on.</summary>
internal readonly record struct DetectedCircles(Point2d PrimerCentre, double PrimerRadius, Point2d PinCentre, double PinRadius);

/// <summary>
/// The region found in a raw scan: primer and firing-pin circles in points of the grid searched, and the firing-pin
/// aperture zone as found on the coarse detection grid (<see cref="CoarseStepUm"/>), when there is one.
/// </summary>
internal sealed class FoundRegion(DetectedCircles circles, FiringPinAperture? aperture, double coarseStepUm) : IDisposable
{
    public DetectedCircles Circles { get; } = circles;

    public FiringPinAperture? Aperture { get; } = aperture;

    public double CoarseStepUm { get; } = coarseStepUm;

    public void Dispose() => Aperture?.Dispose();
}

/// <summary>
/// Finds the breech-face region of a raw scan (case head, primer, firing-pin crater all present): the primer
/// edge by Hough circle detection on the levelled heights, then the firing-pin aperture zone — crater, flow-back and
/// drag — as what leaves the level of the primer's breech-face ring (<see cref="FiringPinAperture"/>). Works on a
/// coarse copy; the caller scales the circles back.
/// </summary>
internal static class BreechFaceRegionFinder
{
    /// <summary>Grid step at which the circles are looked for: the primer edge is hundreds of µm wide.</summary>
    public const double DetectionStepUm = 20;

    public static FoundRegion? Find(HeightGrid grid, BreechFaceRegionOptions options, List<string> notes)
    {
        var coarse = DetectionGrid(grid.Values, grid.Width, grid.Height, grid.StepUm);
        var step = coarse.StepUm;
        var lo = coarse.Quantile(0.02);
        var hi = coarse.Quantile(0.98);
        if (!(hi > lo))
        {
            notes.Add("heights are flat: no primer edge to find");
            return null;
        }

        // Invalid points take the level of the primer surface so that dropouts do not draw circles of their own.
        using var image = HoughImage(coarse, lo, hi, fill: hi);
        var expected = options.PrimerRadiusUm / step;
        var minRadius = (int)Math.Floor(expected * (1 - options.PrimerRadiusTolerance));
        var maxRadius = (int)Math.Ceiling(expected * (1 + options.PrimerRadiusTolerance));
        var imageCentre = new Point2d((coarse.Width - 1) / 2.0, (coarse.Height - 1) / 2.0);
        CircleSegment? primer = null;
        foreach (var votes in new[] { 60, 40, 25, 15 })
        {
            var circles = Cv2.HoughCircles(image, HoughModes.Gradient, 1, coarse.Width, 80, votes, minRadius, maxRadius);
            if (circles.Length > 0)
            {
                // Of circles of the expected size, the one nearest the middle of the scan: scans are centred on the primer.
                primer = circles.OrderBy(c => Distance(imageCentre, c.Center)).First();
                break;
            }
        }

        if (primer is null)
        {
            notes.Add($"no primer edge of radius {options.PrimerRadiusUm * (1 - options.PrimerRadiusTolerance):0}–{options.PrimerRadiusUm * (1 + options.PrimerRadiusTolerance):0} µm found");
            return null;
        }

        var p = RefinePrimer(coarse, primer.Value, options) ?? primer.Value;
        var primerCentre = new Point2d(p.Center.X, p.Center.Y);
        var primerRadius = (double)p.Radius;
        var aperture = FiringPinAperture.Find(coarse, primerCentre, primerRadius, options);
        var scale = step / grid.StepUm;
        var pinCentre = aperture?.Centre ?? primerCentre;
        var pinRadius = aperture?.EquivalentRadius ?? 0;
        if (aperture is null)
        {
            notes.Add("no firing-pin impression found inside the primer");
        }

        var found = new DetectedCircles(
            new Point2d(primerCentre.X * scale, primerCentre.Y * scale), primerRadius * scale,
            new Point2d(pinCentre.X * scale, pinCentre.Y * scale), pinRadius * scale);
        return new FoundRegion(found, aperture, step);
    }

    /// <summary>
    /// Heights area-averaged to <see cref="DetectionStepUm"/> (never finer than given) and a plane taken off robustly:
    /// the grid every detection in a raw scan works on — primer edge, firing-pin aperture.
    /// </summary>
    public static HeightGrid DetectionGrid(ReadOnlySpan<float> values, int width, int height, double stepUm)
    {
        var coarse = HeightGrid.Resample(values, width, height, stepUm, Math.Min(1, stepUm / DetectionStepUm), 0.3, null);
        RobustLeveller.Apply(coarse, new LevellingOptions { Order = 1, Iterations = 3 });
        return coarse;
    }

    /// <summary>
    /// The grid as the 8-bit image Hough circles are found in: <paramref name="lo"/>–<paramref name="hi"/> spread over the
    /// grey levels, invalid points at <paramref name="fill"/>, lightly smoothed. The caller disposes it.
    /// </summary>
    internal static Mat HoughImage(HeightGrid grid, float lo, float hi, float fill)
    {
        var image = new Mat(grid.Height, grid.Width, MatType.CV_8UC1);
        var pixels = image.AsSpan<byte>();
        for (var i = 0; i < grid.Values.Length; i++)
        {
            var z = grid.Values[i];
            pixels[i] = (byte)Math.Clamp(255 * ((float.IsFinite(z) ? z : fill) - lo) / (hi - lo), 0, 255);
        }

        Cv2.GaussianBlur(image, image, new Size(5, 5), 1.5);
        return image;
    }

    /// <summary>
    /// Hough finds the gap around the primer but may settle on either of its walls. Rays from the Hough centre
    /// find where the primer surface drops into the gap; a trimmed least-squares circle through those points is the primer edge.
    /// </summary>
    private static CircleSegment? RefinePrimer(HeightGrid coarse, CircleSegment rough, BreechFaceRegionOptions options)
    {
        var level = MedianWithin(coarse, rough.Center, 0.3 * rough.Radius, 0.75 * rough.Radius);
        if (!float.IsFinite(level))
        {
            return null;
        }

        const int Rays = 180;
        var edge = new List<Point2d>(Rays);
        var start = 0.75 * rough.Radius;
        var stop = Math.Min(1.3 * rough.Radius, rough.Radius * (1 + options.PrimerRadiusTolerance));
        for (var k = 0; k < Rays; k++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * k / Rays);
            for (var r = start; r <= stop; r += 0.5)
            {
                var x = (int)Math.Round(rough.Center.X + (r * cos));
                var y = (int)Math.Round(rough.Center.Y + (r * sin));
                if (x < 0 || y < 0 || x >= coarse.Width || y >= coarse.Height)
                {
                    break;
                }

                var z = coarse.Values[(y * coarse.Width) + x];
                if (float.IsFinite(z) && z < level - options.FiringPinDepthUm)
                {
                    edge.Add(new Point2d(rough.Center.X + (r * cos), rough.Center.Y + (r * sin)));
                    break;
                }
            }
        }

        if (edge.Count < Rays / 3)
        {
            return null;
        }

        // Two passes: fit, drop the worst fifth (rays that ran into a dropout or a dent), fit again.
        if (CircleFit.Fit(edge) is not { } first)
        {
            return null;
        }

        var kept = edge.OrderBy(e => Math.Abs(Distance(e, first.Centre) - first.Radius)).Take(edge.Count * 4 / 5).ToList();
        if (CircleFit.Fit(kept) is not { } circle)
        {
            return null;
        }

        var expected = options.PrimerRadiusUm / coarse.StepUm;
        if (Math.Abs(circle.Radius - expected) > options.PrimerRadiusTolerance * expected)
        {
            return null;
        }

        return new CircleSegment(new Point2f((float)circle.Centre.X, (float)circle.Centre.Y), (float)circle.Radius);
    }

    private static float MedianWithin(HeightGrid grid, Point2f centre, double minRadius, double maxRadius)
    {
        // Squared distances against squared limits, and selection instead of a sort: this runs twice per scan over
        // the whole coarse grid.
        var min2 = minRadius * minRadius;
        var max2 = maxRadius * maxRadius;
        var buffer = ArrayPool<float>.Shared.Rent(grid.Values.Length);
        try
        {
            var n = 0;
            for (var y = 0; y < grid.Height; y++)
            {
                var row = grid.Row(y);
                var dy2 = (y - centre.Y) * (y - centre.Y);
                for (var x = 0; x < row.Length; x++)
                {
                    var r2 = ((x - centre.X) * (x - centre.X)) + dy2;
                    if (float.IsFinite(row[x]) && r2 >= min2 && r2 <= max2)
                    {
                        buffer[n++] = row[x];
                    }
                }
            }

            return n == 0 ? float.NaN : Selection.Select(buffer.AsSpan(0, n), n / 2);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static double Distance(Point2d a, Point2f b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static double Distance(Point2d a, Point2d b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
