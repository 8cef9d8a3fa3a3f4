namespace Ballistics.Ingest.Records;

/// <summary>
/// A validated record of any kind. Holds content only: where it came from (file, line) travels beside it
/// in <see cref="Normalization.RecordResult"/>, so the same record read from two files has one
/// <see cref="RecordIdentity.ContentId"/> and a later ingest can store it once.
/// </summary>
public abstract record FirearmRecord
{
    public abstract RecordKind Kind { get; }

    public required FirearmDescription Firearm { get; init; }
}
