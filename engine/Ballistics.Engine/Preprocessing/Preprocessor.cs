using System.Globalization;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Turns a raw or already-processed cartridge-case scan into a <see cref="PreparedScan"/>. Order, chosen for
/// speed without changing the result much: resample to the common step first (area averaging is itself the
/// anti-alias low-pass, and every later step then runs on fewer points), then region (everything outside it
/// NaN) and a crop to the region, outliers, levelling (and for a region found in the heights the primer's form about its
/// centre), band-pass, the firing-pin halo's trim (after which a region found in the heights is levelled and filtered
/// again without it), edge erosion, final crop. The band-pass
/// short cut-off (20 µm) lies below the 10 µm grid's Nyquist wavelength, so filtering after resampling loses nothing
/// the grid could hold; the long cut-off is a smooth kernel that a coarser grid represents equally well.
/// </summary>
public static class Preprocessor
{
    /// <summary>
    /// 1.8: a crater whose floor was not measured gives no firing-pin impression (its rim and flow-back alone were compared
    /// before). 1.9: the impression carries the tip's turning marks as a profile about the axis (<see cref="FiringPin.TipRings"/>).
    /// 1.10: a region found in a raw scan's heights loses the primer's form about its centre before the band-pass
    /// (<see cref="AxisymmetricForm"/>) and is filtered again once the firing-pin halo is trimmed.
    /// </summary>
    public const string AlgorithmVersion = "preprocess/1.10";

    /// <summary>Fewer valid points than this cannot hold a breech face worth comparing.</summary>
    public const int MinValidPoints = 1_000;

    /// <summary>
    /// A scan whose valid heights all lie within this range has no relief to compare (breech-face marks are tenths of a
    /// micrometre and more): it is refused before any work that scales with its size (an all-zero 8192² upload took
    /// minutes and gigabytes on its way to nothing).
    /// </summary>
    public const double MinReliefUm = 0.01;

    /// <summary>
    /// The largest breech-face region prepared: a primer is 4.4–6.1 mm across (small pistol to shotshell, 15–30 mm²), so
    /// twice the largest leaves room for a generous crop; a region larger than this is not a breech face.
    /// </summary>
    public const double MaxRegionMm2 = 60;

    /// <summary>Prepares a topography, or a photograph by <see cref="PhotographPreprocessor"/>.</summary>
    public static PreparedScan Prepare(Surface surface, PreprocessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        options ??= PreprocessOptions.Default;
        if (surface.Kind == SurfaceKind.Intensity2D)
        {
            // A photograph has a preparation of its own; the result says which it had.
            return PhotographPreprocessor.Prepare(surface, options);
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

        if (stats.Max - stats.Min < MinReliefUm)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The scan has no usable relief: its {stats.ValidPoints:N0} valid heights all lie within {stats.Max - stats.Min:0.####} µm (at least {MinReliefUm} µm needed)."), nameof(surface));
        }

        var notes = new List<string>();
        var scale = surface.LateralStepXUm / options.Resample.TargetStepUm;
        // A mask is applied while resampling (its outside counts as invalid), which saves a full-size pass over it.
        var grid = HeightGrid.Resample(surface.Values, surface.Width, surface.Height, surface.LateralStepXUm, scale, options.Resample.MinValidFraction, surface.Mask);
        if (scale > 1)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"scan step {surface.LateralStepXUm:0.###} µm is finer than the target; upsampled to {options.Resample.TargetStepUm} µm"));
        }

        var (geometry, source, firingPin) = Region(surface, grid, options, notes);
        TooLittleLeft(grid, options, source, "in the breech-face region");
        var regionPoints = grid.CountValid();
        var regionMm2 = regionPoints * grid.StepUm * grid.StepUm / 1e6;
        if (regionMm2 > MaxRegionMm2)
        {
            // Refused before the filters that scale with it: a 25 mm square of relief took 31 s and 2 GB to prepare.
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The breech-face region is {regionMm2:0} mm² (region source {source}), more than any primer's ({MaxRegionMm2} mm² at most): not a cartridge-case scan, or its mask is missing."), nameof(surface));
        }

        // Outside the region everything is NaN now, and every later step ignores NaN: cropping here gives the same
        // result on a fraction of the points of a raw scan. Four points of margin cover the outlier median window.
        (grid, var regionX, var regionY) = Crop(grid, margin: 4);
        OutlierFilter.Apply(grid, options.Outliers);
        // A region found in the heights is filtered again once its halo is known (below): the heights the filters start from.
        var unfiltered = source == RegionSource.Detected ? (float[])grid.Values.Clone() : null;
        RobustLeveller.Apply(grid, options.Levelling);
        GaussianBandPass.Apply(grid, options.BandPass);
        var halo = TrimHalo(grid, geometry, regionX, regionY, source, options.Region, notes);
        if (unfiltered is not null)
        {
            FilterAgain(grid, unfiltered, geometry, regionX, regionY, halo, options, notes);
        }

        ErodeEdges(grid, options.Region);
        TooLittleLeft(grid, options, source, "after preprocessing");

        var (result, placed, offset) = Place(grid, geometry, source, regionX, regionY, surface.Metadata, SurfaceKind.Topography);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"kept {result.Statistics().ValidPoints / (double)regionPoints:P0} of the region's {regionPoints} valid points"));
        notes.Add(firingPin.Status switch
        {
            FiringPinStatus.Found => string.Create(CultureInfo.InvariantCulture, $"firing-pin impression prepared: {firingPin.Impression!.Points} points at {options.FiringPin.StepUm} µm, crater {firingPin.Outline?.ToString() ?? "not outlined"}"),
            _ => $"firing-pin impression {firingPin.Status.ToString().ToLowerInvariant()}: {firingPin.Reason}",
        });
        if (firingPin.Status != FiringPinStatus.Absent)
        {
            var shear = firingPin.Shear;
            notes.Add(shear.Status == FiringPinStatus.Found
                ? string.Create(CultureInfo.InvariantCulture, $"aperture-shear band prepared: {shear.Band!.Points} points at {options.ApertureShear.StepUm} µm about the crater")
                : $"aperture-shear band {shear.Status.ToString().ToLowerInvariant()}: {shear.Reason}");
        }

        return new PreparedScan(result, placed, options, notes, regionPoints, offset) { FiringPin = firingPin };
    }

    /// <summary>
    /// The prepared surface cropped to its valid points, and the region's circles placed in µm about its centre; the
    /// offset is where its first point lies on the grid the region was found on.
    /// </summary>
    internal static (Surface Surface, BreechFaceGeometry Geometry, (int X, int Y) Offset) Place(
        HeightGrid grid, DetectedCircles geometry, RegionSource source, int regionX, int regionY, SurfaceMetadata metadata, SurfaceKind kind)
    {
        var (cropped, cropX, cropY) = Crop(grid, margin: 2);
        var offsetX = regionX + cropX;
        var offsetY = regionY + cropY;
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
        return (new Surface(cropped.Width, cropped.Height, step, step, cropped.Values) { Metadata = metadata, Kind = kind }, placed, (offsetX, offsetY));
    }

    /// <summary>
    /// A region found in a raw scan's heights is filtered again from <paramref name="unfiltered"/> once the halo trim has
    /// run, without the points it took out, and with the primer's form about its centre taken off before the band-pass
    /// (<see cref="AxisymmetricForm"/>). The long cut-off reaches 300 µm, so the crater's wall, the aperture's rim and the
    /// primer's roll-over, filtered beside the breech face, bent the ring kept next to them: Baldwin's raw K013 A1,
    /// prepared with its mask and with its mask ignored, correlated at 0.53 where both kept the same points. The trim
    /// itself is found on the first filtering, where the halo's form is still whole.
    /// </summary>
    private static void FilterAgain(HeightGrid grid, float[] unfiltered, DetectedCircles geometry, int regionX, int regionY, double? haloRadius, PreprocessOptions options, List<string> notes)
    {
        unfiltered.CopyTo(grid.Values, 0);
        if (haloRadius is { } radius)
        {
            FiringPinHalo.Clear(grid, geometry.PinCentre.X - regionX, geometry.PinCentre.Y - regionY, radius);
        }

        RobustLeveller.Apply(grid, options.Levelling);
        if (options.RadialForm.SmoothingUm > 0)
        {
            var rms = AxisymmetricForm.Remove(grid, geometry.PrimerCentre.X - regionX, geometry.PrimerCentre.Y - regionY, options.RadialForm.SmoothingUm);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"levelled and filtered again without the halo, the primer's form about its centre taken off ({rms:0.##} µm RMS)"));
        }
        else
        {
            notes.Add("levelled and filtered again without the halo");
        }

        GaussianBandPass.Apply(grid, options.BandPass);
    }

    /// <summary>
    /// Trims the firing-pin halo (<see cref="FiringPinHalo"/>). A region given with the scan (a mask, or another
    /// pipeline's crop) is the breech face someone chose: a trim that would take more than
    /// <see cref="BreechFaceRegionOptions.MaxHaloTrimShare"/> of it is a misplaced pin circle cutting a crescent out of
    /// the annulus, so it is not made, and the notes say so.
    /// </summary>
    /// <returns>The radius (grid points about the pin's centre) inside which the trim took points out; null when it took none.</returns>
    private static double? TrimHalo(HeightGrid grid, DetectedCircles geometry, int regionX, int regionY, RegionSource source, BreechFaceRegionOptions options, List<string> notes)
    {
        var before = source == RegionSource.Detected ? null : (float[])grid.Values.Clone();
        var validBefore = before is null ? 0 : grid.CountValid();
        var trimNotes = new List<string>();
        var radius = FiringPinHalo.Trim(grid, geometry.PinCentre.X - regionX, geometry.PinCentre.Y - regionY, geometry.PinRadius, options, trimNotes);
        if (before is not null && validBefore > 0)
        {
            var removed = 1 - (grid.CountValid() / (double)validBefore);
            if (removed > options.MaxHaloTrimShare)
            {
                before.CopyTo(grid.Values, 0);
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"firing-pin halo trim would remove {removed:P0} of the breech face given (more than {options.MaxHaloTrimShare:P0}): not trimmed, the region is compared as given"));
                return null;
            }
        }

        notes.AddRange(trimNotes);
        return radius > geometry.PinRadius ? radius : null;
    }

    internal static void TooLittleLeft(HeightGrid grid, PreprocessOptions options, RegionSource source, string where)
    {
        var valid = grid.CountValid();
        if (valid < MinValidPoints / 4)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Too little breech face {where}: {valid} points at {options.Resample.TargetStepUm} µm (region source {source}); at least {MinValidPoints / 4} are needed."), "surface");
        }
    }

    private static (DetectedCircles Geometry, RegionSource Source, FiringPinRegion FiringPin) Region(Surface surface, HeightGrid grid, PreprocessOptions preprocess, List<string> notes)
    {
        var options = preprocess.Region;
        var centre = new Point2d((grid.Width - 1) / 2.0, (grid.Height - 1) / 2.0);
        var unknown = new DetectedCircles(centre, 0, centre, 0);
        if (surface.Mask is not null)
        {
            // Resample already left only the valid points inside the mask.
            using var region = grid.ValidMask();
            notes.Add("breech-face region from the scan's mask");
            var outlined = CirclesOf(region, unknown, grid.StepUm, notes);
            return (outlined, RegionSource.Mask, FiringPinExtractor.FromMasked(surface, outlined.PrimerCentre, outlined.PrimerRadius, grid.StepUm, preprocess));
        }

        var range = grid.Quantile(0.99) - grid.Quantile(0.01);
        if (range < options.ProcessedRangeUm)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"height range {range:0.#} µm: taken as already cropped and filtered; its valid points are the region"));
            using var valid = grid.ValidMask();
            return (CirclesOf(valid, unknown, grid.StepUm, notes), RegionSource.AlreadyCropped, FiringPinRegion.Absent("the scan holds the breech face only (already cropped and filtered)"));
        }

        using var found = BreechFaceRegionFinder.Find(grid, options, notes);
        if (found is null)
        {
            notes.Add("breech face not located; the whole valid scan is compared");
            return (unknown, RegionSource.AlreadyCropped, FiringPinRegion.Absent("no primer found to look for a firing pin in"));
        }

        var circles = found.Circles;
        var step = grid.StepUm;
        using var keep = new Mat(grid.Height, grid.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(keep, new Point((int)Math.Round(circles.PrimerCentre.X), (int)Math.Round(circles.PrimerCentre.Y)),
            (int)Math.Max(1, circles.PrimerRadius - (options.PrimerMarginUm / step)), Scalar.All(255), -1);
        var firingPin = FiringPinRegion.Absent("no firing-pin impression found inside the primer");
        if (found.Aperture is { } aperture)
        {
            // The aperture zone as found (not a circle: flow-back, drags and non-round pins keep their shape), brought
            // to this grid and widened by the margin whose walls are not breech-face marks.
            using var zone = new Mat();
            Cv2.Resize(aperture.Mask, zone, new Size(grid.Width, grid.Height), 0, 0, InterpolationFlags.Linear);
            Cv2.Threshold(zone, zone, 127, 255, ThresholdTypes.Binary);
            var margin = (int)Math.Round(options.FiringPinMarginUm / step);
            if (margin > 0)
            {
                using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * margin) + 1, (2 * margin) + 1));
                Cv2.Dilate(zone, zone, kernel);
            }

            keep.SetTo(Scalar.All(0), zone);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"firing-pin aperture (crater, flow-back, drag) cut out: {aperture.EquivalentRadius * found.CoarseStepUm:0} µm equivalent radius, points more than {aperture.ThresholdUm:0.#} µm off the breech face's level"));
            firingPin = FiringPinExtractor.Extract(surface, aperture, found.CoarseStepUm, preprocess);
        }

        grid.KeepOnly(keep);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"primer edge found: radius {circles.PrimerRadius * step:0} µm"));
        return (circles, RegionSource.Detected, firingPin);
    }

    /// <summary>
    /// Circles of a region given as a mask (mask file, or an already-cropped scan's valid points): the primer circle is
    /// the region's enclosing circle (the primer edge itself is no longer visible), the firing-pin circle is the circle
    /// inscribed in the largest hole of the region near its centre, where the firing-pin impression was cut out.
    /// </summary>
    internal static DetectedCircles CirclesOf(Mat region, DetectedCircles fallback, double step, List<string> notes)
    {
        // A 3×3 close seals one-point channels (dropout lines) that would open the firing-pin cut-out to the outside;
        // a closing stays inside the convex hull, so the enclosing circle does not change.
        using var closed = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));
        Cv2.MorphologyEx(region, closed, MorphTypes.Close, kernel);
        // Two-level contours: outer outlines (no parent) and the holes inside them.
        Cv2.FindContours(closed, out var contours, out var hierarchy, RetrievalModes.CComp, ContourApproximationModes.ApproxSimple);
        var outline = new List<Point>();
        for (var i = 0; i < contours.Length; i++)
        {
            if (hierarchy[i].Parent < 0)
            {
                outline.AddRange(contours[i]);
            }
        }

        if (outline.Count < 3)
        {
            return fallback;
        }

        // The enclosing circle of the outlines' hull is the region's; OpenCV's enclosing circle slows badly on the tens
        // of thousands of points of a whole ring (hundreds of ms on a cropped scan), the hull has a few hundred.
        Cv2.MinEnclosingCircle(Cv2.ConvexHull(outline), out var centre, out var radius);
        var outer = new Point2d(centre.X, centre.Y);
        var pin = HoleCircle(closed, contours, hierarchy, outer, radius);
        if (pin is null)
        {
            if (InnerEdgeCircle.Fit(closed, outer, radius) is { } arc)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"firing-pin cut-out of the region fitted to its inner edge (the region does not close round it): radius {arc.Radius * step:0} µm"));
                return new DetectedCircles(outer, radius, arc.Centre, arc.Radius);
            }

            notes.Add("no firing-pin hole found in the region");
            return new DetectedCircles(outer, radius, outer, 0);
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"firing-pin hole of the region: radius {pin.Value.Radius * step:0} µm"));
        return new DetectedCircles(outer, radius, pin.Value.Centre, pin.Value.Radius);
    }

    /// <summary>
    /// Inscribed circle of the largest hole of the region whose centroid lies within half the region's radius of its
    /// centre; null when there is none. Dropouts make many small holes; the firing-pin cut-out is the big one.
    /// </summary>
    private static (Point2d Centre, double Radius)? HoleCircle(Mat closed, Point[][] contours, HierarchyIndex[] hierarchy, Point2d centre, double radius)
    {
        var bestArea = Math.PI * 9; // below a radius of 3 points a hole is a dropout, not a firing pin
        var best = -1;
        for (var i = 0; i < contours.Length; i++)
        {
            if (hierarchy[i].Parent < 0)
            {
                continue;
            }

            var moments = Cv2.Moments(contours[i]);
            if (moments.M00 <= bestArea)
            {
                continue;
            }

            var c = new Point2d(moments.M10 / moments.M00, moments.M01 / moments.M00);
            if (Math.Sqrt(((c.X - centre.X) * (c.X - centre.X)) + ((c.Y - centre.Y) * (c.Y - centre.Y))) > 0.5 * radius)
            {
                continue;
            }

            bestArea = moments.M00;
            best = i;
        }

        if (best < 0)
        {
            return null;
        }

        // The largest inscribed circle, not the enclosing one: dropouts and drag marks joined to the cut-out stretch
        // its outline, but hardly the disc that fits inside it. Worked out in the hole's bounding box only.
        var box = Cv2.BoundingRect(contours[best]);
        using var hole = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.DrawContours(hole, contours, best, Scalar.All(255), -1, LineTypes.Link8, null, int.MaxValue, new Point(-box.X, -box.Y));
        // The filled contour includes its own outline (region points) and any islands inside: keep the empty part only.
        using (var inside = new Mat(closed, box))
        {
            Cv2.Subtract(hole, inside, hole);
        }

        using var distance = new Mat();
        Cv2.DistanceTransform(hole, distance, DistanceTypes.L2, DistanceTransformMasks.Precise);
        Cv2.MinMaxLoc(distance, out _, out double inscribed, out _, out Point at);
        return inscribed >= 3 ? (new Point2d(at.X + box.X, at.Y + box.Y), inscribed) : null;
    }

    /// <summary>
    /// Erodes the region's edges — its outline, the firing-pin cut-out, any large gap — by
    /// <see cref="BreechFaceRegionOptions.EdgeErosionUm"/>; small gaps inside it (dropouts, removed spikes) are left as
    /// they are: a dropout is not an edge of the breech face, and the masked band-pass has already filtered around it.
    /// </summary>
    internal static void ErodeEdges(HeightGrid grid, BreechFaceRegionOptions options)
    {
        var radius = (int)Math.Round(options.EdgeErosionUm / grid.StepUm);
        using var valid = grid.ValidMask();
        // The region with its small gaps filled: eroding it erodes the region's own edges only.
        using var filled = valid.Clone();
        var maxHole = options.MaxDropoutAreaUm2 / (grid.StepUm * grid.StepUm);
        Cv2.FindContours(valid, out var contours, out var hierarchy, RetrievalModes.CComp, ContourApproximationModes.ApproxSimple);
        for (var i = 0; i < contours.Length; i++)
        {
            // A hole's contour runs through its rim's valid points, so its area undercounts the hole: small gaps of
            // one or two points have none at all and are filled all the same.
            if (hierarchy[i].Parent >= 0 && Cv2.ContourArea(contours[i]) <= maxHole)
            {
                Cv2.DrawContours(filled, contours, i, Scalar.All(255), -1);
            }
        }

        if (radius >= 1)
        {
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * radius) + 1, (2 * radius) + 1));
            // Outside the grid counts as invalid, so data touching the border is eroded too.
            Cv2.Erode(filled, filled, kernel, null, 1, BorderTypes.Constant, Scalar.All(0));
        }

        Cv2.BitwiseAnd(valid, filled, valid);
        grid.KeepOnly(valid);
    }

    internal static (HeightGrid Grid, int OffsetX, int OffsetY) Crop(HeightGrid grid, int margin)
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
