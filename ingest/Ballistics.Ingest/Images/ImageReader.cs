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
/// Reads PNG and TIFF images (8 or 16 bit, grey or colour) through OpenCV into a
/// <see cref="Surface"/> of kind <see cref="SurfaceKind.Intensity2D"/>: values are intensities
/// scaled to 0–1, lateral steps are the pixel size the caller states (an image does not carry a
/// trustworthy one).
/// </summary>
public static class ImageReader
{
    public static IngestResult<Surface> Read(string path, double pixelSizeUm, ImageReadOptions? options = null)
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

            return Read(File.ReadAllBytes(path), path, pixelSizeUm, options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(IngestErrorKind.NotFound, path, $"cannot read file: {ex.Message}");
        }
    }

    public static IngestResult<Surface> Read(byte[] encoded, string sourceName, double pixelSizeUm, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= new ImageReadOptions();
        if (!(pixelSizeUm > 0) || !double.IsFinite(pixelSizeUm))
        {
            return Fail(IngestErrorKind.InvalidValue, sourceName, $"pixel size must be a positive number of micrometres, got {pixelSizeUm}");
        }

        if (encoded.Length > options.MaxFileBytes)
        {
            return Fail(IngestErrorKind.TooLarge, sourceName, $"image is {encoded.Length:N0} bytes, over the limit of {options.MaxFileBytes:N0}");
        }

        if (!LooksLikePngOrTiff(encoded))
        {
            return Fail(IngestErrorKind.ImageDecode, sourceName, "not a PNG or TIFF image");
        }

        // A PNG's header and a TIFF's first directory state the size: too many pixels are refused before decoding (a
        // small file can declare 20,000²).
        if ((PngHeader.Size(encoded) ?? TiffHeader.Size(encoded)) is { } declared && (long)declared.Width * declared.Height > options.MaxPixels)
        {
            return Fail(IngestErrorKind.TooLarge, sourceName, $"{declared.Width}×{declared.Height} pixels exceed the limit of {options.MaxPixels:N0}");
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

        var surface = new Surface(asFloat.Cols, asFloat.Rows, pixelSizeUm, pixelSizeUm, values)
        {
            Kind = SurfaceKind.Intensity2D,
            Metadata = new SurfaceMetadata
            {
                SourceSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(encoded)),
                Notes = [$"{(depth == MatType.CV_8U ? 8 : 16)}-bit {(decoded.Channels() == 1 ? "grey" : "colour converted to grey")} image; pixel size {pixelSizeUm} µm stated by the caller"],
            },
        };
        return IngestResult<Surface>.Ok(surface);
    }

    private static bool LooksLikePngOrTiff(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || b.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 42, 0])
        || b.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0, 42]);

    private static IngestResult<Surface> Fail(IngestErrorKind kind, string source, string message) =>
        IngestResult<Surface>.Fail(new IngestError(kind, source, null, message));
}
