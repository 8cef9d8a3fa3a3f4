using Ballistics.Ingest.Scans;

namespace Ballistics.Store.Scans;

/// <summary>
/// A scan on file: its store id, content address, metadata and when and by which versions it was added, and the firing
/// pin's shape class measured in it then (circular, elliptical, rectangular; null when it holds no firing pin), and
/// what it holds: <c>3d</c> a topography, <c>2d</c> a photograph (<see cref="Engine.Matching.Modalities"/>).
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
    string? FiringPinShape = null,
    string Modality = Engine.Matching.Modalities.Topography);
