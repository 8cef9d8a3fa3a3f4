namespace Ballistics.Store.Records;

/// <summary>What one ingest of one file did: records read, newly stored, already on file, and rejected.</summary>
public readonly record struct IngestCounts(int Read, int Stored, int Duplicates, int Rejected);
