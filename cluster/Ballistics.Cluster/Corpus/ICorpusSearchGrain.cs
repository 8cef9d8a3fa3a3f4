using Ballistics.Engine.Corpus;
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

/// <summary>A search's filter and sizes as they cross to a silo.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SearchRequest([property: Id(0)] FilterMessage Filter, [property: Id(1)] int Candidates, [property: Id(2)] int? FullComparisons)
{
    public static SearchRequest Of(SearchFilter filter, CorpusSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(FilterMessage.Of(filter), options.Candidates, options.FullComparisons);
    }

    public CorpusSearchOptions ToOptions() => CorpusSearchOptions.Default with { Candidates = Candidates, FullComparisons = FullComparisons };
}

/// <summary>One ranked lead as it crosses back: what the store records of a lead.</summary>
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
    [property: Id(9)] string? RegistrationFailure = null)
{
    public static FoundLead Of(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var r = lead.Comparison.Registration;
        return new(lead.Rank, lead.ItemId, lead.Score, lead.Similarity, lead.Comparison.CmcCount, lead.Comparison.Ccf, r.RotationDeg, r.DxUm, r.DyUm, r.FailureReason);
    }

    /// <summary>The lead as an evidence search records it.</summary>
    public NewLead ToNewLead() => new(ItemId, Rank, Score, Similarity, Cmc, Ccf, ThetaDeg, DxUm, DyUm, RegistrationFailure);

    /// <summary>The lead as a batch job records it for <paramref name="itemId"/>.</summary>
    public CorrelationLead ToCorrelationLead(long itemId) => new(itemId, Rank, ItemId, Score, Similarity, Cmc, Ccf, ThetaDeg, DxUm, DyUm, RegistrationFailure);
}

/// <summary>A search's leads, best first, with what each stage did and cost, as <see cref="CorpusSearchResult"/> tells them.</summary>
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
    public static SearchAnswer Of(CorpusSearchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new([.. result.Leads.Select(FoundLead.Of)], result.Searched, result.Screened, result.StageOneMs, result.StageTwoMs, result.AlgorithmVersion);
    }
}
