using System.Globalization;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// Cuts the firing-pin impression out of a raw scan and prepares it for comparison: the aperture zone found on the
/// coarse detection grid (<see cref="FiringPinAperture"/>: crater, flow-back, drag) is read again from the scan as
/// given at <see cref="FiringPinOptions.StepUm"/>, levelled, its walls removed (their heights are the pin's shape,
/// not its marks), band-passed and eroded at its edges. Positions travel in µm from the scan's corner: a point i of
/// a grid of step s resampled from it lies at (i + ½)·s.
/// </summary>
internal static class FiringPinExtractor
{
    /// <summary>
    /// A scan whose breech face came with a mask: the pin lies in the mask's hole, and the scan may still hold its
    /// heights there (Baldwin's raw Cadre files do). The aperture is looked for in the scan without its mask, about
    /// the primer circle the mask outlines.
    /// </summary>
    /// <param name="surface">The scan as given, mask and all.</param>
    /// <param name="primerCentre">The mask's enclosing circle's centre, in points of a grid of step <paramref name="gridStepUm"/>.</param>
    /// <param name="primerRadius">That circle's radius, in the same points.</param>
    /// <param name="gridStepUm">Step of the grid the circle was found on.</param>
    /// <param name="options">The scan's preprocessing options.</param>
    public static FiringPinRegion FromMasked(Surface surface, Point2d primerCentre, double primerRadius, double gridStepUm, PreprocessOptions options)
    {
        if (primerRadius <= 0)
        {
            return FiringPinRegion.Absent("the scan's mask outlines no primer to look for a firing pin in");
        }

        var coarse = BreechFaceRegionFinder.DetectionGrid(surface.Values, surface.Width, surface.Height, surface.LateralStepXUm);
        var toCoarse = gridStepUm / coarse.StepUm;
        var centre = new Point2d(((primerCentre.X + 0.5) * toCoarse) - 0.5, ((primerCentre.Y + 0.5) * toCoarse) - 0.5);
        using var aperture = FiringPinAperture.Find(coarse, centre, primerRadius * toCoarse, options.Region);
        return aperture is null
            ? FiringPinRegion.Absent("no firing-pin impression in the scan's heights inside the mask's primer")
            : Extract(surface, aperture, coarse.StepUm, options);
    }

    /// <summary>
    /// The impression within <paramref name="aperture"/> (found on a grid of step <paramref name="coarseStepUm"/> over the
    /// whole scan), and the band about it where the aperture's edge sheared the primer (<see cref="ApertureShearExtractor"/>).
    /// </summary>
    public static FiringPinRegion Extract(Surface surface, FiringPinAperture aperture, double coarseStepUm, PreprocessOptions options) =>
        Impression(surface, aperture, coarseStepUm, options).WithShear(ApertureShearExtractor.Extract(surface, aperture, coarseStepUm, options));

    private static FiringPinRegion Impression(Surface surface, FiringPinAperture aperture, double coarseStepUm, PreprocessOptions options)
    {
        var pin = options.FiringPin;
        var outline = CraterOutline.Measure(aperture.Core, coarseStepUm);
        var box = Cv2.BoundingRect(aperture.Mask);
        if (box.Width == 0 || box.Height == 0)
        {
            return FiringPinRegion.Absent("the firing-pin aperture zone found is empty");
        }

        if (!aperture.FloorMeasured)
        {
            // Rim and flow-back alone do not tell one pin from another: on generated scans whose craters are unmeasured
            // holes, the impressions compared there separated same-firearm pairs at AUC 0.64, against 0.88–0.95 with floors.
            return FiringPinRegion.Failed("the crater's floor was not measured (an unmeasured hole): its rim and flow-back alone are not compared", outline);
        }

        var (grid, originXUm, originYUm) = Cut(surface, box, coarseStepUm, pin.MarginUm, pin.StepUm, options.Resample.MinValidFraction);
        using var zone = Zone(grid, aperture.Mask, coarseStepUm, originXUm, originYUm, pin.MarginUm);
        var filter = new AboutAxisFilter(pin.StepUm, pin.MaxSlope, pin.SlopeBaseUm, pin.ShortCutoffUm, pin.LongCutoffUm, pin.EdgeErosionUm, pin.MinPoints);
        var prepared = PrepareAboutAxis(surface, grid, zone, (originXUm, originYUm), AxisUm(aperture, coarseStepUm), filter, options, outline?.EquivalentRadiusUm ?? 0);
        return prepared.Surface is { } impression
            ? FiringPinRegion.Found(new FiringPinImpression(impression, prepared.AxisUm, outline, prepared.Points) { Rings = prepared.Rings })
            : FiringPinRegion.Failed(
                string.Create(CultureInfo.InvariantCulture,
                    $"only {prepared.Points} measured points on the firing-pin impression's floor, flow-back and rim ({prepared.Walls} wall points removed, steeper than {pin.MaxSlope}); at least {pin.MinPoints} are needed"),
                outline);
    }

    /// <summary>The pin's axis (the aperture's crater centre) in µm from the scan's corner.</summary>
    internal static (double X, double Y) AxisUm(FiringPinAperture aperture, double coarseStepUm) =>
        ((aperture.Centre.X + 0.5) * coarseStepUm, (aperture.Centre.Y + 0.5) * coarseStepUm);

    /// <summary>
    /// What the impression and the shear's band share once cut out: only <paramref name="zone"/> kept, outliers, walls
    /// (judged on the heights as measured: a levelling would take the crater's bowl into its quadratic), levelling,
    /// band-pass, each ring's mean about the axis, then the zone's outline eroded — and nothing inside it: the filter's
    /// edge effects and the rim's leftover form lie on the outline, while dropouts and removed walls inside are gaps the
    /// masked band-pass already ignored (eroding round every gap left too little of a crater with clustered dropouts to
    /// compare). The surface is null when fewer than the filter's minimum points are left.
    /// </summary>
    /// <param name="source">The scan as given (its metadata travels on).</param>
    /// <param name="grid">The part cut out of it (<see cref="Cut"/>), changed in place.</param>
    /// <param name="zone">The region on <paramref name="grid"/> (8-bit); eroded in place.</param>
    /// <param name="originUm">Where <paramref name="grid"/>'s first point's corner lies, µm from the scan's corner.</param>
    /// <param name="axisUm">The pin's axis, µm from the scan's corner.</param>
    /// <param name="filter">The region's own steps.</param>
    /// <param name="options">The scan's preprocessing options (outliers, levelling, the band-pass's minimum weight).</param>
    /// <param name="ringsRadiusUm">When positive, the tip's turning marks (<see cref="TipRings"/>) are measured within this radius of the axis before the rings are taken away.</param>
    internal static (Surface? Surface, (double X, double Y) AxisUm, int Points, int Walls, TipRings? Rings) PrepareAboutAxis(
        Surface source, HeightGrid grid, Mat zone, (double X, double Y) originUm, (double X, double Y) axisUm, AboutAxisFilter filter, PreprocessOptions options, double ringsRadiusUm = 0)
    {
        grid.KeepOnly(zone);
        OutlierFilter.Apply(grid, options.Outliers);
        var walls = RemoveWalls(grid, filter.MaxSlope, filter.SlopeBaseUm);
        RobustLeveller.Apply(grid, options.Levelling);
        GaussianBandPass.Apply(grid, new BandPassOptions { ShortCutoffUm = filter.ShortCutoffUm, LongCutoffUm = filter.LongCutoffUm, MinWeight = options.BandPass.MinWeight });
        var (axisX, axisY) = (((axisUm.X - originUm.X) / filter.StepUm) - 0.5, ((axisUm.Y - originUm.Y) / filter.StepUm) - 0.5);
        var rings = ringsRadiusUm > 0 ? TipRings.Measure(grid, axisX, axisY, ringsRadiusUm, options.FiringPin.RingCentreSearchUm) : null;
        RemoveRings(grid, axisX, axisY);
        Erode(zone, filter.EdgeErosionUm / filter.StepUm);
        grid.KeepOnly(zone);
        var points = grid.CountValid();
        if (points < filter.MinPoints)
        {
            return (null, default, points, walls, null);
        }

        var (cropped, cropX, cropY) = Preprocessor.Crop(grid, margin: 2);
        // The axis in µm from the cropped surface's centre.
        var centreXUm = originUm.X + ((cropX + (cropped.Width / 2.0)) * filter.StepUm);
        var centreYUm = originUm.Y + ((cropY + (cropped.Height / 2.0)) * filter.StepUm);
        var surface = new Surface(cropped.Width, cropped.Height, filter.StepUm, filter.StepUm, cropped.Values) { Metadata = source.Metadata };
        return (surface, (axisUm.X - centreXUm, axisUm.Y - centreYUm), points, walls, rings);
    }

    /// <summary>
    /// The scan as given within <paramref name="box"/> (coarse grid points of step <paramref name="coarseStepUm"/>),
    /// widened by <paramref name="marginUm"/>, resampled to <paramref name="stepUm"/>; with its first point's corner in
    /// µm from the scan's.
    /// </summary>
    internal static (HeightGrid Grid, double OriginXUm, double OriginYUm) Cut(Surface surface, Rect box, double coarseStepUm, double marginUm, double stepUm, double minValidFraction)
    {
        var sourceStep = surface.LateralStepXUm;
        var x0 = Math.Max(0, (int)Math.Floor(((box.X * coarseStepUm) - marginUm) / sourceStep));
        var y0 = Math.Max(0, (int)Math.Floor(((box.Y * coarseStepUm) - marginUm) / sourceStep));
        var x1 = Math.Min(surface.Width, (int)Math.Ceiling((((box.X + box.Width) * coarseStepUm) + marginUm) / sourceStep));
        var y1 = Math.Min(surface.Height, (int)Math.Ceiling((((box.Y + box.Height) * coarseStepUm) + marginUm) / sourceStep));
        var width = x1 - x0;
        var height = y1 - y0;
        var part = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            surface.Values.Slice(((y + y0) * surface.Width) + x0, width).CopyTo(part.AsSpan(y * width, width));
        }

        return (HeightGrid.Resample(part, width, height, sourceStep, sourceStep / stepUm, minValidFraction, null), x0 * sourceStep, y0 * sourceStep);
    }

    /// <summary>
    /// Subtracts the impression's mean on every ring about the axis, one grid step wide: what the band-pass leaves of the
    /// crater's form (the bowl's change of curvature) is the same at every turn about the axis, so it would correlate
    /// with any impression of a similar pin at any angle and say nothing about which pin.
    /// </summary>
    internal static void RemoveRings(HeightGrid grid, double axisX, double axisY)
    {
        var rings = (int)Math.Ceiling(Math.Sqrt((grid.Width * grid.Width) + (grid.Height * grid.Height))) + 1;
        var sums = new double[rings];
        var counts = new int[rings];
        var z = grid.Values;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var y = 0; y < grid.Height; y++)
            {
                for (var x = 0; x < grid.Width; x++)
                {
                    var i = (y * grid.Width) + x;
                    if (!float.IsFinite(z[i]))
                    {
                        continue;
                    }

                    var ring = (int)Math.Sqrt(((x - axisX) * (x - axisX)) + ((y - axisY) * (y - axisY)));
                    if (pass == 0)
                    {
                        sums[ring] += z[i];
                        counts[ring]++;
                    }
                    else
                    {
                        z[i] -= (float)(sums[ring] / counts[ring]);
                    }
                }
            }
        }
    }

    /// <summary>The coarse <paramref name="zone"/> widened by <paramref name="marginUm"/> on <paramref name="grid"/> (8-bit, 255 inside).</summary>
    internal static Mat Zone(HeightGrid grid, Mat zone, double coarseStepUm, double originXUm, double originYUm, double marginUm)
    {
        var keep = new Mat(grid.Height, grid.Width, MatType.CV_8UC1, Scalar.All(0));
        var k = keep.AsSpan<byte>();
        var z = zone.AsSpan<byte>();
        for (var y = 0; y < grid.Height; y++)
        {
            var cy = (int)Math.Floor((originYUm + ((y + 0.5) * grid.StepUm)) / coarseStepUm);
            if (cy < 0 || cy >= zone.Rows)
            {
                continue;
            }

            for (var x = 0; x < grid.Width; x++)
            {
                var cx = (int)Math.Floor((originXUm + ((x + 0.5) * grid.StepUm)) / coarseStepUm);
                if (cx >= 0 && cx < zone.Cols && z[(cy * zone.Cols) + cx] != 0)
                {
                    k[(y * grid.Width) + x] = 255;
                }
            }
        }

        var radius = (int)Math.Round(marginUm / grid.StepUm);
        if (radius >= 1)
        {
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * radius) + 1, (2 * radius) + 1));
            Cv2.Dilate(keep, keep, kernel);
        }

        return keep;
    }

    internal static void Erode(Mat mask, double radiusPoints)
    {
        var radius = (int)Math.Round(radiusPoints);
        if (radius >= 1)
        {
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * radius) + 1, (2 * radius) + 1));
            Cv2.Erode(mask, mask, kernel, null, 1, BorderTypes.Constant, Scalar.All(0));
        }
    }

    /// <summary>
    /// Removes the points where the impression's form — its NaN-aware Gaussian mean at <paramref name="slopeBaseUm"/>
    /// (<see cref="FiringPinOptions.SlopeBaseUm"/>), which bridges dropouts — is steeper than <paramref name="maxSlope"/>.
    /// Returns the points removed.
    /// </summary>
    internal static int RemoveWalls(HeightGrid grid, double maxSlope, double slopeBaseUm)
    {
        var form = GaussianBandPass.LowPass(grid, slopeBaseUm, 0.3);
        var z = grid.Values;
        var w = grid.Width;
        var h = grid.Height;
        var max2 = maxSlope * maxSlope;
        var removed = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (float.IsFinite(z[i]) && Gradient(form, i, x, w, 1) is { } gx && Gradient(form, i, y, h, w) is { } gy
                    && ((gx * gx) + (gy * gy)) / (grid.StepUm * grid.StepUm) > max2)
                {
                    // The slope is read from the form, not from z: removing points here changes no later slope.
                    z[i] = float.NaN;
                    removed++;
                }
            }
        }

        return removed;

        // Central difference along one axis (points apart by stride), one-sided at the form's edge; null when neither neighbour has a value.
        static double? Gradient(float[] f, int i, int at, int length, int stride)
        {
            var before = at > 0 ? f[i - stride] : float.NaN;
            var after = at + 1 < length ? f[i + stride] : float.NaN;
            return float.IsFinite(before) && float.IsFinite(after) ? (after - before) / 2.0
                : float.IsFinite(after) && float.IsFinite(f[i]) ? after - f[i]
                : float.IsFinite(before) && float.IsFinite(f[i]) ? f[i] - before
                : null;
        }
    }
}

/// <summary>The steps of one region about the pin's axis (<see cref="FiringPinExtractor.PrepareAboutAxis"/>), from its options record.</summary>
internal readonly record struct AboutAxisFilter(double StepUm, double MaxSlope, double SlopeBaseUm, double ShortCutoffUm, double LongCutoffUm, double EdgeErosionUm, int MinPoints);
