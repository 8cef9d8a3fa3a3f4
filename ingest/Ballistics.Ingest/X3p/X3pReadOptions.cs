namespace Ballistics.Ingest.X3p;

/// <summary>Options of the x3p reader. The size limits are the decompression-bomb guard.</summary>
public sealed record X3pReadOptions
{
    public static X3pReadOptions Default { get; } = new();

    /// <summary>Check the point-data MD5 in main.xml and the main.xml MD5 in md5checksum.hex.</summary>
    public bool VerifyChecksums { get; init; } = true;

    /// <summary>
    /// Read the heights without the file's mask (neither decoded nor applied), as an instrument writes a raw scan: the
    /// breech face must then be found from the heights alone. For checking that finder on files that carry a mask.
    /// </summary>
    public bool IgnoreMask { get; init; }

    /// <summary>
    /// Largest grid accepted, in points (default 8192 × 8192 = 67,108,864: 256 MiB as float32,
    /// four times the largest breech-face scan we know of at full resolution). A file declaring
    /// more is refused before anything is allocated or decompressed.
    /// </summary>
    public long MaxPoints { get; init; } = 8192L * 8192L;

    /// <summary>Largest x3p container accepted, in bytes (default 1 GiB).</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Deepest nesting of main.xml's elements accepted (default 64; the standard's documents nest six deep). Checked in
    /// a streaming pass before the document is built: 100,000 nested elements in an 877 KB file took 85 s to load.
    /// </summary>
    public int MaxXmlDepth { get; init; } = 64;

    /// <summary>Largest main.xml or mask image accepted, in bytes (default 64 MiB).</summary>
    public long MaxSideEntryBytes { get; init; } = 64L << 20;
}
