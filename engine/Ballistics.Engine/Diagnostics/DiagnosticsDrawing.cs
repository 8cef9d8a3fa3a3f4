using System.Globalization;
using OpenCvSharp;

namespace Ballistics.Engine.Diagnostics;

/// <summary>The marks every diagnostic picture shares: scale bar, labels, colour scales and their legends.</summary>
internal static class DiagnosticsDrawing
{
    private const int LegendWidthPx = 110;
    private const int GapPx = 12;
    private static readonly Scalar Paper = new(32, 26, 22);
    private static readonly Scalar Ink = new(235, 235, 235);

    /// <summary>Lengths a scale bar may take, so that it reads as a round number.</summary>
    private static readonly double[] BarLengthsUm = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];

    /// <summary>A bar of a round length about a fifth of the picture wide, at its lower left, with its length written over it.</summary>
    public static void ScaleBar(Mat picture, double pixelUm)
    {
        var wantedUm = picture.Width * pixelUm / 5;
        var lengthUm = BarLengthsUm.LastOrDefault(l => l <= wantedUm, BarLengthsUm[0]);
        var lengthPx = (int)Math.Round(lengthUm / pixelUm);
        var y = picture.Height - 14;
        Cv2.Rectangle(picture, new Rect(11, y - 1, lengthPx + 2, 8), Scalar.Black, -1);
        Cv2.Rectangle(picture, new Rect(12, y, lengthPx, 6), Scalar.White, -1);
        var text = lengthUm >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{lengthUm / 1000:0.#} mm") : string.Create(CultureInfo.InvariantCulture, $"{lengthUm:0} um");
        Label(picture, text, new Point(12, y - 6));
    }

    /// <summary>White text with a dark outline, readable on any relief.</summary>
    public static void Label(Mat picture, string text, Point at, double size = 0.5)
    {
        Cv2.PutText(picture, text, at, HersheyFonts.HersheySimplex, size, Scalar.Black, 3, LineTypes.AntiAlias);
        Cv2.PutText(picture, text, at, HersheyFonts.HersheySimplex, size, Scalar.White, 1, LineTypes.AntiAlias);
    }

    /// <summary>Blends a colour over the box where the mask is set, leaving the rest of the box as it was.</summary>
    public static void Tint(Mat picture, Mat mask, Rect box, Scalar colour, double opacity)
    {
        box &= new Rect(0, 0, picture.Width, picture.Height);
        using var region = new Mat(picture, box);
        using var regionMask = new Mat(mask, box);
        using var solid = new Mat(region.Size(), region.Type(), colour);
        using var blended = new Mat();
        Cv2.AddWeighted(region, 1 - opacity, solid, opacity, 0, blended);
        blended.CopyTo(region, regionMask);
    }

    /// <summary>A cell's colour on the viridis scale over correlations 0 to 1 (below 0 as 0).</summary>
    public static Scalar CcfColour(double ccf)
    {
        var c = Viridis[(int)Math.Round(Math.Clamp(ccf, 0, 1) * 255)];
        return new Scalar(c.Item0, c.Item1, c.Item2);
    }

    /// <summary>Blue (−1) through white (0) to red (+1), the usual scale for signed differences.</summary>
    public static Vec3b Diverging(double t)
    {
        t = Math.Clamp(t, -1, 1);
        // BGR of ColorBrewer's RdBu ends: (33, 102, 172) blue and (178, 24, 43) red, with white in the middle.
        var (b, g, r) = t < 0 ? (172.0, 102.0, 33.0) : (43.0, 24.0, 178.0);
        var w = Math.Abs(t);
        return new Vec3b((byte)Math.Round(247 + ((b - 247) * w)), (byte)Math.Round(247 + ((g - 247) * w)), (byte)Math.Round(247 + ((r - 247) * w)));
    }

    /// <summary>A vertical colour bar for cell correlations, 1 at the top, with the congruence threshold marked.</summary>
    public static Mat CcfLegend(int height, double threshold)
    {
        var legend = Strip(height);
        var (top, bottom) = BarSpan(height);
        for (var y = top; y <= bottom; y++)
        {
            var ccf = 1 - ((y - top) / (double)(bottom - top));
            Cv2.Line(legend, new Point(12, y), new Point(36, y), CcfColour(ccf), 1);
        }

        Tick(legend, top, "1.0");
        Tick(legend, bottom, "0.0");
        var at = top + (int)Math.Round((1 - threshold) * (bottom - top));
        Cv2.Line(legend, new Point(8, at), new Point(40, at), Scalar.White, 2);
        Tick(legend, at, string.Create(CultureInfo.InvariantCulture, $"{threshold:0.00}"));
        Label(legend, "CCF", new Point(12, top - 12));
        return legend;
    }

    /// <summary>A vertical colour bar for height differences, +range at the top.</summary>
    public static Mat DifferenceLegend(int height, double rangeUm)
    {
        var legend = Strip(height);
        var (top, bottom) = BarSpan(height);
        for (var y = top; y <= bottom; y++)
        {
            var v = Diverging(1 - (2 * (y - top) / (double)(bottom - top)));
            Cv2.Line(legend, new Point(12, y), new Point(36, y), new Scalar(v.Item0, v.Item1, v.Item2), 1);
        }

        Tick(legend, top, string.Create(CultureInfo.InvariantCulture, $"+{rangeUm:0.00}"));
        Tick(legend, (top + bottom) / 2, "0");
        Tick(legend, bottom, string.Create(CultureInfo.InvariantCulture, $"-{rangeUm:0.00}"));
        Label(legend, "um", new Point(12, top - 12));
        return legend;
    }

    /// <summary>Pictures placed left to right on one dark sheet, tops aligned.</summary>
    public static Mat SideBySide(Mat left, Mat? right, Mat legend)
    {
        var height = Math.Max(Math.Max(left.Height, right?.Height ?? 0), legend.Height);
        var width = left.Width + (right is null ? 0 : GapPx + right.Width) + GapPx + legend.Width;
        var sheet = new Mat(height, width, MatType.CV_8UC3, Paper);
        var x = 0;
        foreach (var part in new[] { left, right, legend })
        {
            if (part is null)
            {
                continue;
            }

            using (var target = new Mat(sheet, new Rect(x, 0, part.Width, part.Height)))
            {
                part.CopyTo(target);
            }

            x += part.Width + GapPx;
        }

        return sheet;
    }

    private static Mat Strip(int height) => new(height, LegendWidthPx, MatType.CV_8UC3, Paper);

    private static (int Top, int Bottom) BarSpan(int height) => (34, Math.Max(60, height - 34));

    private static void Tick(Mat legend, int y, string text)
    {
        Cv2.Line(legend, new Point(36, y), new Point(42, y), Ink, 1);
        Cv2.PutText(legend, text, new Point(46, y + 5), HersheyFonts.HersheySimplex, 0.45, Ink, 1, LineTypes.AntiAlias);
    }

    /// <summary>OpenCV's own viridis table, read once: ApplyColorMap over the 256 grey levels.</summary>
    private static readonly Vec3b[] Viridis = BuildViridis();

    private static Vec3b[] BuildViridis()
    {
        using var ramp = new Mat(1, 256, MatType.CV_8UC1);
        var levels = ramp.AsSpan<byte>();
        for (var i = 0; i < 256; i++)
        {
            levels[i] = (byte)i;
        }

        using var coloured = new Mat();
        Cv2.ApplyColorMap(ramp, coloured, ColormapTypes.Viridis);
        return coloured.AsSpan<Vec3b>().ToArray();
    }
}
