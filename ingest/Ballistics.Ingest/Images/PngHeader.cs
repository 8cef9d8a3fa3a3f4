using System.Buffers.Binary;

namespace Ballistics.Ingest.Images;

/// <summary>A PNG's size read from its header, so that a file declaring a huge image is refused before it is decoded.</summary>
internal static class PngHeader
{
    /// <summary>Width and height from a PNG's IHDR chunk (signature, length, "IHDR", then both big-endian); null when the bytes do not start so.</summary>
    public static (int Width, int Height)? Size(ReadOnlySpan<byte> png)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png[..8].SequenceEqual(signature) || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var w = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(16, 4));
        var h = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(20, 4));
        return ((int)Math.Min(w, int.MaxValue), (int)Math.Min(h, int.MaxValue));
    }
}
