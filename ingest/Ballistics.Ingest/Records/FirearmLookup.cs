using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Reading;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records;

/// <summary>
/// Normalises a firearm typed on a command line or in a query form the way a record file's firearm is
/// normalised, so that a look-up by serial and maker meets the stored records on the same keys.
/// </summary>
public static class FirearmLookup
{
    /// <summary>The firearm as far as it could be normalised, and each problem with the field it is about.</summary>
    public static (FirearmDescription Firearm, IReadOnlyList<FieldError> Errors) Describe(string? serial, string? make)
    {
        var tables = NormalizationTables.Default;
        var fields = tables.Fields(RecordKind.Trace);
        var errors = new RecordErrors();
        errors.Start(null);
        var raw = new RawRecord();
        raw.Reset(0);
        raw.Set(RecordField.Serial, (serial ?? string.Empty).AsMemory());
        raw.Set(RecordField.Make, (make ?? string.Empty).AsMemory());

        // As on a trace request: the maker may be UNK, the serial may be UNK or obliterated.
        var firearm = new FirearmNormalizer(tables, fields, errors).Normalize(raw, makeRequired: true, makeMayBeUnknown: true, serialMustBePresent: false);
        return (firearm, errors.Take());
    }
}
