using System.Globalization;
using Ballistics.Engine.Evaluation;
using OpenCvSharp;
using ScottPlot;

namespace Ballistics.Cli.Reports;

/// <summary>
/// The figures `eval` writes, drawn with ScottPlot as the reports are: the ROC curves of the evaluated methods beside
/// the score distributions of the first, and the score's reliability diagram above its pairs per bin. Each figure's
/// panels are drawn as plots of their own and set side by side (or one above the other) in one PNG.
/// </summary>
internal static class AccuracyPlot
{
    private const int PanelWidth = 700;
    private const int PanelHeight = 560;

    private static readonly Color[] Colours = [Color.FromHex("#1f5fa8"), Color.FromHex("#c0392b"), Color.FromHex("#2e8b3a")];
    private static readonly Color Same = Color.FromHex("#1f5fa8");
    private static readonly Color Different = Color.FromHex("#c0392b");
    private static readonly Color Guide = Color.FromHex("#999999");

    public static void Write(string pngPath, IReadOnlyList<(string Name, AccuracyReport Report, IReadOnlyList<ScoredPair> Pairs)> methods, string title)
    {
        var roc = new Plot();
        roc.Title(title, size: 14);
        Diagonal(roc);
        for (var m = 0; m < methods.Count; m++)
        {
            var points = methods[m].Report.Roc;
            double[] fpr = [.. points.Select(p => p.FalsePositiveRate), 1];
            double[] tpr = [.. points.Select(p => p.TruePositiveRate), 1];
            var curve = roc.Add.Scatter(fpr, tpr, Colours[m % Colours.Length]);
            curve.MarkerSize = 0;
            curve.LineWidth = 2;
            curve.LegendText = string.Format(CultureInfo.InvariantCulture, "{0}: AUC {1:0.000}", methods[m].Name, methods[m].Report.Auc);
        }

        roc.XLabel("false positive rate");
        roc.YLabel("true positive rate");
        roc.Axes.SetLimits(0, 1, 0, 1);
        roc.ShowLegend(Alignment.LowerRight);

        Compose(pngPath, horizontal: true, roc, Histogram(methods[0].Pairs, methods[0].Name));
    }

    /// <summary>
    /// The reliability diagram of a score: each bin's share of same-source pairs against its mean score (the diagonal is
    /// a calibrated score), and beneath it the pairs in each bin on a log scale.
    /// </summary>
    public static void WriteReliability(string pngPath, Calibration calibration, string title)
    {
        var reliability = new Plot();
        reliability.Title(title, size: 14);
        Diagonal(reliability);
        var filled = calibration.Bins.Where(b => b.Pairs > 0).ToArray();
        var observed = reliability.Add.Scatter(filled.Select(b => b.MeanScore).ToArray(), filled.Select(b => b.SameSourceRate).ToArray(), Colours[0]);
        observed.LineWidth = 2;
        observed.MarkerSize = 8;
        observed.LegendText = string.Format(CultureInfo.InvariantCulture, "Brier {0:0.0000}, ECE {1:0.0000}", calibration.Brier, calibration.ExpectedCalibrationError);
        reliability.XLabel("mean score in bin");
        reliability.YLabel("share same source");
        reliability.Axes.SetLimits(0, 1, 0, 1);
        reliability.ShowLegend(Alignment.UpperLeft);

        var counts = new Plot();
        var width = 1.0 / Calibration.BinCount;
        var bars = calibration.Bins.Select(b => new Bar
        {
            Position = (b.From + b.To) / 2,
            Value = b.Pairs == 0 ? 0 : Math.Log10(b.Pairs) + 0.1,
            Size = width * 0.85,
            FillColor = Guide,
        }).ToList();
        counts.Add.Bars(bars);
        var most = Math.Max(1, calibration.Bins.Max(b => b.Pairs));
        var decades = Enumerable.Range(0, (int)Math.Floor(Math.Log10(most)) + 1).ToArray();
        counts.Axes.Left.SetTicks([.. decades.Select(d => d + 0.1)], [.. decades.Select(d => Math.Pow(10, d).ToString("0", CultureInfo.InvariantCulture))]);
        counts.Axes.SetLimits(0, 1, 0, Math.Log10(most) + 0.4);
        counts.XLabel("score bin");
        counts.YLabel("pairs (log scale)");

        Compose(pngPath, horizontal: false, reliability, counts);
    }

    /// <summary>The share of same-source and of different-source pairs per score bin (each set sums to one).</summary>
    private static Plot Histogram(IReadOnlyList<ScoredPair> pairs, string name)
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

        var plot = new Plot();
        plot.Title($"{name}: score distributions", size: 14);
        var width = (max - min) / Bins;
        foreach (var (counts, colour, label) in new[] { (different, Different, "different source"), (same, Same, "same source") })
        {
            var total = Math.Max(1, counts.Sum());
            var bars = plot.Add.Bars(counts.Select((c, b) => new Bar
            {
                Position = min + ((b + 0.5) * width),
                Value = c / total,
                Size = width * 0.9,
                FillColor = colour.WithAlpha(0.55),
                LineWidth = 0,
            }).ToList());
            bars.LegendText = label;
        }

        plot.XLabel("score");
        plot.YLabel("fraction of pairs");
        plot.Axes.SetLimitsX(min, max);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperCenter);
        return plot;
    }

    private static void Diagonal(Plot plot)
    {
        var line = plot.Add.Line(0, 0, 1, 1);
        line.Color = Guide;
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1;
    }

    /// <summary>The panels rendered one by one and set side by side or stacked in one PNG (OpenCV, which the CLI ships).</summary>
    private static void Compose(string pngPath, bool horizontal, params Plot[] panels)
    {
        var images = new List<Mat>(panels.Length);
        try
        {
            foreach (var panel in panels)
            {
                var height = horizontal || images.Count == 0 ? PanelHeight : PanelHeight / 2;
                images.Add(Cv2.ImDecode(panel.GetImageBytes(PanelWidth, height, ImageFormat.Png), ImreadModes.Color));
            }

            using var figure = new Mat();
            if (horizontal)
            {
                Cv2.HConcat([.. images], figure);
            }
            else
            {
                Cv2.VConcat([.. images], figure);
            }

            CliFiles.WriteAtomically(pngPath, figure.ImEncode(".png"));
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }
}
