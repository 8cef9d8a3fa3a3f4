using System.Globalization;

namespace Ballistics.Ingest.Images;

/// <summary>
/// What an image file says about itself before it is decoded: its size, how many images it holds, its compression and
/// the pixel size its resolution fields state. Read from a PNG's chunks (<see cref="PngHeader"/>) or a TIFF's
/// directories (<see cref="TiffHeader"/>), so that a file declaring a huge image, several images or an unsupported
/// encoding is refused with its reason rather than decoded.
/// </summary>
internal sealed record ImageFileHeader
{
    public required string Format { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Images the file holds: a PNG's animation frames, a TIFF's pages (directories); 1 for one still image.</summary>
    public int Images { get; init; } = 1;

    /// <summary>The pixel size the file states in absolute units (µm, x then y); null when it states none.</summary>
    public (double X, double Y)? PixelSizeUm { get; init; }

    /// <summary>The resolution fields as written, for the notes: e.g. "pHYs 200000 pixels per metre".</summary>
    public string? Resolution { get; init; }

    /// <summary>A TIFF's compression scheme (tag 259); null for a PNG.</summary>
    public int? Compression { get; init; }

    /// <summary>The header of a PNG or TIFF; null when the bytes start as neither or are cut short before the size.</summary>
    public static ImageFileHeader? Read(ReadOnlySpan<byte> file) => PngHeader.Read(file) ?? TiffHeader.Read(file);

    internal static string Micrometres(double value) => value.ToString(value >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);
}
