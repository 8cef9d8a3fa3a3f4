using System.Buffers.Binary;
using System.IO.Hashing;
using OpenCvSharp;

namespace Ballistics.Ingest.Images;

/// <summary>How a TIFF's pixels are stored; the values are TIFF's Compression tag.</summary>
public enum TiffCompression
{
    None = 1,
    Lzw = 5,
    Deflate = 8,
}

/// <summary>
/// Writes a grey photograph (8 or 16 bit) as PNG or TIFF with its pixel size in the file's resolution fields — PNG pHYs
/// in pixels per metre, TIFF XResolution/YResolution in pixels per centimetre — so that <see cref="ImageReader"/> and any
/// other program read it back at its scale.
/// </summary>
public static class ImageWriter
{
    public static byte[] Png(Mat image, double pixelSizeUm)
    {
        ArgumentNullException.ThrowIfNull(image);
        var perMetre = PerUnit(pixelSizeUm, 1e6);
        Cv2.ImEncode(".png", image, out var encoded);
        // pHYs goes straight after IHDR (signature 8 bytes, IHDR chunk 25): x and y pixels per unit, unit 1 = metre.
        const int afterHeader = 8 + 25;
        Span<byte> data = stackalloc byte[9];
        BinaryPrimitives.WriteUInt32BigEndian(data, perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(data[4..], perMetre);
        data[8] = 1;
        var chunk = Chunk("pHYs"u8, data);
        var png = new byte[encoded.Length + chunk.Length];
        encoded.AsSpan(0, afterHeader).CopyTo(png);
        chunk.CopyTo(png.AsSpan(afterHeader));
        encoded.AsSpan(afterHeader).CopyTo(png.AsSpan(afterHeader + chunk.Length));
        return png;
    }

    public static byte[] Tiff(Mat image, double pixelSizeUm, TiffCompression compression = TiffCompression.Lzw)
    {
        ArgumentNullException.ThrowIfNull(image);
        // Whole pixels per centimetre: 3–8 µm pixels are 1,250–3,333 of them, so rounding moves the size by 0.04 % at most.
        var perCentimetre = (int)PerUnit(pixelSizeUm, 1e4);
        const int Centimetre = 3;
        Cv2.ImEncode(".tiff", image, out var encoded,
            [(int)ImwriteFlags.TiffResUnit, Centimetre, (int)ImwriteFlags.TiffXDpi, perCentimetre, (int)ImwriteFlags.TiffYDpi, perCentimetre, (int)ImwriteFlags.TiffCompression, (int)compression]);
        return encoded;
    }

    /// <summary>A chunk as PNG frames it: length, type, data, CRC-32 of type and data.</summary>
    internal static byte[] Chunk(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        type.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint PerUnit(double pixelSizeUm, double micrometresPerUnit)
    {
        if (!(pixelSizeUm >= ImageReader.MinPixelSizeUm && pixelSizeUm <= ImageReader.MaxPixelSizeUm))
        {
            throw new ArgumentOutOfRangeException(nameof(pixelSizeUm), pixelSizeUm, $"a photograph's pixel is {ImageReader.MinPixelSizeUm}–{ImageReader.MaxPixelSizeUm} µm");
        }

        return (uint)Math.Round(micrometresPerUnit / pixelSizeUm);
    }
}
