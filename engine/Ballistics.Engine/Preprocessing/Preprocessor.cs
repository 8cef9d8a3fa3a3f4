using System.Globalization;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Turns a raw or already-processed cartridge-case scan into a <see cref="PreparedScan"/>. Order, chosen for
/// speed without changing the result much: resample to the common step first (area averaging is itself the
/// anti-alias low-pass, and every later step then runs on fewer points), then region, outliers, levelling,
/// band-pass, edge erosion, crop.
/// </summary>
public static class Preprocessor
{
    public const string AlgorithmVersion = "preprocess/1.0";

    /// <summary>Fewer valid points than this cannot hold a breech face worth comparing.</summary>
    public const int MinValidPoints = 1_000;

    public static PreparedScan Prepare(Surface surface, PreprocessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        options ??= PreprocessOptions.Default;
        if (surface.Kind != SurfaceKind.Topography)
        {
            throw new ArgumentException("Breech-face comparison needs a topography (heights); this surface is a 2D intensity image.", nameof(surface));
        }

        if (Math.Abs(surface.LateralStepXUm - surface.LateralStepYUm) > 0.01 * surface.LateralStepXUm)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Lateral steps differ between X ({surface.LateralStepXUm} µm) and Y ({surface.LateralStepYUm} µm); square grids only."), nameof(surface));
        }

        var stats = surface.Statistics();
        if (stats.ValidPoints < MinValidPoints)
        {
            throw new ArgumentException($"The scan has {stats.ValidPoints} valid points; at least {MinValidPoints} are needed.", nameof(surface));
        }

        var notes = new List<string>();
        var native = new HeightGrid(surface.Values.ToArray(), surface.Width, surface.Height, surface.LateralStepXUm);
        var scale = surface.LateralStepXUm / options.Resample.TargetStepUm;
        var grid = native.Resample(scale, options.Resample.MinValidFraction);
        if (scale > 1)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"scan step {surface.LateralStepXUm:0.###} µm is finer than the target; upsampled to {options.Resample.TargetStepUm} µm"));
        }

        var (geometry, source) = Region(surface, grid, options.Region, notes);
        OutlierFilter.Apply(grid, options.Outliers);
        RobustLeveller.Apply(grid, options.Levelling);
        GaussianBandPass.Apply(grid, options.BandPass);
        ErodeEdges(grid, options.Region.EdgeErosionUm);
        if (grid.CountValid() < MinValidPoints / 4)
        {
            throw new ArgumentException($"Too little breech face is left after preprocessing ({grid.CountValid()} points at {options.Resample.TargetStepUm} µm); region source {source}.", nameof(surface));
        }

        var (cropped, offsetX, offsetY) = Crop(grid, margin: 2);
        var cx = (cropped.Width - 1) / 2.0;
        var cy = (cropped.Height - 1) / 2.0;
        var step = grid.StepUm;
        var placed = new BreechFaceGeometry(
            (geometry.PrimerCentre.X - offsetX - cx) * step,
            (geometry.PrimerCentre.Y - offsetY - cy) * step,
            geometry.PrimerRadius * step,
            (geometry.PinCentre.X - offsetX - cx) * step,
            (geometry.PinCentre.Y - offsetY - cy) * step,
            geometry.PinRadius * step,
            source);
        var result = new Surface(cropped.Width, cropped.Height, step, step, cropped.Values) { Metadata = surface.Metadata };
        return new PreparedScan(result, placed, options, notes);
    }

    private static (DetectedCircles Geometry, RegionSource Source) Region(Surface surface, HeightGrid grid, BreechFaceRegionOptions options, List<string> notes)
    {
        var centre = new Point2d((grid.Width - 1) / 2.0, (grid.Height - 1) / 2.0);
        var unknown = new DetectedCircles(centre, 0, centre, 0);
        if (surface.Mask is { } mask)
        {
            using var inside = new Mat(surface.Height, surface.Width, MatType.CV_32FC1);
            var m = inside.AsSpan<float>();
            for (var y = 0; y < surface.Height; y++)
            {
                for (var x = 0; x < surface.Width; x++)
                {
                    m[(y * surface.Width) + x] = mask.IsInRegion(x, y) ? 1f : 0f;
                }
            }

            using var resized = new Mat();
            Cv2.Resize(inside, resized, new Size(grid.Width, grid.Height), 0, 0, InterpolationFlags.Area);
            using var region = new Mat();
            Cv2.Threshold(resized, region, 0.5, 255, ThresholdTypes.Binary);
            using var region8 = new Mat();
            region.ConvertTo(region8, MatType.CV_8UC1);
            grid.KeepOnly(region8);
            notes.Add("breech-face region from the scan's mask");
            return (CircleOf(region8, unknown), RegionSource.Mask);
        }

        var range = grid.Quantile(0.99) - grid.Quantile(0.01);
        if (range < options.ProcessedRangeUm)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"height range {range:0.#} µm: taken as already cropped and filtered; its valid points are the region"));
            using var valid = grid.ValidMask();
            return (CircleOf(valid, unknown), RegionSource.AlreadyCropped);
        }

        var found = BreechFaceRegionFinder.Find(grid, options, notes);
        if (found is null)
        {
            notes.Add("breech face not located; the whole valid scan is compared");
            return (unknown, RegionSource.AlreadyCropped);
        }

        var circles = found.Value;
        var step = grid.StepUm;
        using var keep = new Mat(grid.Height, grid.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(keep, new Point((int)Math.Round(circles.PrimerCentre.X), (int)Math.Round(circles.PrimerCentre.Y)),
            (int)Math.Max(1, circles.PrimerRadius - (options.PrimerMarginUm / step)), Scalar.All(255), -1);
        if (circles.PinRadius > 0)
        {
            Cv2.Circle(keep, new Point((int)Math.Round(circles.PinCentre.X), (int)Math.Round(circles.PinCentre.Y)),
                (int)Math.Round(circles.PinRadius + (options.FiringPinMarginUm / step)), Scalar.All(0), -1);
        }

        grid.KeepOnly(keep);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"primer edge found: radius {circles.PrimerRadius * step:0} µm; firing pin radius {circles.PinRadius * step:0} µm"));
        return (circles, RegionSource.Detected);
    }

    /// <summary>Enclosing circle of a region, as the primer circle of scans whose edge is not visible.</summary>
    private static DetectedCircles CircleOf(Mat region, DetectedCircles fallback)
    {
        using var points = new Mat();
        Cv2.FindNonZero(region, points);
        if (points.Rows < 3)
        {
            return fallback;
        }

        Cv2.MinEnclosingCircle(points, out var centre, out var radius);
        var c = new Point2d(centre.X, centre.Y);
        return new DetectedCircles(c, radius, c, 0);
    }

    private static void ErodeEdges(HeightGrid grid, double erosionUm)
    {
        var radius = (int)Math.Round(erosionUm / grid.StepUm);
        if (radius < 1)
        {
            return;
        }

        using var valid = grid.ValidMask();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * radius) + 1, (2 * radius) + 1));
        // Outside the grid counts as invalid, so data touching the border is eroded too.
        Cv2.Erode(valid, valid, kernel, null, 1, BorderTypes.Constant, Scalar.All(0));
        grid.KeepOnly(valid);
    }

    private static (HeightGrid Grid, int OffsetX, int OffsetY) Crop(HeightGrid grid, int margin)
    {
        using var valid = grid.ValidMask();
        var box = Cv2.BoundingRect(valid);
        var x0 = Math.Max(0, box.X - margin);
        var y0 = Math.Max(0, box.Y - margin);
        var x1 = Math.Min(grid.Width, box.X + box.Width + margin);
        var y1 = Math.Min(grid.Height, box.Y + box.Height + margin);
        var width = x1 - x0;
        var height = y1 - y0;
        var values = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            grid.Values.AsSpan(((y + y0) * grid.Width) + x0, width).CopyTo(values.AsSpan(y * width, width));
        }

        return (new HeightGrid(values, width, height, grid.StepUm), x0, y0);
    }
}
