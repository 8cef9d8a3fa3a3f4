namespace Ballistics.Engine.Evaluation;

/// <summary>One bin of a reliability diagram: the pairs whose score fell in [<see cref="From"/>, <see cref="To"/>).</summary>
public readonly record struct ReliabilityBin(double From, double To, int Pairs, double MeanScore, double SameSourceRate);

/// <summary>
/// Whether a score means what it says: read as a probability of a common source, the Brier score (mean squared
/// error against the labels), the expected calibration error (the pair-weighted mean gap between each bin's mean
/// score and its share of same-source pairs, over <see cref="Bins"/> equal-width bins of [0, 1]) and the bins
/// themselves for a reliability diagram. A calibrated score has its points on the diagonal, and the decision point
/// 0.5 then means even odds.
/// </summary>
public sealed record Calibration(double Brier, double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins)
{
    public const int BinCount = 10;

    public static Calibration Compute(IReadOnlyList<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return new Calibration(double.NaN, double.NaN, []);
        }

        var brier = pairs.Average(p => Square(p.Score - (p.SameSource ? 1 : 0)));
        var bins = new List<ReliabilityBin>(BinCount);
        var ece = 0.0;
        for (var b = 0; b < BinCount; b++)
        {
            var (from, to) = (b / (double)BinCount, (b + 1) / (double)BinCount);
            var inBin = pairs.Where(p => Bin(p.Score) == b).ToArray();
            if (inBin.Length == 0)
            {
                bins.Add(new ReliabilityBin(from, to, 0, double.NaN, double.NaN));
                continue;
            }

            var mean = inBin.Average(p => p.Score);
            var rate = inBin.Count(p => p.SameSource) / (double)inBin.Length;
            ece += inBin.Length / (double)pairs.Count * Math.Abs(mean - rate);
            bins.Add(new ReliabilityBin(from, to, inBin.Length, mean, rate));
        }

        return new Calibration(brier, ece, bins);
    }

    /// <summary>Scores outside [0, 1] fall in the end bins; 1 itself in the last.</summary>
    private static int Bin(double score) => Math.Clamp((int)Math.Floor(score * BinCount), 0, BinCount - 1);

    private static double Square(double v) => v * v;
}
