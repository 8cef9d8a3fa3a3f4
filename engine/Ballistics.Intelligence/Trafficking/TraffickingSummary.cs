namespace Ballistics.Intelligence.Trafficking;

/// <summary>
/// The figures of the trafficking report: aggregates only. No purchaser, possessor, serial, person key or
/// address is in it; dealers are named, by licence and business name, as the trace output names them to analysts
/// (<see cref="Tracing.PersonalDataMask"/>): a federal firearms licence and its business name are public business
/// records (ATF publishes the licensee list), and where guns are sold is what a trafficking analysis is about.
/// </summary>
public sealed record TraffickingSummary
{
    public required int TraceRequests { get; init; }

    /// <summary>Trace requests by outcome, in the order of <see cref="Tracing.TraceOutcome"/>, with the outcomes' names.</summary>
    public required IReadOnlyList<NamedCount> Outcomes { get; init; }

    public required int SeizureReports { get; init; }

    public required int Transactions { get; init; }

    public required TimeToCrimeSummary TimeToCrime { get; init; }

    /// <summary>Recoveries by country and state: trace requests (the firearms traced) and seizure reports.</summary>
    public required IReadOnlyList<RecoveryPlace> Recoveries { get; init; }

    /// <summary>Dealers of the firearms traced to a retail sale, most traced firearms first.</summary>
    public required IReadOnlyList<SourceDealer> SourceDealers { get; init; }

    /// <summary>States where the traced firearms were first sold (from the dealer's licence), most first.</summary>
    public required IReadOnlyList<SourceState> SourceStates { get; init; }

    public required MultipleSaleSummary MultipleSales { get; init; }

    public required NetworkSummary Networks { get; init; }

    public required ActivitySummary Activity { get; init; }

    public bool IsEmpty => TraceRequests == 0 && SeizureReports == 0 && Transactions == 0 && Networks.ConfirmedHits == 0 && Activity.Periods.Count == 0;
}

public sealed record NamedCount(string Name, int Count);

/// <summary>
/// Days from retail sale to recovery over the completed traces that know both dates: median, mean, how many under
/// three years (the short time-to-crime that points to trafficking) and counts by the bands ATF reports.
/// </summary>
public sealed record TimeToCrimeSummary(int Known, double? MedianDays, double? MeanDays, int Short, double? ShortShare, IReadOnlyList<TimeToCrimeBand> Bands);

/// <summary>A band of time-to-crime, [FromDays, ToDays) (no upper end for the last); <see cref="Short"/> when it lies under three years.</summary>
public sealed record TimeToCrimeBand(string Label, int FromDays, int? ToDays, bool Short, int Count);

public sealed record RecoveryPlace(string? Country, string? StateCode, int TraceRequests, int SeizureReports);

/// <summary>A dealer (FFL) the traced firearms were sold by: how many, how many with a short time-to-crime, and their median.</summary>
public sealed record SourceDealer(string? Licence, string? Name, string? StateCode, int Traced, int ShortTimeToCrime, double? MedianDays);

public sealed record SourceState(string? StateCode, int Traced, int ShortTimeToCrime);

/// <summary>
/// Multiple sales, as counts: purchasers by how many retail sales they made (1, 2, 3, 4 or more), the multiple-sale
/// reports on file and the firearms they list, and how many traced firearms came from a multiple sale.
/// </summary>
public sealed record MultipleSaleSummary(
    int Purchasers, IReadOnlyList<NamedCount> PurchasersBySales, int Reports, int FirearmsOnReports, int TracedToSale, int TracedOnReport, int TracedWithMultipleSaleIndicator);

/// <summary>
/// Incidents and seized firearms joined by confirmed hits: the networks (connected components of two or more) with
/// their sizes, and the graph to draw them — anonymous nodes, numbered, with only their kind and country.
/// </summary>
public sealed record NetworkSummary(int ConfirmedHits, IReadOnlyList<LinkageNetwork> Networks, IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkLink> Links);

/// <summary>One network: how many incidents and firearms it joins, by how many hits, in which countries.</summary>
public sealed record LinkageNetwork(int Incidents, int Firearms, int Hits, IReadOnlyList<string> Countries)
{
    public int Size => Incidents + Firearms;

    public bool CrossBorder => Countries.Count > 1;
}

/// <summary>A node of a network: "incident" or "firearm", its country when known, and the network it belongs to (index into <see cref="NetworkSummary.Networks"/>).</summary>
public sealed record NetworkNode(int Network, string Kind, string? Country);

/// <summary>A hit between two nodes (indexes into <see cref="NetworkSummary.Nodes"/>), once per pair however many hits join them.</summary>
public sealed record NetworkLink(int From, int To, int Hits);

/// <summary>Lead activity per week or month (by the span of the data), from the first period with an event to the last.</summary>
public sealed record ActivitySummary(string Period, IReadOnlyList<ActivityPeriod> Periods, int LeadsStored, int LeadsPromoted, int HitsConfirmed);

public sealed record ActivityPeriod(DateOnly Start, int LeadsStored, int LeadsPromoted, int HitsConfirmed);
