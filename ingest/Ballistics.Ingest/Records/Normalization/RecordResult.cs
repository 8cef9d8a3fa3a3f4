namespace Ballistics.Ingest.Records.Normalization;

/// <summary>
/// What became of one input record: where it was (file and line), its problems, and what could be
/// normalised. <see cref="Record"/> is set only when there were no problems; a rejected record still
/// shows its firearm and recovery as far as they could be read, so a report can say what it was.
/// </summary>
public sealed record RecordResult(
    string Source,
    int Line,
    RecordKind Kind,
    IReadOnlyList<FieldError> Errors,
    FirearmDescription Firearm,
    Recovery? Recovery,
    FirearmRecord? Record)
{
    public bool IsOk => Record is not null;

    /// <summary>What a reader should know of a record kept (an importer's name in the make resolved, or kept with the make unknown).</summary>
    public IReadOnlyList<FieldError> Warnings { get; init; } = [];

    /// <summary>The problems as located ingest errors ("FILE: line 7, field serial: reason").</summary>
    public IEnumerable<IngestError> LocatedErrors() =>
        Errors.Select(e => new IngestError(IngestErrorKind.InvalidValue, Source, $"line {Line}, field {e.Field}", e.Reason));
}
