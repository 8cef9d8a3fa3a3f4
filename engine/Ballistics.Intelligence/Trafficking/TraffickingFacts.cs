using Ballistics.Intelligence.Tracing;

namespace Ballistics.Intelligence.Trafficking;

/// <summary>A stored trace request as trace resolution takes it, and where its firearm was recovered (ISO 3166-2 state).</summary>
public sealed record TracedRecovery(TraceQuery Query, string? Country, string? StateCode);

/// <summary>How many records of one kind fell in one place.</summary>
public sealed record PlaceCount(string? Country, string? StateCode, int Count);

/// <summary>One side of a confirmed hit: the scan, and the firearm or incident it belongs to.</summary>
public sealed record HitEnd(long ItemId, bool TestFire, string? FirearmId, string? IncidentId, string? Country);

/// <summary>A lead an examiner confirmed: the submitted evidence and the candidate it was found against.</summary>
public sealed record ConfirmedHit(HitEnd Evidence, HitEnd Candidate);

/// <summary>How many events of one kind fell on one day (UTC).</summary>
public sealed record DayCount(DateOnly Day, int Count);

/// <summary>The facts of the trafficking report as the store holds them; every list is in the store's order.</summary>
public sealed record TraffickingFacts
{
    public IReadOnlyList<TracedRecovery> Traces { get; init; } = [];

    public IReadOnlyList<PlaceCount> Seizures { get; init; } = [];

    public int Transactions { get; init; }

    /// <summary>For each purchaser on file (by person key, which stays in the store), how many retail sales they made.</summary>
    public IReadOnlyList<int> SalesPerPurchaser { get; init; } = [];

    /// <summary>For each multiple-sale report (ATF 3310.4) on file, how many firearms it lists.</summary>
    public IReadOnlyList<int> FirearmsPerMultipleSaleReport { get; init; } = [];

    public IReadOnlyList<ConfirmedHit> Hits { get; init; } = [];

    /// <summary>Leads stored by searches (candidates), per day they were stored.</summary>
    public IReadOnlyList<DayCount> LeadsStored { get; init; } = [];

    /// <summary>Candidates a reviewer made leads, per day of the review.</summary>
    public IReadOnlyList<DayCount> LeadsPromoted { get; init; } = [];

    /// <summary>Leads an examiner confirmed as hits, per day of the review.</summary>
    public IReadOnlyList<DayCount> HitsConfirmed { get; init; } = [];
}
