using Ballistics.Engine.Corpus;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A stage-1 query as it crosses to a shard: its codes (one, or one per variant of a photograph:
/// <see cref="CorpusSearch.Codes"/>) with their scales, the filter, and the last item id on file when the search began
/// (a shard that has seen less takes in the rest first). The engine's own types stay free of Orleans; these carry their values.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ShardQuery(
    [property: Id(0)] sbyte[][] Codes,
    [property: Id(1)] float[] Scales,
    [property: Id(2)] FilterMessage Filter,
    [property: Id(3)] int Top,
    [property: Id(4)] long? ExcludeItemId,
    [property: Id(5)] long CorpusLastId)
{
    public static ShardQuery Of(IReadOnlyList<StageOneCode> codes, SearchFilter filter, int top, long? excludeItemId, long corpusLastId)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return new([.. codes.Select(c => c.Code)], [.. codes.Select(c => c.Scale)], FilterMessage.Of(filter), top, excludeItemId, corpusLastId);
    }

    public StageOneCode[] ToCodes() => [.. Codes.Select((code, i) => new StageOneCode(code, Scales[i]))];
}

/// <summary>A search filter's values as they cross between silos and clients.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FilterMessage(
    [property: Id(0)] string? Caliber,
    [property: Id(1)] string? FiringPinClass,
    [property: Id(2)] string? Country,
    [property: Id(3)] string? Region,
    [property: Id(4)] DateOnly? From,
    [property: Id(5)] DateOnly? To,
    [property: Id(6)] string? FiringPinShape = null,
    [property: Id(7)] string Modality = Engine.Matching.Modalities.Topography,
    [property: Id(8)] string? Lighting = null)
{
    public static FilterMessage Of(SearchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new(filter.Caliber, filter.FiringPinClass, filter.Country, filter.Region, filter.From, filter.To, filter.FiringPinShape, filter.Modality, filter.Lighting is { } light ? Engine.Surfaces.ImageLightingNames.Name(light) : null);
    }

    public SearchFilter ToFilter() =>
        new()
        {
            Caliber = Caliber, FiringPinClass = FiringPinClass, FiringPinShape = FiringPinShape, Country = Country, Region = Region, From = From, To = To, Modality = Modality,
            Lighting = Engine.Surfaces.ImageLightingNames.TryParse(Lighting, out var light) ? light : null,
        };
}

/// <summary>A shard's best items for a query, best first, and how many items it holds.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ShardHits([property: Id(0)] long[] ItemIds, [property: Id(1)] float[] Similarities, [property: Id(2)] int Searched)
{
    public StageOneHit[] ToHits() => [.. ItemIds.Select((id, i) => new StageOneHit(id, Similarities[i]))];
}
