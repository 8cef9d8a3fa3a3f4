using Ballistics.Engine.Comparison;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.Diagnostics;

/// <summary>
/// Draws a comparison's pictures from the two prepared surfaces (µm, the band the cells were compared in) and the
/// comparison's own registration and cells — nothing is measured again, so the pictures show exactly what was scored.
/// </summary>
internal static class DiagnosticsRenderer
{
    private static readonly Vec3b Background = new(58, 46, 40);
    private static readonly Scalar Outline = new(255, 255, 255);
    private static readonly Scalar ReferenceEdge = new(0, 215, 255);

    public static ComparisonDiagnostics Render(Surface a, Surface b, ComparisonResult result, DiagnosticsOptions options)
    {
        var stepUm = a.LateralStepXUm;
        var registration = result.Registration;
        var aligned = Aligned(a, b, registration);
        var exaggeration = Exaggeration(a, b, options);
        var scale = Math.Max(1, (int)Math.Ceiling(options.MinPanelSidePx / (double)Math.Max(Math.Max(a.Width, a.Height), Math.Max(b.Width, b.Height))));
        var pixelUm = stepUm / scale;

        using var reliefA = Relief(a.Values, a.Width, a.Height, stepUm, exaggeration, options, scale);
        using var reliefB = Relief(b.Values, b.Width, b.Height, stepUm, exaggeration, options, scale);
        using var reliefAligned = Relief(aligned, a.Width, a.Height, stepUm, exaggeration, options, scale);
        using var maskA = UpscaledMask(a.Values, a.Width, a.Height, scale);
        using var maskAligned = UpscaledMask(aligned, a.Width, a.Height, scale);

        var cells = Cells(result, a, b, stepUm);
        var (difference, rangeUm) = Difference(a.Values, aligned, a.Width, a.Height, scale, options.DifferenceQuantile);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var reg = string.Format(c, "θ {0:0.0}°, shift ({1:0}, {2:0}) µm", registration.RotationDeg, registration.DxUm, registration.DyUm);
        var images = new List<DiagnosticImage>
        {
            Encode("reference", "Reference (A)", "Shaded relief of the reference scan's breech face as compared (band-passed heights), lit from the upper left.", WithScaleBar(reliefA, pixelUm)),
            Encode("target", "Target (B)", "Shaded relief of the target scan as compared, in its own orientation.", WithScaleBar(reliefB, pixelUm)),
            Encode("aligned", "Target aligned to reference", $"The target turned and moved onto the reference's grid as the registration found ({reg}); the yellow line is the edge of the reference's data.", WithScaleBar(Edged(reliefAligned, maskA), pixelUm)),
            Encode("overlay", "Overlay", "Reference in magenta, aligned target in green: where their marks agree the picture is grey; marks of one scan only keep its colour.", WithScaleBar(Overlay(reliefA, maskA, reliefAligned, maskAligned), pixelUm)),
            Encode("cells", "Congruent matching cells", CellsDescription(result), CellsPicture(reliefA, maskA, reliefB, result, a, b, cells, scale, pixelUm)),
            Encode("difference", "Difference (A − aligned B)", string.Format(c, "Height of the reference minus the aligned target where both have data, in µm (red: reference higher, blue: target higher); colours saturate at ±{0:0.00} µm, the {1:0%} quantile.", rangeUm, options.DifferenceQuantile), WithDifferenceLegend(difference, rangeUm, pixelUm)),
        };
        return new ComparisonDiagnostics(images, cells, exaggeration, rangeUm, options, $"{ComparisonDiagnostics.Version} {result.AlgorithmVersion}");
    }

    /// <summary>
    /// The two firing-pin impressions as compared: A's, B's turned about its axis onto A's at the comparison's angle (axis
    /// on axis), and the two overlaid in magenta and green, side by side, with the same relief exaggeration.
    /// </summary>
    public static DiagnosticImage FiringPin(FiringPinImpression a, FiringPinImpression b, FiringPinComparison comparison, DiagnosticsOptions options)
    {
        var (sa, sb) = (a.Surface, b.Surface);
        var stepUm = sa.LateralStepXUm;
        // B's axis onto A's: t = a − R(θ)·b, with both axes in µm from their surfaces' centres.
        var (rx, ry) = Rotation2D.FromDegrees(comparison.RotationDeg).Apply(b.AxisUm.X, b.AxisUm.Y);
        var pose = new Registration(comparison.RotationDeg, a.AxisUm.X - rx, a.AxisUm.Y - ry, 0, 0);
        var aligned = Aligned(sa, sb, pose);
        var exaggeration = Exaggeration(sa, sb, options);
        var scale = Math.Max(1, (int)Math.Ceiling(options.MinPanelSidePx / 2.0 / Math.Max(sa.Width, sa.Height)));
        using var reliefA = Relief(sa.Values, sa.Width, sa.Height, stepUm, exaggeration, options, scale);
        using var reliefAligned = Relief(aligned, sa.Width, sa.Height, stepUm, exaggeration, options, scale);
        using var maskA = UpscaledMask(sa.Values, sa.Width, sa.Height, scale);
        using var maskAligned = UpscaledMask(aligned, sa.Width, sa.Height, scale);
        using var edged = Edged(reliefAligned, maskA);
        using var overlay = Overlay(reliefA, maskA, reliefAligned, maskAligned);
        using var left = WithScaleBar(reliefA, stepUm / scale);
        var picture = new Mat();
        Cv2.HConcat([left, edged, overlay], picture);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return Encode(
            "firing-pin",
            "Firing-pin impressions",
            string.Format(c, "Left: A's firing-pin impression as compared (floor, flow-back and rim; walls removed). Middle: B's turned {0:0.0}° about its axis onto A's (the yellow line is the edge of A's data). Right: A in magenta, B in green. Correlation {1:0.000} over {2:N0} points.", comparison.RotationDeg, comparison.Ncc, comparison.OverlapPoints),
            picture);
    }

    private static string CellsDescription(ComparisonResult result) =>
        string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "Left: the reference's {0}×{0} cells coloured by their best correlation in the target (scale at right; the threshold {1:0.00} marked); congruent cells outlined and numbered ({2} of {3}). Right: the target, with each congruent cell where it matched.",
            result.Options.Cmc.GridCells, result.Options.Cmc.CcfThreshold, result.Forward.CmcCount, result.Forward.ValidCells);

    /// <summary>B's heights (µm) on A's grid, turned and moved as <paramref name="pose"/> places it; NaN where B has none.</summary>
    private static float[] Aligned(Surface a, Surface b, Registration pose)
    {
        using var rawB = Planes(b);
        using var alignedPlanes = MaskedImage.Create(a.Width, a.Height);
        alignedPlanes.WarpRegistered(rawB, pose, a.LateralStepXUm, 0);
        return Heights(alignedPlanes);
    }

    /// <summary>One height exaggeration for both reliefs, bringing their median slope to the options' typical slope.</summary>
    private static double Exaggeration(Surface a, Surface b, DiagnosticsOptions options)
    {
        var slopes = new[] { ShadedRelief.MedianSlope(a.Values, a.Width, a.Height, a.LateralStepXUm), ShadedRelief.MedianSlope(b.Values, b.Width, b.Height, b.LateralStepXUm) }
            .Where(s => double.IsFinite(s) && s > 0).ToArray();
        return slopes.Length == 0 ? 1 : options.TypicalSlope / slopes.Average();
    }

    /// <summary>A surface's values as a masked image without standardising: the heights stay in µm.</summary>
    private static MaskedImage Planes(Surface surface)
    {
        var values = new float[surface.Values.Length];
        var mask = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = surface.Values[i];
            (values[i], mask[i]) = float.IsNaN(v) ? (0f, 0f) : (v, 1f);
        }

        return MaskedImage.FromPlanes(values, mask, surface.Width, surface.Height);
    }

    private static float[] Heights(MaskedImage image)
    {
        var values = image.Values.AsSpan<float>();
        var mask = image.Mask.AsSpan<float>();
        var heights = new float[values.Length];
        for (var i = 0; i < heights.Length; i++)
        {
            heights[i] = mask[i] > 0.5f ? values[i] : float.NaN;
        }

        return heights;
    }

    private static Mat Relief(ReadOnlySpan<float> heights, int width, int height, double stepUm, double exaggeration, DiagnosticsOptions options, int scale)
    {
        using var native = new Mat(height, width, MatType.CV_8UC3);
        ShadedRelief.Render(heights, width, height, stepUm, exaggeration, options, native, Background);
        return Enlarged(native, scale, InterpolationFlags.Linear);
    }

    private static Mat UpscaledMask(ReadOnlySpan<float> heights, int width, int height, int scale)
    {
        using var native = new Mat(height, width, MatType.CV_8UC1);
        var pixels = native.AsSpan<byte>();
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = float.IsNaN(heights[i]) ? (byte)0 : (byte)255;
        }

        return Enlarged(native, scale, InterpolationFlags.Nearest);
    }

    private static Mat Enlarged(Mat native, int scale, InterpolationFlags interpolation)
    {
        var enlarged = new Mat();
        Cv2.Resize(native, enlarged, new Size(native.Width * scale, native.Height * scale), 0, 0, interpolation);
        return enlarged;
    }

    private static Mat Edged(Mat relief, Mat mask)
    {
        var picture = relief.Clone();
        Cv2.FindContours(mask, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        Cv2.DrawContours(picture, contours, -1, ReferenceEdge, 2, LineTypes.AntiAlias);
        return picture;
    }

    private static Mat Overlay(Mat reliefA, Mat maskA, Mat reliefB, Mat maskB)
    {
        var picture = new Mat(reliefA.Size(), MatType.CV_8UC3, new Scalar(Background.Item0, Background.Item1, Background.Item2));
        var a = reliefA.AsSpan<Vec3b>();
        var b = reliefB.AsSpan<Vec3b>();
        var ma = maskA.AsSpan<byte>();
        var mb = maskB.AsSpan<byte>();
        var output = picture.AsSpan<Vec3b>();
        for (var i = 0; i < output.Length; i++)
        {
            if (ma[i] == 0 && mb[i] == 0)
            {
                continue;
            }

            var ga = ma[i] == 0 ? (byte)0 : a[i].Item0;
            var gb = mb[i] == 0 ? (byte)0 : b[i].Item0;
            output[i] = new Vec3b(ga, gb, ga);
        }

        return picture;
    }

    private static IReadOnlyList<DiagnosticCell> Cells(ComparisonResult result, Surface a, Surface b, double stepUm) =>
        [.. DirectionCells("forward", result.Forward, result.Registration, a, stepUm, result.Options.Cmc.GridCells),
            .. DirectionCells("backward", result.Backward, result.Registration.Inverse(), b, stepUm, result.Options.Cmc.GridCells)];

    /// <summary>
    /// Each cell's centre in its own scan and its match in the other. The search turned the other scan by the cell's angle and
    /// found the cell moved by (DxUm, DyUm) from where the registration put it, so its match is the cell's centre carried by
    /// that turn and the registration's shift less the cell's own.
    /// </summary>
    private static IEnumerable<DiagnosticCell> DirectionCells(string direction, Comparison.CmcDirection cells, Registration registration, Surface reference, double stepUm, int grid)
    {
        foreach (var cell in cells.Cells)
        {
            var (x, y) = CellCentreUm(cell.Row, cell.Column, reference, stepUm, grid);
            var (mx, my) = cell.Found ? MatchUm(cell, registration, x, y) : (double.NaN, double.NaN);
            yield return new DiagnosticCell(direction, cell.Row, cell.Column, cell.Found, cell.Congruent, cell.Ccf, cell.RotationDeg, x, y, mx, my);
        }
    }

    private static (double X, double Y) CellCentreUm(int row, int column, Surface scan, double stepUm, int grid)
    {
        var rect = CellComparer.CellRect(row, column, scan.Width, scan.Height, grid);
        return ((rect.X + ((rect.Width - 1) / 2.0) - ((scan.Width - 1) / 2.0)) * stepUm, (rect.Y + ((rect.Height - 1) / 2.0) - ((scan.Height - 1) / 2.0)) * stepUm);
    }

    private static (double X, double Y) MatchUm(CellResult cell, Registration registration, double xUm, double yUm) =>
        new Registration(cell.RotationDeg, registration.DxUm - cell.DxUm, registration.DyUm - cell.DyUm, 0, 0).MapToB(xUm, yUm);

    internal static byte[] EncodePng(Mat picture)
    {
        Cv2.ImEncode(".png", picture, out var png);
        return png;
    }

    private static DiagnosticImage Encode(string name, string title, string description, Mat picture)
    {
        using (picture)
        {
            return new DiagnosticImage(name, title, description, picture.Width, picture.Height, EncodePng(picture));
        }
    }

    private static Mat WithScaleBar(Mat picture, double pixelUm)
    {
        var copy = picture.Clone();
        DiagnosticsDrawing.ScaleBar(copy, pixelUm);
        return copy;
    }

    private static Mat CellsPicture(Mat reliefA, Mat maskA, Mat reliefB, ComparisonResult result, Surface a, Surface b, IReadOnlyList<DiagnosticCell> cells, int scale, double pixelUm)
    {
        using var left = reliefA.Clone();
        var grid = result.Options.Cmc.GridCells;
        var threshold = result.Options.Cmc.CcfThreshold;
        var forward = cells.Where(c => c.Direction == "forward").ToArray();
        foreach (var cell in forward)
        {
            var rect = CellComparer.CellRect(cell.Row, cell.Column, a.Width, a.Height, grid);
            if (rect.Width <= 0 || rect.Height <= 0)
            {
                continue;
            }

            var box = new Rect(rect.X * scale, rect.Y * scale, rect.Width * scale, rect.Height * scale);
            if (cell.Found)
            {
                DiagnosticsDrawing.Tint(left, maskA, box, DiagnosticsDrawing.CcfColour(cell.Ccf), cell.Congruent ? 0.55 : 0.35);
            }

            Cv2.Rectangle(left, box, new Scalar(150, 150, 150), 1);
        }

        using var right = reliefB.Clone();
        foreach (var cell in forward.Where(c => c.Congruent))
        {
            var rect = CellComparer.CellRect(cell.Row, cell.Column, a.Width, a.Height, grid);
            var box = new Rect(rect.X * scale, rect.Y * scale, rect.Width * scale, rect.Height * scale);
            var label = ((cell.Row * grid) + cell.Column + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Cv2.Rectangle(left, box, Outline, 3);
            DiagnosticsDrawing.Label(left, label, new Point(box.X + 5, box.Y + 18));

            // The matched cell: the reference cell's corners carried into the target by the cell's own pose.
            var halfW = rect.Width * b.LateralStepXUm / 2;
            var halfH = rect.Height * b.LateralStepXUm / 2;
            var pose = new Registration(cell.RotationDeg, 0, 0, 0, 0);
            var corners = new[] { (-halfW, -halfH), (halfW, -halfH), (halfW, halfH), (-halfW, halfH) }
                .Select(o => pose.MapToB(o.Item1, o.Item2))
                .Select(o => ToPixel(cell.MatchXUm + o.X, cell.MatchYUm + o.Y, b, scale))
                .ToArray();
            Cv2.Polylines(right, [corners], isClosed: true, Outline, 3, LineTypes.AntiAlias);
            var centre = ToPixel(cell.MatchXUm, cell.MatchYUm, b, scale);
            DiagnosticsDrawing.Label(right, label, new Point(centre.X - 6, centre.Y + 6));
        }

        DiagnosticsDrawing.ScaleBar(left, pixelUm);
        DiagnosticsDrawing.ScaleBar(right, pixelUm);
        return DiagnosticsDrawing.SideBySide(left, right, DiagnosticsDrawing.CcfLegend(Math.Max(left.Height, right.Height), threshold));
    }

    private static Point ToPixel(double xUm, double yUm, Surface scan, int scale) =>
        new((int)Math.Round((((xUm / scan.LateralStepXUm) + ((scan.Width - 1) / 2.0)) + 0.5) * scale), (int)Math.Round((((yUm / scan.LateralStepXUm) + ((scan.Height - 1) / 2.0)) + 0.5) * scale));

    private static (Mat Picture, double RangeUm) Difference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int height, int scale, double quantile)
    {
        var differences = new List<double>();
        for (var i = 0; i < a.Length; i++)
        {
            if (!float.IsNaN(a[i]) && !float.IsNaN(b[i]))
            {
                differences.Add(Math.Abs(a[i] - b[i]));
            }
        }

        differences.Sort();
        var range = differences.Count == 0 ? 1 : Math.Max(1e-3, differences[Math.Min(differences.Count - 1, (int)(quantile * (differences.Count - 1)))]);
        using var native = new Mat(height, width, MatType.CV_8UC3);
        var pixels = native.AsSpan<Vec3b>();
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = float.IsNaN(a[i]) || float.IsNaN(b[i]) ? Background : DiagnosticsDrawing.Diverging((a[i] - b[i]) / range);
        }

        return (Enlarged(native, scale, InterpolationFlags.Nearest), range);
    }

    private static Mat WithDifferenceLegend(Mat picture, double rangeUm, double pixelUm)
    {
        using (picture)
        {
            DiagnosticsDrawing.ScaleBar(picture, pixelUm);
            using var legend = DiagnosticsDrawing.DifferenceLegend(picture.Height, rangeUm);
            return DiagnosticsDrawing.SideBySide(picture, null, legend);
        }
    }
}
