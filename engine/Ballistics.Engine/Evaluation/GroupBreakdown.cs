namespace Ballistics.Engine.Evaluation;

/// <summary>
/// The AUC of a labelled set split by what the different-source pairs are: firearms of one production group (made one
/// after another with the same tools, so sharing subclass marks) or of different groups. The first is the hard part
/// of consecutively-made sets, and a single AUC hides it.
/// </summary>
/// <param name="SameGroupAuc">Same-source pairs against different-source pairs of one group; NaN when there are none.</param>
/// <param name="SameGroupPairs">Different-source pairs of one group.</param>
/// <param name="OtherGroupsAuc">Same-source pairs against different-source pairs of different (or unknown) groups.</param>
/// <param name="OtherGroupsPairs">Different-source pairs of different or unknown groups.</param>
public sealed record GroupBreakdown(double SameGroupAuc, int SameGroupPairs, double OtherGroupsAuc, int OtherGroupsPairs)
{
    /// <param name="pairs">Scored pairs; item indexes into <paramref name="groups"/>.</param>
    /// <param name="groups">Each item's production group, null when unknown (never counted as shared).</param>
    public static GroupBreakdown Compute(IReadOnlyList<ScoredPair> pairs, IReadOnlyList<string?> groups)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(groups);
        var same = pairs.Where(p => p.SameSource).ToArray();
        var sameGroup = pairs.Where(p => !p.SameSource && SharedGroup(p)).ToArray();
        var otherGroups = pairs.Where(p => !p.SameSource && !SharedGroup(p)).ToArray();
        return new GroupBreakdown(AccuracyMetrics.Auc([.. same, .. sameGroup]), sameGroup.Length, AccuracyMetrics.Auc([.. same, .. otherGroups]), otherGroups.Length);

        bool SharedGroup(ScoredPair p) => groups[p.A] is { } g && g == groups[p.B];
    }
}
