namespace Ballistics.Ingest.Records.Normalization;

/// <summary>
/// One problem of one record: the canonical field it is about ("serial", "recovery_date"; "record" for
/// the row as a whole) and why, in words for the person who has to fix the file.
/// </summary>
public readonly record struct FieldError(string Field, string Reason)
{
    /// <summary>The field name of errors about the row itself (unbalanced quotes, wrong field count, invalid JSON).</summary>
    public const string WholeRecord = "record";
}
