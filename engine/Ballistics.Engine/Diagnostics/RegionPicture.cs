using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.Diagnostics;

/// <summary>
/// The scan as given (raw heights, levelled by a plane only), shaded, with the breech-face region preprocessing kept
/// outlined and everything else dimmed: what an examiner checks first — was the breech face compared, or a ring of the
/// case head, a crescent, the crater's lip?
/// </summary>
internal static class RegionPicture
{
    private static readonly Scalar OutlineColour = new(0, 215, 255);

    public static DiagnosticImage Render(string name, string title, Surface source, PreparedScan prepared, DiagnosticsOptions options)
    {
        var step = prepared.Surface.LateralStepXUm;
        // The same grid preprocessing worked on (its step, no mask), so the prepared points fall on it at their offset.
        var grid = HeightGrid.Resample(source.Values, source.Width, source.Height, source.LateralStepXUm, source.LateralStepXUm / step, prepared.Options.Resample.MinValidFraction, null);
        RobustLeveller.Apply(grid, new LevellingOptions { Order = 1, Iterations = 2 });
        var slope = ShadedRelief.MedianSlope(grid.Values, grid.Width, grid.Height, step);
        var exaggeration = double.IsFinite(slope) && slope > 0 ? options.TypicalSlope / slope : 1;
        using var relief = new Mat(grid.Height, grid.Width, MatType.CV_8UC3);
        ShadedRelief.Render(grid.Values, grid.Width, grid.Height, step, exaggeration, options, relief, new Vec3b(58, 46, 40));

        using var kept = new Mat(grid.Height, grid.Width, MatType.CV_8UC1, Scalar.All(0));
        var k = kept.AsSpan<byte>();
        var p = prepared.Surface;
        var (ox, oy) = prepared.SourceOffset;
        var points = 0;
        for (var y = 0; y < p.Height; y++)
        {
            for (var x = 0; x < p.Width; x++)
            {
                var (gx, gy) = (x + ox, y + oy);
                if (float.IsFinite(p[x, y]) && gx >= 0 && gy >= 0 && gx < grid.Width && gy < grid.Height)
                {
                    k[(gy * grid.Width) + gx] = 255;
                    points++;
                }
            }
        }

        // Outside the region at a third of its brightness; the region's outline (small gaps closed) drawn over it.
        using var outside = new Mat();
        Cv2.BitwiseNot(kept, outside);
        using (var dimmed = relief.Clone())
        {
            dimmed.ConvertTo(dimmed, -1, 0.35);
            dimmed.CopyTo(relief, outside);
        }

        using var closed = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5)))
        {
            Cv2.MorphologyEx(kept, closed, MorphTypes.Close, kernel);
        }

        var scale = Math.Max(1, (int)Math.Ceiling(options.MinPanelSidePx / (double)Math.Max(grid.Width, grid.Height)));
        using var picture = new Mat();
        Cv2.Resize(relief, picture, new Size(grid.Width * scale, grid.Height * scale), 0, 0, InterpolationFlags.Linear);
        Cv2.FindContours(closed, out var contours, out _, RetrievalModes.CComp, ContourApproximationModes.ApproxSimple);
        var scaled = contours.Where(c => Cv2.ContourArea(c) > 25).Select(c => c.Select(q => new Point((q.X * scale) + (scale / 2), (q.Y * scale) + (scale / 2))).ToArray()).ToArray();
        Cv2.Polylines(picture, scaled, true, OutlineColour, 2, LineTypes.AntiAlias);
        DiagnosticsDrawing.ScaleBar(picture, step / scale);
        var description = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"The scan as given, levelled by a plane and shaded; the region compared is outlined in yellow ({points * step * step / 1e6:0.00} mm², {prepared.KeptShare:P0} of the region's valid points; region from {prepared.Geometry.Source}), the rest dimmed.");
        return new DiagnosticImage(name, title, description, picture.Width, picture.Height, DiagnosticsRenderer.EncodePng(picture));
    }
}
