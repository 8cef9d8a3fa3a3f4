namespace Ballistics.Engine.Evaluation;

/// <summary>ROC, AUC, equal error rate, error rates at a threshold and top-k hit rates of a labelled set of scored pairs.</summary>
public static class AccuracyMetrics
{
    public static AccuracyReport Compute(IReadOnlyList<ScoredPair> pairs, int itemCount, double threshold, IReadOnlyList<int> topK)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(topK);
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = pairs[i];
            if (!double.IsFinite(p.Score))
            {
                throw new ArgumentException($"Pair {i} ({p.A}, {p.B}) has a score that is not a finite number.", nameof(pairs));
            }

            if (p.A < 0 || p.B < 0 || p.A >= itemCount || p.B >= itemCount)
            {
                throw new ArgumentException($"Pair {i} names item {Math.Max(p.A, p.B)}, outside 0…{itemCount - 1}.", nameof(pairs));
            }
        }

        var same = pairs.Count(p => p.SameSource);
        var different = pairs.Count - same;
        var roc = Roc(pairs, same, different);
        var (eer, eerThreshold) = EqualError(roc);
        var fp = different == 0 ? double.NaN : pairs.Count(p => !p.SameSource && p.Score >= threshold) / (double)different;
        var fn = same == 0 ? double.NaN : pairs.Count(p => p.SameSource && p.Score < threshold) / (double)same;
        var (queries, hits) = TopKHits(pairs, itemCount, topK);
        return new AccuracyReport
        {
            Pairs = pairs.Count,
            SameSourcePairs = same,
            DifferentSourcePairs = different,
            Auc = Auc(pairs),
            EqualErrorRate = eer,
            EqualErrorThreshold = eerThreshold,
            Threshold = threshold,
            FalsePositiveRate = fp,
            FalseNegativeRate = fn,
            Queries = queries,
            TopK = hits,
            SeparationGap = same == 0 || different == 0
                ? double.NaN
                : pairs.Where(p => p.SameSource).Min(p => p.Score) - pairs.Where(p => !p.SameSource).Max(p => p.Score),
            Roc = roc,
        };
    }

    /// <summary>Mann–Whitney AUC in O(n log n): ranks with ties averaged.</summary>
    public static double Auc(IReadOnlyList<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var same = pairs.Count(p => p.SameSource);
        var different = pairs.Count - same;
        if (same == 0 || different == 0)
        {
            return double.NaN;
        }

        var sorted = pairs.OrderBy(p => p.Score).ToArray();
        double rankSumSame = 0;
        var i = 0;
        while (i < sorted.Length)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1].Score == sorted[i].Score)
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (sorted[k].SameSource)
                {
                    rankSumSame += averageRank;
                }
            }

            i = j + 1;
        }

        return (rankSumSame - (same * (same + 1) / 2.0)) / ((double)same * different);
    }

    private static List<RocPoint> Roc(IReadOnlyList<ScoredPair> pairs, int same, int different)
    {
        var roc = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        if (same == 0 || different == 0)
        {
            return roc;
        }

        var sorted = pairs.OrderByDescending(p => p.Score).ToArray();
        int tp = 0, fp = 0;
        var i = 0;
        while (i < sorted.Length)
        {
            var score = sorted[i].Score;
            while (i < sorted.Length && sorted[i].Score == score)
            {
                if (sorted[i].SameSource)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i++;
            }

            roc.Add(new RocPoint(score, fp / (double)different, tp / (double)same));
        }

        return roc;
    }

    /// <summary>Where the false-negative rate (1 − TPR) meets the false-positive rate, linearly between the ROC points that straddle it.</summary>
    private static (double Rate, double Threshold) EqualError(List<RocPoint> roc)
    {
        for (var i = 1; i < roc.Count; i++)
        {
            var a = roc[i - 1];
            var b = roc[i];
            var da = (1 - a.TruePositiveRate) - a.FalsePositiveRate;
            var db = (1 - b.TruePositiveRate) - b.FalsePositiveRate;
            if (da >= 0 && db <= 0)
            {
                var t = da == db ? 0 : da / (da - db);
                var rate = a.FalsePositiveRate + (t * (b.FalsePositiveRate - a.FalsePositiveRate));
                return (rate, b.Threshold);
            }
        }

        return (double.NaN, double.NaN);
    }

    private static (int Queries, Dictionary<int, double> Hits) TopKHits(IReadOnlyList<ScoredPair> pairs, int itemCount, IReadOnlyList<int> topK)
    {
        var neighbours = new List<(double Score, bool Same)>[itemCount];
        for (var i = 0; i < itemCount; i++)
        {
            neighbours[i] = [];
        }

        foreach (var p in pairs)
        {
            neighbours[p.A].Add((p.Score, p.SameSource));
            neighbours[p.B].Add((p.Score, p.SameSource));
        }

        var hits = topK.ToDictionary(k => k, _ => 0);
        var queries = 0;
        foreach (var list in neighbours)
        {
            if (!list.Any(n => n.Same))
            {
                continue;
            }

            queries++;
            // Pessimistic ties: among equal scores the different-source items come first.
            var ranked = list.OrderByDescending(n => n.Score).ThenBy(n => n.Same).ToArray();
            var firstHit = Array.FindIndex(ranked, n => n.Same);
            foreach (var k in topK)
            {
                if (firstHit < k)
                {
                    hits[k]++;
                }
            }
        }

        return (queries, hits.ToDictionary(h => h.Key, h => queries == 0 ? double.NaN : h.Value / (double)queries));
    }
}
