namespace Ballistics.Engine.Corpus;

/// <summary>
/// Which items a stage-1 scan considers, applied before any signature is scored. A filter on a field keeps only items
/// known to match it: an item whose caliber is unknown is not a 9 mm candidate. Text compares ordinally after the
/// ingest normalisers (the same caliber, class and state spelling everywhere). Dates are inclusive.
/// </summary>
public sealed record SearchFilter
{
    public static SearchFilter None { get; } = new();

    public string? Caliber { get; init; }

    public string? FiringPinClass { get; init; }

    /// <summary>The firing pin's shape class as measured in the scan (circular, elliptical, rectangular), not as declared.</summary>
    public string? FiringPinShape { get; init; }

    /// <summary>US or MX.</summary>
    public string? Country { get; init; }

    /// <summary>A state's ISO 3166-2 code (US-TX, MX-SON).</summary>
    public string? Region { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>
    /// Which items are compared: topographies (<c>3d</c>, the default) or photographs (<c>2d</c>). Never both: their
    /// scores are not one scale. A search sets it from its query (<see cref="CorpusSearch.FilterFor"/>).
    /// </summary>
    public string Modality { get; init; } = Matching.Modalities.Topography;

    /// <summary>
    /// Among photographs, only those taken under this light: <see cref="Surfaces.ImageLighting.Side"/> keeps side-lit
    /// ones, a ring (or unknown) light those ring-lit or of unknown light, which are compared as ring-lit; null keeps all.
    /// A topography rendered to meet photographs sets it to the light it was rendered under (<see cref="CorpusSearch.FilterFor"/>).
    /// </summary>
    public Surfaces.ImageLighting? Lighting { get; init; }

    public bool IsEmpty => this == None;
}

/// <summary>The searchable facts of one item, as the index keeps them beside its signature.</summary>
public readonly record struct ItemFacets(string? Caliber, string? FiringPinClass, string? Country, string? Region, DateOnly? Date)
{
    /// <summary>The firing pin's shape class measured in the scan; null when it holds none.</summary>
    public string? FiringPinShape { get; init; }

    /// <summary>What the item holds (<see cref="Matching.Modalities"/>); null is a topography.</summary>
    public string? Modality { get; init; }

    /// <summary>The light a photograph was taken under, when stated.</summary>
    public Surfaces.ImageLighting? Lighting { get; init; }
}

/// <summary>One stage-1 candidate: the store's item id and its signature similarity to the query (cosine, −1 … 1).</summary>
public readonly record struct StageOneHit(long ItemId, float Similarity);
