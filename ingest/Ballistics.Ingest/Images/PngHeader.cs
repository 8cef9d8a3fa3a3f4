using System.Buffers.Binary;
using System.Globalization;

namespace Ballistics.Ingest.Images;

/// <summary>
/// A PNG's chunks read without decoding: IHDR (size), pHYs (pixels per metre, or an aspect ratio only) and acTL (an
/// animated PNG's frames). Chunks are walked by their lengths; a length that runs past the file ends the walk.
/// </summary>
internal static class PngHeader
{
    private const int ChunkOverhead = 12; // length, type, CRC

    /// <summary>The pHYs unit that makes its numbers absolute: pixels per metre (0 states only the aspect ratio).</summary>
    private const byte PerMetre = 1;

    public static ImageFileHeader? Read(ReadOnlySpan<byte> png)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png[..8].SequenceEqual(signature) || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var header = new ImageFileHeader
        {
            Format = "PNG",
            Width = Clamp(BinaryPrimitives.ReadUInt32BigEndian(png.Slice(16, 4))),
            Height = Clamp(BinaryPrimitives.ReadUInt32BigEndian(png.Slice(20, 4))),
        };
        for (long at = 8; at + ChunkOverhead <= png.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice((int)at, 4));
            if (at + ChunkOverhead + length > png.Length)
            {
                break;
            }

            var type = png.Slice((int)at + 4, 4);
            var data = png.Slice((int)at + 8, (int)length);
            if (type.SequenceEqual("pHYs"u8) && data.Length >= 9)
            {
                var x = BinaryPrimitives.ReadUInt32BigEndian(data);
                var y = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                var unit = data[8];
                header = header with
                {
                    Resolution = unit == PerMetre
                        ? string.Create(CultureInfo.InvariantCulture, $"pHYs {x} × {y} pixels per metre")
                        : string.Create(CultureInfo.InvariantCulture, $"pHYs {x} : {y} without a unit (an aspect ratio only)"),
                    PixelSizeUm = unit == PerMetre && x > 0 && y > 0 ? (1e6 / x, 1e6 / y) : null,
                };
            }
            else if (type.SequenceEqual("acTL"u8) && data.Length >= 4)
            {
                header = header with { Images = Clamp(BinaryPrimitives.ReadUInt32BigEndian(data)) };
            }
            else if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8))
            {
                // pHYs and acTL come before the image data.
                break;
            }

            at += ChunkOverhead + length;
        }

        return header;
    }

    private static int Clamp(uint value) => (int)Math.Min(value, int.MaxValue);
}
