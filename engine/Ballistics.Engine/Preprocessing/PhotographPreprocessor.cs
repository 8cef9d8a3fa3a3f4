using System.Diagnostics;
using System.Globalization;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Turns a cartridge-case photograph (a <see cref="SurfaceKind.Intensity2D"/> surface) into a <see cref="PreparedScan"/>
/// of the same kind: its breech face found, its lighting taken out, on the topography's common grid. The breech face is
/// the primer inside its edge (a dark ring in any light; Hough circles) without the firing-pin impression (a circle of
/// shading inside it); a photograph with no primer edge to see (a breech face already cropped, dark around it) is its lit
/// points. The intensities are taken as logarithms — an exposure becomes an offset and a gamma a factor —, band-passed
/// (the light's slow variation and vignetting out, the camera's noise smoothed) and brought to unit contrast over a
/// window, so exposure, gamma and vignetting do not matter. Points that return no light are left out.
/// </summary>
public static class PhotographPreprocessor
{
    /// <summary>
    /// 1.3: pixels clipped at the sensor's full scale (blown-out highlights) are left out like points that return no light;
    /// 1.2: shading compared as recorded is also relit from three more sides (<see cref="PreparedScan.Relit"/>);
    /// 1.1: shading integrated along a side light (<see cref="ShadingIntegration"/>).
    /// </summary>
    public const string AlgorithmVersion = "preprocess-photo/1.3";

    /// <summary>
    /// The turns (degrees from the axis the shading varies most along) a photograph's shading as recorded is relit to:
    /// integrated along that axis and differentiated along each turn. With the photograph as it is and both signs of each,
    /// a ring photograph meets another lit from any side within 22.5°.
    /// </summary>
    private static readonly double[] SteeredTurnsDeg = [45, 90, 135];

    /// <summary>
    /// A ring is the pocket's gap only when it is this much darker than the rings either side (a share of theirs): a whole
    /// ring's mean smooths a breech face's own texture to a percent or two; the gap's shadow is 8 % and more even under an
    /// even ring light.
    /// </summary>
    private const double MinGapContrast = 0.04;

    /// <summary>The sensor's full scale: the image reader brings 8- and 16-bit pixels alike to [0, 1].</summary>
    private const float FullScale = 1f;

    /// <summary>Grid the circles are looked for on, as for topography.</summary>
    private const double DetectionStepUm = BreechFaceRegionFinder.DetectionStepUm;

    public static PreparedScan Prepare(Surface photo, PreprocessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        options ??= PreprocessOptions.Default;
        if (photo.Kind != SurfaceKind.Intensity2D)
        {
            throw new ArgumentException("A photograph is a 2D intensity image; this surface is a topography.", nameof(photo));
        }

        if (Math.Abs(photo.LateralStepXUm - photo.LateralStepYUm) > 0.01 * photo.LateralStepXUm)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Pixel sizes differ between X ({photo.LateralStepXUm} µm) and Y ({photo.LateralStepYUm} µm); square pixels only."), nameof(photo));
        }

        var stats = photo.Statistics();
        if (stats.ValidPoints < Preprocessor.MinValidPoints || !(stats.Max - stats.Min > 1e-3))
        {
            throw new ArgumentException($"The photograph has {stats.ValidPoints} pixels of which none differ: no breech face to compare.", nameof(photo));
        }

        var settings = options.Photograph;
        var notes = new List<string>();
        var grid = HeightGrid.Resample(photo.Values, photo.Width, photo.Height, photo.LateralStepXUm, photo.LateralStepXUm / options.Resample.TargetStepUm, options.Resample.MinValidFraction, null);
        // Against the brighter points: a cropped breech face may fill less than half the photograph.
        var dark = (float)(settings.DarkShare * grid.Quantile(0.9));
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"photograph at {photo.LateralStepXUm:0.###} µm a pixel, lighting {(photo.Metadata.Lighting ?? ImageLighting.Unknown).ToString().ToLowerInvariant()}; points darker than {settings.DarkShare:P0} of the brightest tenth's edge return no light and are left out"));

        if (photo.Metadata.RenderedFrom is { } rendered)
        {
            notes.Add($"rendered from the topography ({rendered}) to be compared with photographs");
        }

        var (circles, source, lamp) = Region(grid, dark, options, notes);
        LeaveOutClipped(photo, grid, options, notes);
        var regionPoints = grid.CountValid();
        Preprocessor.TooLittleLeft(grid, options, source, "in the photograph's breech-face region");
        (grid, var regionX, var regionY) = Preprocessor.Crop(grid, margin: 4);
        for (var i = 0; i < grid.Values.Length; i++)
        {
            var v = grid.Values[i];
            grid.Values[i] = float.IsFinite(v) && v > dark ? MathF.Log(v) : float.NaN;
        }

        var integrated = false;
        if (lamp is { } light && ShadingIntegration.Integrates(photo.Metadata.Lighting, light.Clarity))
        {
            integrated = true;
            // Lit from one side more than the others: the shading is the slope along the light, integrated back to relief.
            ShadingIntegration.AlongLamp(grid, light.AzimuthRad);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"light from {light.AzimuthRad * 180 / Math.PI:0}° (the crater's far wall lit, moment {light.Clarity:0.00}): shading integrated along it to relief"));
        }
        else if (lamp is { } even)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"shading compared as it is: {(photo.Metadata.Lighting == ImageLighting.Ring ? "a ring light" : "the crater lit too evenly")} (moment {even.Clarity:0.00})"));
        }

        var bandPass = new BandPassOptions { ShortCutoffUm = settings.ShortCutoffUm, LongCutoffUm = settings.LongCutoffUm, MinWeight = options.BandPass.MinWeight };
        var steered = new List<HeightGrid>();
        if (!integrated && photo.Metadata.RenderedFrom is null)
        {
            // A topography's rendering is rendered under turns of its light instead (BreechFaceMatcher.PrepareAsPhotograph).
            // The shading as recorded is mostly the slopes along the side the light was brighter on, which is where it
            // varies most; the same relief lit from other sides is compared too (PreparedScan.Relit).
            var (axis, anisotropy) = ShadingIntegration.AxisFromTexture(grid, bandPass);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"shading varies most along {axis * 180 / Math.PI:0}° (anisotropy {anisotropy:0.00}): also relit from {string.Join(", ", SteeredTurnsDeg.Select(t => (t + (axis * 180 / Math.PI)).ToString("0", CultureInfo.InvariantCulture)))}°"));
            foreach (var turn in SteeredTurnsDeg)
            {
                var copy = new HeightGrid((float[])grid.Values.Clone(), grid.Width, grid.Height, grid.StepUm);
                ShadingIntegration.Relight(copy, axis, axis + (turn * Math.PI / 180));
                steered.Add(copy);
            }
        }

        var finished = new List<(Surface Surface, BreechFaceGeometry Geometry, (int X, int Y) Offset, double TurnDeg)>();
        for (var k = 0; k <= steered.Count; k++)
        {
            var g = k == 0 ? grid : steered[k - 1];
            GaussianBandPass.Apply(g, bandPass);
            NormaliseContrast(g, GaussianBandPass.SigmaUm(settings.ContrastWindowUm) / g.StepUm);
            Preprocessor.ErodeEdges(g, options.Region);
            Preprocessor.TooLittleLeft(g, options, source, "after the photograph's preparation");
            var (surface, placedGeometry, placedOffset) = Preprocessor.Place(g, circles, source, regionX, regionY, photo.Metadata, SurfaceKind.Intensity2D);
            finished.Add((surface, placedGeometry, placedOffset, k == 0 ? 0 : SteeredTurnsDeg[k - 1]));
        }

        var (prepared, geometry, offset, _) = finished[0];
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"kept {prepared.Statistics().ValidPoints / (double)regionPoints:P0} of the region's {regionPoints} lit points"));
        var firingPin = FiringPinRegion.Absent("a photograph: its firing-pin impression is not compared");
        return new PreparedScan(prepared, geometry, options, notes, regionPoints, offset)
        {
            FiringPin = firingPin,
            ShadingAsIs = !integrated,
            Relit = [.. finished.Skip(1).Select(f => new PreparedScan(f.Surface, f.Geometry, options, notes, regionPoints, f.Offset) { FiringPin = firingPin, ShadingAsIs = true, SteeredDeg = f.TurnDeg })],
        };
    }

    /// <summary>
    /// A pixel at the sensor's full scale measured nothing but that the light exceeded it: a mirror-like primer's glints
    /// blow out. Left as they are, a blown-out area is a plateau two photographs share wherever they overlap, and its
    /// uniform brightness reads as agreement (e8 photographed as a near-mirror: 44 % of different-source pairs scored
    /// 0.5 or more). Such pixels are left out before the photograph is resampled, so a grid point keeps the mean of its
    /// unclipped pixels or, with fewer than <see cref="ResampleOptions.MinValidFraction"/> of them, nothing. A topography
    /// rendered as a photograph has no sensor and is left as it is.
    /// </summary>
    private static void LeaveOutClipped(Surface photo, HeightGrid grid, PreprocessOptions options, List<string> notes)
    {
        if (photo.Metadata.RenderedFrom is not null)
        {
            return;
        }

        var values = photo.Values;
        var clipped = 0;
        var lit = 0;
        var masked = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var full = v >= FullScale;
            clipped += full ? 1 : 0;
            lit += float.IsFinite(v) ? 1 : 0;
            masked[i] = full ? float.NaN : v;
        }

        if (clipped == 0)
        {
            return;
        }

        var unclipped = HeightGrid.Resample(masked, photo.Width, photo.Height, photo.LateralStepXUm, photo.LateralStepXUm / options.Resample.TargetStepUm, options.Resample.MinValidFraction, null);
        Debug.Assert(unclipped.Width == grid.Width && unclipped.Height == grid.Height, "one resampling of one photograph");
        var lost = 0;
        for (var i = 0; i < grid.Values.Length; i++)
        {
            if (float.IsFinite(grid.Values[i]))
            {
                lost += float.IsFinite(unclipped.Values[i]) ? 0 : 1;
                grid.Values[i] = unclipped.Values[i];
            }
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{clipped / (double)Math.Max(1, lit):P1} of the pixels clipped at full scale (blown-out highlights): left out, {lost} points of the region with them"));
    }

    /// <summary>Keeps the breech face only (everything else NaN) and says where it came from.</summary>
    private static (DetectedCircles Circles, RegionSource Source, (double AzimuthRad, double Clarity)? Lamp) Region(HeightGrid grid, float dark, PreprocessOptions options, List<string> notes)
    {
        var centre = new Point2d((grid.Width - 1) / 2.0, (grid.Height - 1) / 2.0);
        var unknown = new DetectedCircles(centre, 0, centre, 0);
        var lit = LitPoints(grid, dark, options.Region.MaxDropoutAreaUm2);
        var (circles, pinSeen) = FindCircles(grid, options, notes);
        if (circles is not { } found)
        {
            // No primer edge: a breech face already cropped (dark around it), or a close-up. Its lit points are the region.
            grid.KeepOnly(lit);
            lit.Dispose();
            using var region = grid.ValidMask();
            notes.Add("no primer edge seen: the photograph's lit points are the breech face");
            return (Preprocessor.CirclesOf(region, unknown, grid.StepUm, notes), RegionSource.AlreadyCropped, null);
        }

        // Read before the crater is cut out: its walls show where the light comes from.
        var lamp = pinSeen ? ShadingIntegration.LampFromCrater(grid, found.PinCentre, found.PinRadius) : null;

        var step = grid.StepUm;
        using var keep = new Mat(grid.Height, grid.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(keep, Round(found.PrimerCentre), (int)Math.Max(1, found.PrimerRadius - (options.Region.PrimerMarginUm / step)), Scalar.All(255), -1);
        if (found.PinRadius > 0)
        {
            // The crater's rim and the flow-back's edge round it are rings of shading alike on every case of a make.
            var cut = Math.Max(found.PinRadius + (options.Region.FiringPinMarginUm / step), options.Photograph.PinCutShare * found.PinRadius);
            Cv2.Circle(keep, Round(found.PinCentre), (int)Math.Round(cut), Scalar.All(0), -1);
        }

        Cv2.BitwiseAnd(keep, lit, keep);
        lit.Dispose();
        grid.KeepOnly(keep);
        return (found, RegionSource.Detected, lamp);
    }

    /// <summary>
    /// Points that return light, without the dark areas too large to be specks (outside the case, a crater's shadow);
    /// dark specks stay in the mask and are left out point by point later.
    /// </summary>
    private static Mat LitPoints(HeightGrid grid, float dark, double maxSpeckUm2)
    {
        var lit = new Mat(grid.Height, grid.Width, MatType.CV_8UC1);
        var bytes = lit.AsSpan<byte>();
        for (var i = 0; i < grid.Values.Length; i++)
        {
            bytes[i] = float.IsFinite(grid.Values[i]) && grid.Values[i] > dark ? (byte)255 : (byte)0;
        }

        using var unlit = new Mat();
        Cv2.BitwiseNot(lit, unlit);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(unlit, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var maxPoints = maxSpeckUm2 / (grid.StepUm * grid.StepUm);
        var label = labels.AsSpan<int>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0 && stats.At<int>(label[i], (int)ConnectedComponentsTypes.Area) <= maxPoints)
            {
                bytes[i] = 255;
            }
        }

        return lit;
    }

    /// <summary>The primer edge and, inside it, the firing-pin impression, by Hough circles on the detection grid; null without a primer edge.</summary>
    private static (DetectedCircles? Circles, bool PinSeen) FindCircles(HeightGrid grid, PreprocessOptions options, List<string> notes)
    {
        var scale = Math.Min(1, grid.StepUm / DetectionStepUm);
        var coarse = HeightGrid.Resample(grid.Values, grid.Width, grid.Height, grid.StepUm, scale, 0.3, null);
        var lo = coarse.Quantile(0.02);
        var hi = coarse.Quantile(0.98);
        if (!(hi > lo))
        {
            return (null, false);
        }

        using var image = BreechFaceRegionFinder.HoughImage(coarse, lo, hi, fill: lo);
        var region = options.Region;
        var expected = region.PrimerRadiusUm / coarse.StepUm;
        var middle = new Point2d((coarse.Width - 1) / 2.0, (coarse.Height - 1) / 2.0);
        if (Circle(image, expected * (1 - region.PrimerRadiusTolerance), expected * (1 + region.PrimerRadiusTolerance), middle, double.PositiveInfinity) is not { } primer)
        {
            return (null, false);
        }

        var toGrid = coarse.StepUm / grid.StepUm;
        var primerCentre = new Point2d(primer.Center.X * toGrid, primer.Center.Y * toGrid);
        var expectedOnGrid = region.PrimerRadiusUm / grid.StepUm;
        if (GapRadius(grid, primerCentre, expectedOnGrid * (1 - region.PrimerRadiusTolerance), expectedOnGrid * (1 + region.PrimerRadiusTolerance)) is not { } gap)
        {
            // A circle with no pocket gap in shadow along it is a cropped breech face's own edge, not a primer's.
            return (null, false);
        }

        primer = new CircleSegment(primer.Center, (float)(gap / toGrid));

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"primer edge seen: radius {primer.Radius * coarse.StepUm:0} µm"));
        var settings = options.Photograph;
        var pin = Circle(image, settings.MinPinShare * primer.Radius, settings.MaxPinShare * primer.Radius, new Point2d(primer.Center.X, primer.Center.Y), 0.4 * primer.Radius);
        if (pin is not { } p)
        {
            // The crater's shading is alike on every case of a make: left in, it would make any two photographs correlate.
            var assumed = settings.AssumedPinShare * primer.Radius * toGrid;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"no firing-pin impression seen inside the primer: the middle {assumed * grid.StepUm:0} µm cut out"));
            return (new DetectedCircles(primerCentre, primer.Radius * toGrid, primerCentre, assumed), false);
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"firing-pin impression seen and cut out: radius {p.Radius * coarse.StepUm:0} µm"));
        return (new DetectedCircles(primerCentre, primer.Radius * toGrid, new Point2d(p.Center.X * toGrid, p.Center.Y * toGrid), p.Radius * toGrid), true);
    }

    /// <summary>
    /// The radius (grid points) where the primer's face ends about <paramref name="centre"/>: inside the pocket's gap, the
    /// narrow ring darker than the rings either side of it by the most, between <paramref name="minRadius"/> and
    /// <paramref name="maxRadius"/>. The gap is 25–50 µm wide and Hough, on the coarse grid, settles on it or on any wider
    /// circle (the case head's rings, the scan's own edge); the gap is in shadow under every light, the others are not.
    /// </summary>
    private static double? GapRadius(HeightGrid grid, Point2d centre, double minRadius, double maxRadius)
    {
        const int Side = 8; // rings either side the dip is measured against: 80 µm at 10 µm
        var rings = (int)Math.Ceiling(maxRadius) + Side + 1;
        var sum = new double[rings];
        var count = new int[rings];
        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            for (var x = 0; x < grid.Width; x++)
            {
                var r = (int)Math.Round(Math.Sqrt(((x - centre.X) * (x - centre.X)) + ((y - centre.Y) * (y - centre.Y))));
                if (r < rings && float.IsFinite(row[x]))
                {
                    sum[r] += row[x];
                    count[r]++;
                }
            }
        }

        var mean = new double[rings];
        for (var r = 0; r < rings; r++)
        {
            mean[r] = count[r] > 0 ? sum[r] / count[r] : double.NaN;
        }

        int? best = null;
        var bestDip = 0.0;
        var inner = new List<double>(Side);
        var outer = new List<double>(Side);
        for (var r = (int)Math.Ceiling(minRadius); r <= (int)Math.Floor(maxRadius) && r + Side < rings; r++)
        {
            if (double.IsNaN(mean[r]))
            {
                continue;
            }

            inner.Clear();
            outer.Clear();
            for (var k = 2; k <= Side; k++)
            {
                if (r - k >= 0 && !double.IsNaN(mean[r - k]))
                {
                    inner.Add(mean[r - k]);
                }

                if (!double.IsNaN(mean[r + k]))
                {
                    outer.Add(mean[r + k]);
                }
            }

            if (inner.Count < Side / 2 || outer.Count < Side / 2)
            {
                continue;
            }

            // Darker than both sides: the scan's or the photograph's own edge is dark on one side only.
            inner.Sort();
            outer.Sort();
            var lit = Math.Min(inner[inner.Count / 2], outer[outer.Count / 2]);
            var dip = lit - mean[r];
            if (dip > bestDip && dip >= MinGapContrast * lit)
            {
                bestDip = dip;
                best = r;
            }
        }

        if (best is not { } darkest)
        {
            return null;
        }

        // The primer's face ends where, walking in from the gap, the rings come back to its level (the rings at 0.5–0.7
        // of the radius, the firing pin well inside them): the primer's rounded edge is in shadow too.
        var face = new List<double>();
        for (var r = (int)(0.5 * darkest); r <= (int)(0.7 * darkest); r++)
        {
            if (!double.IsNaN(mean[r]))
            {
                face.Add(mean[r]);
            }
        }

        if (face.Count == 0)
        {
            return darkest;
        }

        face.Sort();
        var level = face[face.Count / 2];
        var back = level - (0.25 * (level - mean[darkest]));
        for (var r = darkest; r > 0.7 * darkest; r--)
        {
            if (!double.IsNaN(mean[r]) && mean[r] >= back)
            {
                return r;
            }
        }

        return darkest;
    }

    /// <summary>The circle of radius within the range nearest <paramref name="near"/> (within <paramref name="within"/>), with the most votes asked first.</summary>
    private static CircleSegment? Circle(Mat image, double minRadius, double maxRadius, Point2d near, double within)
    {
        foreach (var votes in new[] { 60, 40, 25, 15 })
        {
            var circles = Cv2.HoughCircles(image, HoughModes.Gradient, 1, Math.Max(1, minRadius), 80, votes, (int)Math.Floor(minRadius), (int)Math.Ceiling(maxRadius))
                .Where(c => Distance(near, c.Center) <= within)
                .OrderBy(c => Distance(near, c.Center))
                .ToArray();
            if (circles.Length > 0)
            {
                return circles[0];
            }
        }

        return null;
    }

    /// <summary>Divides every point by the root mean square of its neighbourhood (NaN-aware Gaussian of the squares).</summary>
    private static void NormaliseContrast(HeightGrid grid, double sigmaPoints)
    {
        var values = grid.Values;
        var squares = new float[values.Length];
        var weights = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var ok = float.IsFinite(values[i]);
            squares[i] = ok ? values[i] * values[i] : 0;
            weights[i] = ok ? 1 : 0;
        }

        using (var s = Mat.FromPixelData(grid.Height, grid.Width, MatType.CV_32FC1, squares))
        using (var w = Mat.FromPixelData(grid.Height, grid.Width, MatType.CV_32FC1, weights))
        {
            Cv2.GaussianBlur(s, s, new Size(0, 0), sigmaPoints, sigmaPoints, BorderTypes.Constant);
            Cv2.GaussianBlur(w, w, new Size(0, 0), sigmaPoints, sigmaPoints, BorderTypes.Constant);
        }

        for (var i = 0; i < values.Length; i++)
        {
            var rms = weights[i] > 1e-3f ? MathF.Sqrt(squares[i] / weights[i]) : 0;
            values[i] = float.IsFinite(values[i]) && rms > 0 ? values[i] / rms : float.NaN;
        }
    }

    private static Point Round(Point2d p) => new((int)Math.Round(p.X), (int)Math.Round(p.Y));

    private static double Distance(Point2d a, Point2f b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
