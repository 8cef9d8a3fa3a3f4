namespace Ballistics.Ingest.Records.Reading;

/// <summary>
/// The canonical fields of every record kind. A file's columns (or JSON properties) are mapped onto
/// these through fields.tsv; errors name these, so a report reads the same whatever language the file used.
/// </summary>
internal enum RecordField
{
    Serial,
    Obliterated,
    Make,
    Importer,
    Model,
    Caliber,
    Type,
    CountryOfOrigin,
    OtherMarkings,
    RecoveryDate,
    RecoveryCountry,
    RecoveryState,
    RecoveryLocality,
    TraceNumber,
    Agency,
    Ori,
    RequesterCountry,
    CaseNumber,
    CrimeCode,
    Priority,
    PossessorName,
    PossessorDob,
    PossessorAddress,
    PossessorId,
    IncidentId,
    CartridgeCases,
    TransactionId,
    ImportDate,
    Distributor,
    DistributorDate,
    Dealer,
    DealerFfl,
    DealerDate,
    RetailDate,
    PurchaserName,
    PurchaserDob,
    PurchaserAddress,
    PurchaserId,
    MultipleSaleReport,
}

/// <summary>Field names in snake_case, as tables and error reports write them.</summary>
internal static class RecordFields
{
    public const int Count = (int)RecordField.MultipleSaleReport + 1;

    private static readonly string[] Names = Enum.GetValues<RecordField>().Select(f => ToSnake(f.ToString())).ToArray();

    public static string Name(RecordField field) => Names[(int)field];

    public static RecordField? Parse(string snake)
    {
        var index = Array.IndexOf(Names, snake);
        return index < 0 ? null : (RecordField)index;
    }

    private static string ToSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
