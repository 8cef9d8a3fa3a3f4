namespace Ballistics.Ingest.Records;

/// <summary>
/// A firearm's chain of sale: maker or importer → distributor → dealer (FFL) → first retail purchaser,
/// each step dated when known, and the ATF multiple-sale report (Form 3310.4) the retail sale was part of.
/// </summary>
public sealed record FirearmTransaction : FirearmRecord
{
    public override RecordKind Kind => RecordKind.Transaction;

    public string? TransactionId { get; init; }

    /// <summary>When the firearm was made or imported: the start of the chain.</summary>
    public DateOnly? ImportDate { get; init; }

    public string? Distributor { get; init; }

    public DateOnly? DistributorDate { get; init; }

    public string? Dealer { get; init; }

    /// <summary>The dealer's federal firearms licence, written X-XX-XXX-XX-XX-XXXXX.</summary>
    public string? DealerFfl { get; init; }

    public DateOnly? DealerDate { get; init; }

    /// <summary>The first retail sale, from which time-to-crime is counted.</summary>
    public DateOnly? RetailDate { get; init; }

    [PersonalData]
    public PersonRecord? Purchaser { get; init; }

    public string? MultipleSaleReport { get; init; }
}
