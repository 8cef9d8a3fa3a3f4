using Ballistics.Engine.Corpus;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A stage-1 query as it crosses to a shard: the code, its scale and the filter. The engine's own types stay free of
/// Orleans; these carry their values.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ShardQuery(
    [property: Id(0)] sbyte[] Code,
    [property: Id(1)] float Scale,
    [property: Id(2)] string? Caliber,
    [property: Id(3)] string? FiringPinClass,
    [property: Id(4)] string? Country,
    [property: Id(5)] string? Region,
    [property: Id(6)] DateOnly? From,
    [property: Id(7)] DateOnly? To,
    [property: Id(8)] int Top,
    [property: Id(9)] long? ExcludeItemId)
{
    public static ShardQuery Of(StageOneCode code, SearchFilter filter, int top, long? excludeItemId) =>
        new(code.Code, code.Scale, filter.Caliber, filter.FiringPinClass, filter.Country, filter.Region, filter.From, filter.To, top, excludeItemId);

    public StageOneCode ToCode() => new(Code, Scale);

    public SearchFilter ToFilter() => new() { Caliber = Caliber, FiringPinClass = FiringPinClass, Country = Country, Region = Region, From = From, To = To };
}

/// <summary>A shard's best items for a query, best first, and how many items it holds.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ShardHits([property: Id(0)] long[] ItemIds, [property: Id(1)] float[] Similarities, [property: Id(2)] int Searched)
{
    public StageOneHit[] ToHits() => [.. ItemIds.Select((id, i) => new StageOneHit(id, Similarities[i]))];
}
