using System.Buffers.Binary;
using System.Globalization;

namespace Ballistics.Ingest.Images;

/// <summary>
/// A classic TIFF's first directory read without decoding: size, compression, XResolution/YResolution with their
/// ResolutionUnit, and how many directories (pages) the chain of next-directory offsets holds.
/// </summary>
internal static class TiffHeader
{
    private const ushort ImageWidthTag = 256;
    private const ushort ImageLengthTag = 257;
    private const ushort CompressionTag = 259;
    private const ushort XResolutionTag = 282;
    private const ushort YResolutionTag = 283;
    private const ushort ResolutionUnitTag = 296;
    private const ushort ShortType = 3;
    private const ushort LongType = 4;
    private const ushort RationalType = 5;
    private const int EntryBytes = 12;

    /// <summary>ResolutionUnit values: none (an aspect ratio only), inch (the default when the tag is missing), centimetre.</summary>
    private const uint NoUnit = 1, Inch = 2, Centimetre = 3;

    /// <summary>Pages counted at most: enough to say "several", and a chain that loops ends here.</summary>
    private const int MaxPagesCounted = 1000;

    /// <returns>The first directory's facts; null when the bytes are not a classic TIFF or the directory lacks the size.</returns>
    public static ImageFileHeader? Read(ReadOnlySpan<byte> tiff)
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

        var first = U32(tiff[4..], little);
        if (!Fits(tiff, first, 2))
        {
            return null;
        }

        var at = (int)first;
        var entries = U16(tiff[at..], little);
        uint? width = null, height = null, compression = null, unit = null;
        double? xResolution = null, yResolution = null;
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
            switch (tag)
            {
                case ImageWidthTag:
                    width = value;
                    break;
                case ImageLengthTag:
                    height = value;
                    break;
                case CompressionTag:
                    compression = value;
                    break;
                case ResolutionUnitTag:
                    unit = value;
                    break;
                case XResolutionTag when type == RationalType:
                    xResolution = Rational(tiff, U32(tiff[(entry + 8)..], little), little);
                    break;
                case YResolutionTag when type == RationalType:
                    yResolution = Rational(tiff, U32(tiff[(entry + 8)..], little), little);
                    break;
            }
        }

        if (width is not { } w || height is not { } h)
        {
            return null;
        }

        var header = new ImageFileHeader
        {
            Format = "TIFF",
            Width = (int)Math.Min(w, int.MaxValue),
            Height = (int)Math.Min(h, int.MaxValue),
            Images = Pages(tiff, first, little),
            Compression = compression is { } c ? (int)c : 1,
        };
        if (xResolution is not { } x)
        {
            return header;
        }

        var y = yResolution ?? x;
        var perUnit = unit ?? Inch;
        var resolution = perUnit switch
        {
            Inch => string.Create(CultureInfo.InvariantCulture, $"XResolution {x:0.###} × YResolution {y:0.###} pixels per inch"),
            Centimetre => string.Create(CultureInfo.InvariantCulture, $"XResolution {x:0.###} × YResolution {y:0.###} pixels per centimetre"),
            NoUnit => string.Create(CultureInfo.InvariantCulture, $"XResolution {x:0.###} : YResolution {y:0.###} with ResolutionUnit none (an aspect ratio only)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"XResolution {x:0.###} × YResolution {y:0.###} in ResolutionUnit {perUnit}, which TIFF does not define"),
        };
        var micrometresPerUnit = perUnit switch
        {
            Inch => 25_400.0,
            Centimetre => 10_000.0,
            _ => double.NaN,
        };
        return header with
        {
            Resolution = resolution,
            PixelSizeUm = double.IsFinite(micrometresPerUnit) && x > 0 && y > 0 ? (micrometresPerUnit / x, micrometresPerUnit / y) : null,
        };
    }

    /// <summary>Directories in the chain from the first; a next offset outside the file or seen before ends it.</summary>
    private static int Pages(ReadOnlySpan<byte> tiff, uint first, bool little)
    {
        var seen = new HashSet<uint>();
        var pages = 0;
        for (var at = first; at != 0 && pages < MaxPagesCounted && Fits(tiff, at, 2) && seen.Add(at);)
        {
            pages++;
            var next = (long)at + 2 + (U16(tiff[(int)at..], little) * (long)EntryBytes);
            if (next + 4 > tiff.Length)
            {
                break;
            }

            at = U32(tiff[(int)next..], little);
        }

        return Math.Max(1, pages);
    }

    private static double? Rational(ReadOnlySpan<byte> tiff, uint offset, bool little)
    {
        if (!Fits(tiff, offset, 8))
        {
            return null;
        }

        var numerator = U32(tiff[(int)offset..], little);
        var denominator = U32(tiff[((int)offset + 4)..], little);
        return denominator == 0 ? null : numerator / (double)denominator;
    }

    private static bool Fits(ReadOnlySpan<byte> tiff, uint offset, int bytes) => offset <= (uint)Math.Max(0, tiff.Length - bytes);

    private static ushort U16(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);

    private static uint U32(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);
}
