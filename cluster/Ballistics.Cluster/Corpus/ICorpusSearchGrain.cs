using Ballistics.Engine.Corpus;
using Ballistics.Engine.Surfaces;
using Ballistics.Store.Scans;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A search of an item on file, run on a silo (stage 1 on the shards, the screens beside them, the full comparisons
/// here): what an API node asks the cluster, so that no API node holds the corpus or does a search's heavy work.
/// </summary>
public interface ICorpusSearchGrain : IGrainWithIntegerKey
{
    /// <summary>The item's leads, or an answer with <see cref="SearchAnswer.Refusal"/> set when its prepared scan cannot be had.</summary>
    Task<SearchAnswer> Search(long itemId, SearchRequest request);
}

/// <summary>
/// A search's filter and sizes as they cross to a silo; <see cref="AsPhotographUnder"/> names the light under which a
/// topography item is rendered to be searched among the photographs (null: the item searched as it is).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SearchRequest(
    [property: Id(0)] FilterMessage Filter, [property: Id(1)] int Candidates, [property: Id(2)] int? FullComparisons, [property: Id(3)] string? AsPhotographUnder = null)
{
    public static SearchRequest Of(SearchFilter filter, CorpusSearchOptions options, ImageLighting? asPhotograph = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(FilterMessage.Of(filter), options.Candidates, options.FullComparisons, asPhotograph is { } light ? ImageLightingNames.Name(light) : null);
    }

    /// <summary>The light of <see cref="AsPhotographUnder"/>; null when the item is searched as it is.</summary>
    public ImageLighting? AsPhotograph => ImageLightingNames.TryParse(AsPhotographUnder, out var light) ? light : null;

    public CorpusSearchOptions ToOptions() => CorpusSearchOptions.Default with { Candidates = Candidates, FullComparisons = FullComparisons };
}

/// <summary>One ranked lead as it crosses back (<see cref="RankedLead"/> on the wire).</summary>
[GenerateSerializer]
[Immutable]
public readonly record struct FoundLead(
    [property: Id(0)] int Rank,
    [property: Id(1)] long ItemId,
    [property: Id(2)] double Score,
    [property: Id(3)] double Similarity,
    [property: Id(4)] int Cmc,
    [property: Id(5)] double Ccf,
    [property: Id(6)] double ThetaDeg,
    [property: Id(7)] double DxUm,
    [property: Id(8)] double DyUm,
    [property: Id(9)] string? RegistrationFailure = null,
    [property: Id(10)] double? ScoreBf = null,
    [property: Id(11)] double? ScoreFp = null,
    [property: Id(12)] double? ScoreShear = null)
{
    public static FoundLead Of(RankedLead lead) =>
        new(lead.Rank, lead.ItemId, lead.Score, lead.Similarity, lead.Cmc, lead.Ccf, lead.ThetaDeg, lead.DxUm, lead.DyUm, lead.RegistrationFailure, lead.ScoreBf, lead.ScoreFp, lead.ScoreShear);

    public RankedLead ToLead() => new(Rank, ItemId, Score, Similarity, Cmc, Ccf, ThetaDeg, DxUm, DyUm, RegistrationFailure, ScoreBf, ScoreFp, ScoreShear);
}

/// <summary>A search's leads as they cross back from a silo (<see cref="RankedLeads"/> on the wire), or why it was refused.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SearchAnswer(
    [property: Id(0)] FoundLead[] Leads,
    [property: Id(1)] int Searched,
    [property: Id(2)] int Screened,
    [property: Id(3)] double StageOneMs,
    [property: Id(4)] double StageTwoMs,
    [property: Id(5)] string AlgorithmVersion,
    [property: Id(6)] string? Refusal = null)
{
    public static SearchAnswer Of(RankedLeads leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        return new([.. leads.Leads.Select(FoundLead.Of)], leads.Searched, leads.Screened, leads.StageOneMs, leads.StageTwoMs, leads.AlgorithmVersion);
    }

    /// <summary>The leads of an answer that was not refused.</summary>
    public RankedLeads ToLeads() => new([.. Leads.Select(l => l.ToLead())], Searched, Screened, StageOneMs, StageTwoMs, AlgorithmVersion);
}
