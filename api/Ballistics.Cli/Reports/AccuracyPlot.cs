using System.Globalization;
using Ballistics.Engine.Evaluation;
using OpenCvSharp;
using CvScalar = OpenCvSharp.Scalar;

namespace Ballistics.Cli.Reports;

/// <summary>
/// The ROC curves of the evaluated methods (left) and the score distributions of the first (right) in one PNG.
/// Drawn with OpenCV, which the engine already ships: a plotting library would add SkiaSharp's native
/// packages for two simple charts; the analyst reports of a later issue are where a plotting library pays.
/// </summary>
internal static class AccuracyPlot
{
    private const int Width = 1400;
    private const int Height = 620;
    private static readonly CvScalar[] Colours = [new(200, 90, 20), new(40, 40, 200), new(40, 150, 40)];

    public static void Write(string pngPath, IReadOnlyList<(string Name, AccuracyReport Report, IReadOnlyList<ScoredPair> Pairs)> methods, string title)
    {
        using var canvas = new Mat(Height, Width, MatType.CV_8UC3, CvScalar.All(255));
        Cv2.PutText(canvas, title, new Point(30, 35), HersheyFonts.HersheySimplex, 0.8, CvScalar.All(0), 2, LineTypes.AntiAlias);
        var roc = new Rect(80, 70, 560, 480);
        var hist = new Rect(780, 70, 560, 480);
        Axes(canvas, roc, "false positive rate", "true positive rate");
        Axes(canvas, hist, "score", "fraction of pairs");
        for (var m = 0; m < methods.Count; m++)
        {
            var colour = Colours[m % Colours.Length];
            var points = methods[m].Report.Roc
                .Select(p => new Point(roc.X + (int)(p.FalsePositiveRate * roc.Width), roc.Bottom - (int)(p.TruePositiveRate * roc.Height)))
                .Append(new Point(roc.Right, roc.Top))
                .ToArray();
            Cv2.Polylines(canvas, [points], false, colour, 2, LineTypes.AntiAlias);
            var label = string.Format(CultureInfo.InvariantCulture, "{0}: AUC {1:0.000}", methods[m].Name, methods[m].Report.Auc);
            Cv2.PutText(canvas, label, new Point(roc.X + 150, roc.Bottom - 30 - (25 * m)), HersheyFonts.HersheySimplex, 0.55, colour, 1, LineTypes.AntiAlias);
        }

        Histogram(canvas, hist, methods[0].Pairs, methods[0].Name);
        Cv2.ImWrite(pngPath, canvas);
    }

    /// <summary>
    /// The reliability diagram of a score: each bin's share of same-source pairs against its mean score (the diagonal is
    /// a calibrated score), with the pairs in each bin as a bar beneath on a log scale.
    /// </summary>
    public static void WriteReliability(string pngPath, Calibration calibration, string title)
    {
        using var canvas = new Mat(Height, 760, MatType.CV_8UC3, CvScalar.All(255));
        Cv2.PutText(canvas, title, new Point(30, 35), HersheyFonts.HersheySimplex, 0.6, CvScalar.All(0), 1, LineTypes.AntiAlias);
        var area = new Rect(90, 70, 560, 420);
        Axes(canvas, area, "mean score in bin", "share same source");
        Cv2.Line(canvas, new Point(area.X, area.Bottom), new Point(area.Right, area.Top), new CvScalar(160, 160, 160), 1, LineTypes.AntiAlias);
        var most = Math.Max(1, calibration.Bins.Max(b => b.Pairs));
        var points = new List<Point>();
        foreach (var bin in calibration.Bins)
        {
            var x0 = area.X + (int)(bin.From * area.Width);
            var barHeight = bin.Pairs == 0 ? 0 : (int)(40 * Math.Log10(1 + bin.Pairs) / Math.Log10(1 + most));
            Cv2.Rectangle(canvas, new Rect(x0 + 2, area.Bottom + 95 - barHeight, (area.Width / Calibration.BinCount) - 4, barHeight), new CvScalar(200, 200, 200), -1);
            if (bin.Pairs > 0)
            {
                var point = new Point(area.X + (int)(bin.MeanScore * area.Width), area.Bottom - (int)(bin.SameSourceRate * area.Height));
                points.Add(point);
                Cv2.Circle(canvas, point, 5, Colours[0], -1, LineTypes.AntiAlias);
            }
        }

        if (points.Count > 1)
        {
            Cv2.Polylines(canvas, [points.ToArray()], false, Colours[0], 2, LineTypes.AntiAlias);
        }

        var label = string.Format(CultureInfo.InvariantCulture, "Brier {0:0.0000}   ECE {1:0.0000}   (bars: pairs per bin, log scale)", calibration.Brier, calibration.ExpectedCalibrationError);
        Cv2.PutText(canvas, label, new Point(area.X, Height - 12), HersheyFonts.HersheySimplex, 0.5, CvScalar.All(0), 1, LineTypes.AntiAlias);
        Cv2.ImWrite(pngPath, canvas);
    }

    private static void Axes(Mat canvas, Rect area, string xLabel, string yLabel)
    {
        Cv2.Rectangle(canvas, area, CvScalar.All(0), 1);
        for (var i = 0; i <= 4; i++)
        {
            var text = (i / 4.0).ToString("0.00", CultureInfo.InvariantCulture);
            Cv2.PutText(canvas, text, new Point(area.X + (i * area.Width / 4) - 15, area.Bottom + 20), HersheyFonts.HersheySimplex, 0.4, CvScalar.All(0), 1, LineTypes.AntiAlias);
        }

        Cv2.PutText(canvas, xLabel, new Point(area.X + (area.Width / 2) - 60, area.Bottom + 45), HersheyFonts.HersheySimplex, 0.5, CvScalar.All(0), 1, LineTypes.AntiAlias);
        Cv2.PutText(canvas, yLabel, new Point(area.X - 70, area.Y - 10), HersheyFonts.HersheySimplex, 0.5, CvScalar.All(0), 1, LineTypes.AntiAlias);
    }

    private static void Histogram(Mat canvas, Rect area, IReadOnlyList<ScoredPair> pairs, string name)
    {
        const int Bins = 40;
        var same = new double[Bins];
        var different = new double[Bins];
        var min = pairs.Count == 0 ? 0 : Math.Min(0, pairs.Min(p => p.Score));
        var max = pairs.Count == 0 ? 1 : Math.Max(1, pairs.Max(p => p.Score));
        foreach (var p in pairs)
        {
            var bin = Math.Clamp((int)((p.Score - min) / (max - min) * Bins), 0, Bins - 1);
            (p.SameSource ? same : different)[bin]++;
        }

        var sameTotal = Math.Max(1, same.Sum());
        var differentTotal = Math.Max(1, different.Sum());
        var top = Math.Max(same.Max() / sameTotal, different.Max() / differentTotal);
        var width = area.Width / (double)Bins;
        for (var b = 0; b < Bins; b++)
        {
            var x = area.X + (int)(b * width);
            var hd = (int)(different[b] / differentTotal / top * area.Height);
            var hs = (int)(same[b] / sameTotal / top * area.Height);
            Cv2.Rectangle(canvas, new Rect(x, area.Bottom - hd, Math.Max(1, (int)width - 1), hd), new CvScalar(40, 40, 200), -1);
            Cv2.Rectangle(canvas, new Rect(x, area.Bottom - hs, Math.Max(1, (int)width - 1), hs), new CvScalar(200, 90, 20), 2);
        }

        Cv2.PutText(canvas, $"{name}: same source (outline, blue) vs different (filled, red)", new Point(area.X + 10, area.Y + 20), HersheyFonts.HersheySimplex, 0.45, CvScalar.All(0), 1, LineTypes.AntiAlias);
    }
}
