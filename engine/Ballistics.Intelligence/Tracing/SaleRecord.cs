namespace Ballistics.Intelligence.Tracing;

/// <summary>
/// One firearm's chain of sale as the registry holds it: maker or importer → distributor → dealer (FFL)
/// → first retail purchaser, and the multiple-sale report the retail sale was on.
/// </summary>
public sealed record SaleRecord
{
    /// <summary>The store's id of the transaction record.</summary>
    public required long RecordId { get; init; }

    public string? TransactionId { get; init; }

    public string? Make { get; init; }

    public string? MakeCode { get; init; }

    public string? Model { get; init; }

    public string? ModelKey { get; init; }

    public string? Caliber { get; init; }

    public string? CaliberCode { get; init; }

    public string? Serial { get; init; }

    public string? SerialKey { get; init; }

    public string? Importer { get; init; }

    public DateOnly? ImportDate { get; init; }

    public string? Distributor { get; init; }

    public DateOnly? DistributorDate { get; init; }

    public string? Dealer { get; init; }

    public string? DealerFfl { get; init; }

    public DateOnly? DealerDate { get; init; }

    public DateOnly? RetailDate { get; init; }

    public string? MultipleSaleReport { get; init; }

    public TracePerson? Purchaser { get; init; }
}

/// <summary>
/// A purchaser as a trace shows it. Personal data: the store keeps it in its personal tables and the
/// API's access rules decide who sees it; <see cref="Key"/> links the same person across sales.
/// </summary>
public sealed record TracePerson(string Key, string? Name, DateOnly? DateOfBirth);
