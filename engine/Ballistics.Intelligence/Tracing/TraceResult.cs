namespace Ballistics.Intelligence.Tracing;

/// <summary>A link of the chain of sale, from the maker or importer down to the first retail purchaser.</summary>
public enum ChainRole
{
    Manufacturer,
    Importer,
    Distributor,
    Dealer,
    Purchaser,
}

/// <summary>One link of the chain: who, under which licence (dealers), and since when they held the firearm.</summary>
public readonly record struct ChainStep(ChainRole Role, string? Name, string? Licence, DateOnly? Date);

/// <summary>
/// Days from the first retail sale to the recovery. A short time-to-crime (under three years) is the
/// classic indicator of trafficking: the firearm went almost straight from the counter to the crime.
/// </summary>
public readonly record struct TimeToCrime(int Days, bool IsShort);

/// <summary>
/// What points to a multiple sale: the ATF 3310.4 report the retail sale was on and how many firearms
/// it listed; how many firearms the same purchaser bought, and how many of those within five business
/// days of this one (the window a multiple-sale report covers).
/// </summary>
public sealed record MultipleSaleIndicators(string? Report, int FirearmsOnReport, int PurchaserFirearms, int PurchasesWithinFiveBusinessDays)
{
    public bool Any => Report is not null || PurchasesWithinFiveBusinessDays > 0;
}

/// <summary>
/// The answer to a trace: the outcome and why, the sale found (or the candidates that made it
/// ambiguous or were rejected), its chain, time-to-crime, multiple-sale indicators, and the earlier
/// traces of the same firearm, purchaser or dealer.
/// </summary>
public sealed record TraceResult
{
    public required TraceQuery Query { get; init; }

    public required TraceOutcome Outcome { get; init; }

    /// <summary>The reason in words, for the person reading the trace.</summary>
    public required string Detail { get; init; }

    public SaleRecord? Sale { get; init; }

    public IReadOnlyList<SaleRecord> Candidates { get; init; } = [];

    public IReadOnlyList<ChainStep> Chain { get; init; } = [];

    public TimeToCrime? TimeToCrime { get; init; }

    public MultipleSaleIndicators? MultipleSale { get; init; }

    public IReadOnlyList<PriorTrace> EarlierTraces { get; init; } = [];

    public bool IsCompleted => Outcome == TraceOutcome.Completed;
}
