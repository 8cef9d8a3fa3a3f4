using System.Globalization;

namespace Ballistics.Engine.Evaluation;

/// <summary>The AUC of the pairs of one kind under one condition: <see cref="Label"/> names the two scans' buckets.</summary>
public sealed record ConditionAuc(string Condition, string Label, double Auc, int SameSourcePairs, int Pairs);

/// <summary>
/// The AUC of a labelled set split by the conditions its scans were made under (a generator's dropout share,
/// layout, …): each scan's value goes into a bucket — a category as it is, a number into the set's lower, middle or
/// upper third of that knob's values — and a pair's label is its two buckets (e.g. <c>raw+processed</c>,
/// <c>low+high</c>). One AUC over a mixed set hides the setting where the score fails; this shows it.
/// </summary>
public static class ConditionBreakdown
{
    /// <summary>Labels with fewer same-source pairs than this are left out: their AUC would be noise.</summary>
    public const int MinSameSourcePairs = 5;

    /// <param name="pairs">Scored pairs; item indexes into <paramref name="conditions"/>.</param>
    /// <param name="conditions">Each item's conditions by name (null or missing: unknown, not counted).</param>
    public static IReadOnlyList<ConditionAuc> Compute(IReadOnlyList<ScoredPair> pairs, IReadOnlyList<IReadOnlyDictionary<string, string>?> conditions)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(conditions);
        var names = conditions.Where(c => c is not null).SelectMany(c => c!.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var result = new List<ConditionAuc>();
        foreach (var name in names)
        {
            var buckets = Buckets(conditions.Select(c => c is not null && c.TryGetValue(name, out var v) ? v : null).ToArray());
            if (buckets.Where(b => b is not null).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                continue; // one value for every scan: the set's AUC is this condition's
            }

            foreach (var group in pairs.Where(p => buckets[p.A] is not null && buckets[p.B] is not null).GroupBy(p => Label(buckets[p.A]!, buckets[p.B]!), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var kind = group.ToArray();
                var same = kind.Count(p => p.SameSource);
                if (same >= MinSameSourcePairs && same < kind.Length)
                {
                    result.Add(new ConditionAuc(name, group.Key, AccuracyMetrics.Auc(kind), same, kind.Length));
                }
            }
        }

        return result;
    }

    private static string Label(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}+{b}" : $"{b}+{a}";

    /// <summary>Categories as they are; numbers as the lower, middle and upper third of the values given.</summary>
    private static string?[] Buckets(string?[] values)
    {
        var numbers = values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : (double?)null).ToArray();
        if (numbers.Where((n, i) => values[i] is not null).Any(n => n is null))
        {
            return values;
        }

        var known = numbers.Where(n => n is not null).Select(n => n!.Value).Order().ToArray();
        if (known.Length == 0)
        {
            return values;
        }

        var lower = known[known.Length / 3];
        var upper = known[(2 * known.Length) / 3];
        return numbers.Select(n => n is not { } x ? null : x < lower ? "low" : x < upper ? "mid" : "high").ToArray();
    }
}
