using Ballistics.Engine.Corpus;

namespace Ballistics.Store.Scans;

/// <summary>One ranked lead of a search, as the hosts record it: the candidate and what the comparison found.</summary>
public readonly record struct RankedLead(
    int Rank, long ItemId, double Score, double Similarity, int Cmc, double Ccf, double ThetaDeg, double DxUm, double DyUm, string? RegistrationFailure = null,
    double? ScoreBf = null, double? ScoreFp = null, double? ScoreShear = null)
{
    public static RankedLead Of(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var r = lead.Comparison.Registration;
        return new(lead.Rank, lead.ItemId, lead.Score, lead.Similarity, lead.Comparison.CmcCount, lead.Comparison.Ccf, r.RotationDeg, r.DxUm, r.DyUm, r.FailureReason,
            lead.Comparison.ScoreBf, lead.Comparison.ScoreFp, lead.Comparison.ScoreShear);
    }

    /// <summary>The lead as an evidence search records it.</summary>
    public NewLead ToNewLead() => new(ItemId, Rank, Score, Similarity, Cmc, Ccf, ThetaDeg, DxUm, DyUm, RegistrationFailure, ScoreBf, ScoreFp, ScoreShear);

    /// <summary>The lead as a batch job records it for <paramref name="itemId"/>.</summary>
    public CorrelationLead ToCorrelationLead(long itemId) => new(itemId, Rank, ItemId, Score, Similarity, Cmc, Ccf, ThetaDeg, DxUm, DyUm, RegistrationFailure, ScoreBf, ScoreFp, ScoreShear);
}

/// <summary>
/// A search's leads, best first, with what each stage did and cost: one shape whichever ran the search, this process
/// (<see cref="Of"/>) or a silo (whose wire answer the cluster turns into this).
/// </summary>
public sealed record RankedLeads(IReadOnlyList<RankedLead> Leads, int Searched, int Screened, double StageOneMs, double StageTwoMs, string AlgorithmVersion)
{
    public static RankedLeads Of(CorpusSearchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new([.. result.Leads.Select(RankedLead.Of)], result.Searched, result.Screened, result.StageOneMs, result.StageTwoMs, result.AlgorithmVersion);
    }
}
