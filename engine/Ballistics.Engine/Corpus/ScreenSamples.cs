using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// What a corpus keeps per item to sign it and to screen it as a search candidate without reading its surface: the
/// scan sampled on rings about its firing-pin axis (the centred polar image before its row transforms; about 100 rings
/// × 720 angles) and its coarse level with the axis on it (about 206² points at 20 µm). Kept as float32 so a screen
/// from the cache equals one from the surface. Written compactly, because a search reads two hundred of them: only the
/// rings from the first valid one (the firing-pin impression leaves about half empty), invalid points as NaN instead
/// of a second plane, checked but not compressed (see <see cref="Write"/>).
/// </summary>
public sealed class ScreenSamples : IDisposable
{
    private const uint Magic = 0x31535342; // "BSS1"

    /// <summary>Whether the planes were rented (<see cref="Read"/>) and go back to the pool on <see cref="Dispose"/>.</summary>
    private bool _rented;

    internal ScreenSamples(float[] values, float[] valid, int rings, double coarseStepUm, float[] coarseValues, float[] coarseMask, int coarseWidth, int coarseHeight, (double X, double Y) coarseAxis)
    {
        Values = values;
        Valid = valid;
        Rings = rings;
        CoarseStepUm = coarseStepUm;
        CoarseValues = coarseValues;
        CoarseMask = coarseMask;
        CoarseWidth = coarseWidth;
        CoarseHeight = coarseHeight;
        CoarseAxis = coarseAxis;
    }

    internal static ScreenSamples From(ScreenParts parts)
    {
        var coarse = parts.Coarse;
        return new ScreenSamples(
            parts.Values,
            parts.Valid,
            parts.Rings,
            parts.CoarseStepUm,
            coarse.Values.AsSpan<float>().ToArray(),
            coarse.Mask.AsSpan<float>().ToArray(),
            coarse.Width,
            coarse.Height,
            parts.CoarseAxis);
    }

    public int Rings { get; }

    /// <summary>The grid step of the coarse level and of the rings (one ring per step).</summary>
    public double CoarseStepUm { get; }

    public int CoarseWidth { get; }

    public int CoarseHeight { get; }

    /// <summary>The turning axis in points of the coarse level.</summary>
    public (double X, double Y) CoarseAxis { get; }

    /// <summary>Polar heights, rings × angles (the array may be longer: rented).</summary>
    internal float[] Values { get; }

    internal float[] Valid { get; }

    /// <summary>Coarse heights, width × height (the array may be longer: rented).</summary>
    internal float[] CoarseValues { get; }

    internal float[] CoarseMask { get; }

    internal CentredPolarImage ToPolar() => CentredPolarImage.FromSamples(Values, Valid, Rings);

    internal MaskedImage ToCoarse() =>
        MaskedImage.FromPlanes(CoarseValues.AsSpan(0, CoarseWidth * CoarseHeight), CoarseMask.AsSpan(0, CoarseWidth * CoarseHeight), CoarseWidth, CoarseHeight);

    /// <summary>Returns read samples' planes to the pool: a search reads two hundred a query, 1.3 MB each.</summary>
    public void Dispose()
    {
        if (_rented)
        {
            _rented = false;
            ArrayPool<float>.Shared.Return(Values);
            ArrayPool<float>.Shared.Return(Valid);
            ArrayPool<float>.Shared.Return(CoarseValues);
            ArrayPool<float>.Shared.Return(CoarseMask);
        }
    }

    /// <summary>
    /// A fixed header, the planes as raw float32 (invalid points NaN) and an XXH3 checksum of all before it. Not deflated:
    /// float planes hardly compress once the invalid points are NaN (277 KB against 333 KB an item), and inflating two
    /// hundred of them cost a search a third of a second; the checksum still catches a damaged entry.
    /// </summary>
    public void Write(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var first = CentredPolarImage.FirstValidRing(Valid, Rings);
        var polar = (Rings - first) * CentredPolarImage.Angles;
        var coarse = CoarseWidth * CoarseHeight;
        var bytes = new byte[HeaderBytes + ((polar + coarse) * sizeof(float)) + sizeof(ulong)];
        var header = bytes.AsSpan(0, HeaderBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], Rings);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], first);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], CoarseWidth);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], CoarseHeight);
        BinaryPrimitives.WriteDoubleLittleEndian(header[20..], CoarseStepUm);
        BinaryPrimitives.WriteDoubleLittleEndian(header[28..], CoarseAxis.X);
        BinaryPrimitives.WriteDoubleLittleEndian(header[36..], CoarseAxis.Y);
        var planes = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes, (polar + coarse) * sizeof(float)));
        Merge(Values.AsSpan(first * CentredPolarImage.Angles, polar), Valid.AsSpan(first * CentredPolarImage.Angles, polar), planes[..polar]);
        Merge(CoarseValues, CoarseMask, planes[polar..]);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - sizeof(ulong)), XxHash3.HashToUInt64(bytes.AsSpan(0, bytes.Length - sizeof(ulong))));
        destination.Write(bytes);
    }

    /// <exception cref="InvalidDataException">Not whole screen samples (a corrupt cache entry).</exception>
    public static ScreenSamples Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var rented = ArrayPool<byte>.Shared.Rent(source.CanSeek ? (int)Math.Clamp(source.Length - source.Position + 1, 1, int.MaxValue) : 1 << 20);
        try
        {
            var read = 0;
            while (true)
            {
                if (read == rented.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(rented.Length * 2);
                    rented.CopyTo(larger, 0);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = larger;
                }

                var count = source.Read(rented, read, rented.Length - read);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }

            return Parse(rented.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ScreenSamples Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes + sizeof(ulong) || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new InvalidDataException("not screen samples");
        }

        var rings = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var first = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var width = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        var step = BinaryPrimitives.ReadDoubleLittleEndian(bytes[20..]);
        var axis = (BinaryPrimitives.ReadDoubleLittleEndian(bytes[28..]), BinaryPrimitives.ReadDoubleLittleEndian(bytes[36..]));
        if (rings < 4 || rings > 100_000 || first < 0 || first > rings || !(step > 0) || width < 1 || height < 1 || (long)width * height > 100_000_000)
        {
            throw new InvalidDataException($"{rings} rings from {first} at {step} µm, coarse level {width} × {height}");
        }

        var polar = (rings - first) * CentredPolarImage.Angles;
        var coarse = width * height;
        var length = HeaderBytes + ((long)(polar + coarse) * sizeof(float)) + sizeof(ulong);
        if (bytes.Length != length)
        {
            throw new InvalidDataException($"screen samples of {bytes.Length} bytes, not {length}");
        }

        if (XxHash3.HashToUInt64(bytes[..^sizeof(ulong)]) != BinaryPrimitives.ReadUInt64LittleEndian(bytes[^sizeof(ulong)..]))
        {
            throw new InvalidDataException("screen samples damaged (checksum)");
        }

        var planes = MemoryMarshal.Cast<byte, float>(bytes.Slice(HeaderBytes, (polar + coarse) * sizeof(float)));
        var pool = ArrayPool<float>.Shared;
        var inner = first * CentredPolarImage.Angles;
        var values = pool.Rent(inner + polar);
        var valid = pool.Rent(inner + polar);
        var coarseValues = pool.Rent(coarse);
        var coarseMask = pool.Rent(coarse);
        // The rings inside the first valid one hold nothing.
        values.AsSpan(0, inner).Clear();
        valid.AsSpan(0, inner).Clear();
        Split(planes[..polar], values.AsSpan(inner, polar), valid.AsSpan(inner, polar));
        Split(planes[polar..], coarseValues.AsSpan(0, coarse), coarseMask.AsSpan(0, coarse));
        return new ScreenSamples(values, valid, rings, step, coarseValues, coarseMask, width, height, axis) { _rented = true };
    }

    private const int HeaderBytes = 44;

    /// <summary>Values with NaN where the mask is 0 (both planes hold zero there; the mask is 0 or 1).</summary>
    private static void Merge(ReadOnlySpan<float> values, ReadOnlySpan<float> mask, Span<float> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = mask[i] > 0 ? values[i] : float.NaN;
        }
    }

    private static void Split(ReadOnlySpan<float> merged, Span<float> values, Span<float> mask)
    {
        for (var i = 0; i < merged.Length; i++)
        {
            var valid = !float.IsNaN(merged[i]);
            mask[i] = valid ? 1 : 0;
            values[i] = valid ? merged[i] : 0;
        }
    }
}
