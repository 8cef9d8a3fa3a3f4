using Ballistics.Ingest.Scans;

namespace Ballistics.Store.Scans;

/// <summary>
/// A scan on file: its store id, content address, metadata and when and by which versions it was added, and the firing
/// pin's shape class measured in it then (circular, elliptical, rectangular; null when it holds no firing pin).
/// </summary>
public sealed record ScanItem(
    long Id,
    string Sha256,
    string FileName,
    long ByteCount,
    ScanItemMetadata Metadata,
    DateTimeOffset AddedAt,
    string PreprocessVersion,
    string SignatureVersion,
    string? FiringPinShape = null);
