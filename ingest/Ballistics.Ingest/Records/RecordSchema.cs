using Ballistics.Ingest.Records.Reading;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records;

/// <summary>
/// The canonical fields a record of one kind has (fields.tsv), by the snake_case names errors and normalised output
/// use: what an API document declares for a submitted record. Any of each field's aliases is read as well.
/// </summary>
public static class RecordSchema
{
    public static IReadOnlyList<string> FieldNames(RecordKind kind) =>
        [.. NormalizationTables.Default.Fields(kind).Values.Order().Select(RecordFields.Name)];
}
