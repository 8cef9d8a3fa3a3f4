namespace Ballistics.Engine.Evaluation;

/// <summary>The AUC of the same-source pairs whose measure lies in [<see cref="From"/>, <see cref="To"/>) against every different-source pair.</summary>
public sealed record BandAuc(double From, double To, double Auc, int SameSourcePairs);

/// <summary>
/// A labelled set's AUC split by something only same-source pairs have (e.g. the share of the primer both firings
/// pressed on the breech face): each band's same-source pairs ranked against all different-source pairs. It tells a
/// score that fails from pairs that share too little to be told.
/// </summary>
public static class SameSourceBands
{
    /// <param name="pairs">Scored pairs.</param>
    /// <param name="measure">Each pair's measure (null: unknown, left out); read for same-source pairs only.</param>
    /// <param name="edges">Band edges, ascending: n edges give n − 1 bands, the last one closed.</param>
    public static IReadOnlyList<BandAuc> Compute(IReadOnlyList<ScoredPair> pairs, IReadOnlyList<double?> measure, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(edges);
        if (measure.Count != pairs.Count)
        {
            throw new ArgumentException($"{measure.Count} measures for {pairs.Count} pairs.", nameof(measure));
        }

        var different = pairs.Where(p => !p.SameSource).ToArray();
        var result = new List<BandAuc>();
        for (var b = 0; b + 1 < edges.Count; b++)
        {
            var (from, to, last) = (edges[b], edges[b + 1], b + 2 == edges.Count);
            var band = pairs.Where((p, k) => p.SameSource && measure[k] is { } m && m >= from && (m < to || (last && m <= to))).ToArray();
            if (band.Length > 0 && different.Length > 0)
            {
                result.Add(new BandAuc(from, to, AccuracyMetrics.Auc([.. band, .. different]), band.Length));
            }
        }

        return result;
    }
}
