using System.Buffers.Binary;

namespace Ballistics.Ingest.Images;

/// <summary>A TIFF's size read from its first directory, so that a file declaring a huge image is refused before it is decoded.</summary>
internal static class TiffHeader
{
    private const ushort ImageWidthTag = 256;
    private const ushort ImageLengthTag = 257;
    private const ushort ShortType = 3;
    private const ushort LongType = 4;
    private const int EntryBytes = 12;

    /// <summary>
    /// ImageWidth and ImageLength of the first image file directory (either byte order); null when the bytes are not a
    /// classic TIFF or the directory does not hold both within the file.
    /// </summary>
    public static (int Width, int Height)? Size(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }

        bool little;
        if (tiff.StartsWith("II"u8))
        {
            little = true;
        }
        else if (tiff.StartsWith("MM"u8))
        {
            little = false;
        }
        else
        {
            return null;
        }

        if (U16(tiff[2..], little) != 42)
        {
            return null;
        }

        var directory = U32(tiff[4..], little);
        if (directory > (uint)(tiff.Length - 2))
        {
            return null;
        }

        var at = (int)directory;
        var entries = U16(tiff[at..], little);
        uint? width = null, height = null;
        for (var i = 0; i < entries; i++)
        {
            var entry = at + 2 + (i * EntryBytes);
            if (entry + EntryBytes > tiff.Length)
            {
                break;
            }

            var tag = U16(tiff[entry..], little);
            var type = U16(tiff[(entry + 2)..], little);
            uint? value = type switch
            {
                ShortType => U16(tiff[(entry + 8)..], little),
                LongType => U32(tiff[(entry + 8)..], little),
                _ => null,
            };
            if (tag == ImageWidthTag)
            {
                width = value;
            }
            else if (tag == ImageLengthTag)
            {
                height = value;
            }
        }

        return width is { } w && height is { } h ? ((int)Math.Min(w, int.MaxValue), (int)Math.Min(h, int.MaxValue)) : null;
    }

    private static ushort U16(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);

    private static uint U32(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);
}
