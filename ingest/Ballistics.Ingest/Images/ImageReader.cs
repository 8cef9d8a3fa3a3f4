using System.Globalization;
using System.Runtime.InteropServices;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Ingest.Images;

/// <summary>Options for reading a 2D image as a surface.</summary>
public sealed record ImageReadOptions
{
    /// <summary>Largest image accepted, in bytes of the encoded file (default 256 MiB).</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    /// <summary>Largest image accepted, in pixels (default 8192 × 8192, as for x3p).</summary>
    public long MaxPixels { get; init; } = 8192L * 8192L;
}

/// <summary>
/// Reads PNG and TIFF images (8 or 16 bit, grey or colour; TIFF uncompressed, LZW or deflate; one image per file)
/// through OpenCV into a <see cref="Surface"/> of kind <see cref="SurfaceKind.Intensity2D"/>: values are intensities
/// scaled to 0–1 (colour as its luminance). The pixel size is the one the caller states, else the one the file's
/// resolution fields state in absolute units (PNG pHYs in pixels per metre; TIFF XResolution and YResolution per inch
/// or centimetre); a file with neither is refused, saying what to give.
/// </summary>
public static class ImageReader
{
    /// <summary>
    /// The pixel sizes a cartridge-case photograph can have: a primer of 4.4 mm is 90 pixels across at the largest, and a
    /// stereo microscope does not resolve below the smallest. A file stating 72 or 96 pixels per inch (353 or 265 µm) states
    /// its software's default, not a measurement.
    /// </summary>
    public const double MinPixelSizeUm = 0.1, MaxPixelSizeUm = 50;

    /// <summary>TIFF compression schemes decoded: none, LZW, deflate (Adobe), deflate (the older code).</summary>
    private static readonly Dictionary<int, string> TiffCompressions = new() { [1] = "uncompressed", [5] = "LZW", [8] = "deflate", [32946] = "deflate" };

    private const string HowToGive = "give the pixel size in micrometres (the CLI's --pixel-size-um, an upload's pixel_size_um)";

    /// <param name="path">A PNG or TIFF file.</param>
    /// <param name="pixelSizeUm">The pixel size the caller states (µm); null to take the file's.</param>
    /// <param name="options">Size limits.</param>
    /// <param name="lighting">How the photograph was lit, when known.</param>
    public static IngestResult<Surface> Read(string path, double? pixelSizeUm, ImageReadOptions? options = null, ImageLighting lighting = ImageLighting.Unknown)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ImageReadOptions();
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Fail(IngestErrorKind.NotFound, path, "file not found");
            }

            if (info.Length > options.MaxFileBytes)
            {
                return Fail(IngestErrorKind.TooLarge, path, $"file is {info.Length:N0} bytes, over the limit of {options.MaxFileBytes:N0}");
            }

            return Read(File.ReadAllBytes(path), path, pixelSizeUm, options, lighting);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(IngestErrorKind.NotFound, path, $"cannot read file: {ex.Message}");
        }
    }

    /// <summary>Reads an image from its bytes; see <see cref="Read(string, double?, ImageReadOptions?, ImageLighting)"/>.</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="sourceName">The name errors are located by.</param>
    /// <param name="pixelSizeUm">The pixel size the caller states (µm); null to take the file's.</param>
    /// <param name="options">Size limits.</param>
    /// <param name="lighting">How the photograph was lit, when known.</param>
    public static IngestResult<Surface> Read(byte[] encoded, string sourceName, double? pixelSizeUm, ImageReadOptions? options = null, ImageLighting lighting = ImageLighting.Unknown)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= new ImageReadOptions();
        if (pixelSizeUm is { } stated && !(stated >= MinPixelSizeUm && stated <= MaxPixelSizeUm))
        {
            return Fail(IngestErrorKind.InvalidValue, sourceName, string.Create(CultureInfo.InvariantCulture,
                $"pixel size must be {MinPixelSizeUm}–{MaxPixelSizeUm} micrometres (a cartridge-case photograph's), got {stated}"));
        }

        if (encoded.Length > options.MaxFileBytes)
        {
            return Fail(IngestErrorKind.TooLarge, sourceName, $"image is {encoded.Length:N0} bytes, over the limit of {options.MaxFileBytes:N0}");
        }

        if (!LooksLikePngOrTiff(encoded))
        {
            return Fail(IngestErrorKind.ImageDecode, sourceName, "not a PNG or TIFF image");
        }

        var header = ImageFileHeader.Read(encoded);
        if (header is not null && Refusal(header, options) is { } refusal)
        {
            return Fail(refusal.Kind, sourceName, refusal.Message);
        }

        var pixel = PixelSize(header, pixelSizeUm);
        if (pixel.Error is { } pixelError)
        {
            return Fail(IngestErrorKind.InvalidValue, sourceName, pixelError);
        }

        using var decoded = Cv2.ImDecode(encoded, ImreadModes.AnyDepth | ImreadModes.AnyColor);
        if (decoded.Empty())
        {
            return Fail(IngestErrorKind.ImageDecode, sourceName, "image data cannot be decoded (truncated or corrupt)");
        }

        if ((long)decoded.Rows * decoded.Cols > options.MaxPixels)
        {
            return Fail(IngestErrorKind.TooLarge, sourceName, $"{decoded.Cols}×{decoded.Rows} pixels exceed the limit of {options.MaxPixels:N0}");
        }

        using var grey = new Mat();
        switch (decoded.Channels())
        {
            case 1:
                decoded.CopyTo(grey);
                break;
            case 3:
                Cv2.CvtColor(decoded, grey, ColorConversionCodes.BGR2GRAY);
                break;
            case 4:
                Cv2.CvtColor(decoded, grey, ColorConversionCodes.BGRA2GRAY);
                break;
            default:
                return Fail(IngestErrorKind.Unsupported, sourceName, $"{decoded.Channels()} channels are not supported");
        }

        var depth = grey.Depth();
        double scale;
        if (depth == MatType.CV_8U)
        {
            scale = 1.0 / byte.MaxValue;
        }
        else if (depth == MatType.CV_16U)
        {
            scale = 1.0 / ushort.MaxValue;
        }
        else
        {
            return Fail(IngestErrorKind.Unsupported, sourceName, "only 8- and 16-bit images are supported");
        }

        using var asFloat = new Mat();
        grey.ConvertTo(asFloat, MatType.CV_32F, scale);
        var values = new float[asFloat.Rows * asFloat.Cols];
        using (var continuous = asFloat.IsContinuous() ? null : asFloat.Clone())
        {
            Marshal.Copy((continuous ?? asFloat).Data, values, 0, values.Length);
        }

        var surface = new Surface(asFloat.Cols, asFloat.Rows, pixel.Um, pixel.Um, values)
        {
            Kind = SurfaceKind.Intensity2D,
            Metadata = new SurfaceMetadata
            {
                SourceSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(encoded)),
                Lighting = lighting,
                Notes = [$"{(depth == MatType.CV_8U ? 8 : 16)}-bit {(decoded.Channels() == 1 ? "grey" : "colour converted to grey")} image", pixel.Note, $"lighting: {lighting.ToString().ToLowerInvariant()}"],
            },
        };
        return IngestResult<Surface>.Ok(surface);
    }

    /// <summary>Why a file's header alone refuses it: no pixels, too many, several images, or a compression not decoded.</summary>
    private static (IngestErrorKind Kind, string Message)? Refusal(ImageFileHeader header, ImageReadOptions options)
    {
        if (header.Width == 0 || header.Height == 0)
        {
            return (IngestErrorKind.InvalidValue, $"the {header.Format} declares {header.Width}×{header.Height} pixels: there is no image");
        }

        if ((long)header.Width * header.Height > options.MaxPixels)
        {
            return (IngestErrorKind.TooLarge, $"{header.Width}×{header.Height} pixels exceed the limit of {options.MaxPixels:N0}");
        }

        if (header.Images > 1)
        {
            return (IngestErrorKind.Unsupported, header.Format == "PNG"
                ? $"an animated PNG of {header.Images} frames: give one still photograph per file"
                : $"a TIFF of {header.Images} pages: give one photograph per file");
        }

        if (header.Compression is { } compression && !TiffCompressions.ContainsKey(compression))
        {
            return (IngestErrorKind.Unsupported, $"TIFF compression {compression} is not read: save it uncompressed, LZW or deflate");
        }

        return null;
    }

    /// <summary>The pixel size to use and the note saying where it came from; or why there is none.</summary>
    private static (double Um, string Note, string? Error) PixelSize(ImageFileHeader? header, double? stated)
    {
        var fromFile = header?.PixelSizeUm;
        if (stated is { } given)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"pixel size {given} µm as stated");
            return (given, fromFile is { } f && Math.Abs(f.X - given) > 0.01 * given
                ? $"{note} (the file's {header!.Resolution} would make it {ImageFileHeader.Micrometres(f.X)} µm)"
                : note, null);
        }

        if (header is null)
        {
            return (0, string.Empty, $"the image's header cannot be read for a pixel size: {HowToGive}");
        }

        if (fromFile is not { } size)
        {
            var what = header.Resolution ?? (header.Format == "PNG" ? "the PNG has no pHYs chunk" : "the TIFF has no XResolution");
            return (0, string.Empty, $"no pixel size: {what}; {HowToGive}");
        }

        if (Math.Abs(size.X - size.Y) > 0.01 * Math.Max(size.X, size.Y))
        {
            return (0, string.Empty, $"the file's {header.Resolution} makes its pixels {ImageFileHeader.Micrometres(size.X)} × {ImageFileHeader.Micrometres(size.Y)} µm: square pixels only");
        }

        if (!(size.X >= MinPixelSizeUm && size.X <= MaxPixelSizeUm))
        {
            return (0, string.Empty, string.Create(CultureInfo.InvariantCulture,
                $"the file's {header.Resolution} makes a pixel {ImageFileHeader.Micrometres(size.X)} µm, not a cartridge-case photograph's ({MinPixelSizeUm}–{MaxPixelSizeUm} µm): it is a software default, not a measurement; {HowToGive}"));
        }

        return (size.X, $"pixel size {ImageFileHeader.Micrometres(size.X)} µm from the file's {header.Resolution}", null);
    }

    private static bool LooksLikePngOrTiff(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || b.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 42, 0])
        || b.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0, 42]);

    private static IngestResult<Surface> Fail(IngestErrorKind kind, string source, string message) =>
        IngestResult<Surface>.Fail(new IngestError(kind, source, null, message));
}
