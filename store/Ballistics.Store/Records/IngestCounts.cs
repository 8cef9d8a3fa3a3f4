namespace Ballistics.Store.Records;

/// <summary>What one ingest of one file did: records read, newly stored, already on file, and rejected.</summary>
public readonly record struct IngestCounts(int Read, int Stored, int Duplicates, int Rejected)
{
    /// <summary>Records kept (stored or already on file) with a warning, each written to the warnings file.</summary>
    public int Warned { get; init; }
}
