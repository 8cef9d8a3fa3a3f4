using System.Buffers.Binary;

namespace Ballistics.Testing;

/// <summary>Edits of a written TIFF's bytes, to make the files a lab should never be able to submit.</summary>
public static class TiffBytes
{
    /// <summary>Overwrites a SHORT entry of a little-endian TIFF's first directory (OpenCV writes little-endian).</summary>
    public static void SetShort(byte[] tiff, ushort tag, ushort value)
    {
        ArgumentNullException.ThrowIfNull(tiff);
        if (tiff[0] != (byte)'I')
        {
            throw new ArgumentException("not a little-endian TIFF", nameof(tiff));
        }

        var directory = (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4));
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(directory));
        for (var i = 0; i < entries; i++)
        {
            var entry = directory + 2 + (12 * i);
            if (BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(entry)) == tag)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(entry + 8), value);
                return;
            }
        }

        throw new ArgumentException($"the TIFF has no tag {tag}", nameof(tag));
    }
}
