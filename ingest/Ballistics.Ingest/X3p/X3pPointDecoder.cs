using System.Buffers.Binary;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Ballistics.Ingest.X3p;

/// <summary>The grid an x3p file declares: its three axes and its size.</summary>
internal readonly record struct X3pPointLayout(X3pAxis X, X3pAxis Y, X3pAxis Z, int Width, int Height)
{
    public long PointCount => (long)Width * Height;

    /// <summary>Bytes per point: absolute X and Y coordinates are stored with Z, incremental ones are implied.</summary>
    public int RecordBytes => (X.AxisType == X3pAxisType.Absolute ? X.ByteSize : 0)
        + (Y.AxisType == X3pAxisType.Absolute ? Y.ByteSize : 0)
        + Z.ByteSize;

    public bool ZOnly => X.AxisType == X3pAxisType.Incremental && Y.AxisType == X3pAxisType.Incremental;
}

/// <summary>Point coordinates in the file's own units with increment and offset applied; NaN marks invalid points.</summary>
internal sealed record X3pDecodedPoints(double[] Z, double[]? X, double[]? Y);

/// <summary>Turns point data (binary or the inline DataList) into coordinates. X is fastest, then Y.</summary>
internal static class X3pPointDecoder
{
    public static X3pDecodedPoints DecodeBinary(byte[] data, X3pPointLayout layout, byte[]? validBits)
    {
        var n = checked((int)layout.PointCount);
        var z = new double[n];
        double[]? xs = layout.X.AxisType == X3pAxisType.Absolute ? new double[n] : null;
        double[]? ys = layout.Y.AxisType == X3pAxisType.Absolute ? new double[n] : null;

        if (layout.ZOnly)
        {
            ReadColumn(data, layout.Z, z);
        }
        else
        {
            // Interleaved tuples (X?, Y?, Z): rare in practice, so read point by point.
            var record = layout.RecordBytes;
            for (var i = 0; i < n; i++)
            {
                var at = i * record;
                if (xs is not null)
                {
                    xs[i] = Scale(ReadOne(data.AsSpan(at), layout.X.DataType), layout.X);
                    at += layout.X.ByteSize;
                }

                if (ys is not null)
                {
                    ys[i] = Scale(ReadOne(data.AsSpan(at), layout.Y.DataType), layout.Y);
                    at += layout.Y.ByteSize;
                }

                z[i] = Scale(ReadOne(data.AsSpan(at), layout.Z.DataType), layout.Z);
            }
        }

        if (validBits is not null)
        {
            for (var i = 0; i < n; i++)
            {
                if ((validBits[i >> 3] & (1 << (i & 7))) == 0)
                {
                    z[i] = double.NaN;
                }
            }
        }

        return new X3pDecodedPoints(z, xs, ys);
    }

    /// <summary>Decodes DataList entries: each Datum holds the absolute coordinates separated by ';'; an empty one is an invalid point.</summary>
    public static X3pDecodedPoints DecodeText(IReadOnlyList<string?> points, X3pPointLayout layout, Func<int, string, Exception> error)
    {
        var n = points.Count;
        var z = new double[n];
        double[]? xs = layout.X.AxisType == X3pAxisType.Absolute ? new double[n] : null;
        double[]? ys = layout.Y.AxisType == X3pAxisType.Absolute ? new double[n] : null;
        var expected = 1 + (xs is null ? 0 : 1) + (ys is null ? 0 : 1);
        for (var i = 0; i < n; i++)
        {
            var text = points[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                z[i] = double.NaN;
                if (xs is not null || ys is not null)
                {
                    throw error(i, "an empty point has no coordinates for its absolute axes");
                }

                continue;
            }

            var parts = text.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length != expected)
            {
                throw error(i, $"holds {parts.Length} values but the axes need {expected}");
            }

            var k = 0;
            if (xs is not null)
            {
                xs[i] = Scale(ParseValue(parts[k++], i, error), layout.X);
            }

            if (ys is not null)
            {
                ys[i] = Scale(ParseValue(parts[k++], i, error), layout.Y);
            }

            z[i] = parts[k].Length == 0 ? double.NaN : Scale(ParseValue(parts[k], i, error), layout.Z);
        }

        return new X3pDecodedPoints(z, xs, ys);
    }

    /// <summary>
    /// Narrows heights to float32 after scaling in double precision, so that a float64 file
    /// written from float32 micrometres reads back bit-exact.
    /// </summary>
    public static float[] ToSingle(double[] values, double scale)
    {
        if (scale != 1.0)
        {
            TensorPrimitives.Multiply(values, scale, values);
        }

        var result = new float[values.Length];
        TensorPrimitives.ConvertTruncating<double, float>(values, result);

        // One canonical NaN for every invalid point: files carry payloads (R's NA is a NaN with
        // payload 1954) that would otherwise make equal surfaces compare unequal bit for bit.
        for (var i = 0; i < result.Length; i++)
        {
            if (float.IsNaN(result[i]))
            {
                result[i] = float.NaN;
            }
        }

        return result;
    }

    /// <summary>NaN-aware span (max − min) of the valid values; 0 when none is valid.</summary>
    public static double ValidSpan(ReadOnlySpan<double> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        return max >= min ? max - min : 0;
    }

    /// <summary>
    /// The step of absolute coordinates along one grid direction, or null when the points are not
    /// on a regular grid (every point within a quarter step of where the step puts it).
    /// </summary>
    public static double? RegularStep(double[] coordinate, int width, int height, bool alongX)
    {
        var count = alongX ? width : height;
        if (count < 2)
        {
            return null;
        }

        var first = coordinate[0];
        var last = alongX ? coordinate[width - 1] : coordinate[(height - 1) * width];
        var step = (last - first) / (count - 1);
        if (!(Math.Abs(step) > 0) || !double.IsFinite(step))
        {
            return null;
        }

        var tolerance = Math.Abs(step) / 4;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var c = coordinate[(y * width) + x];
                var expected = first + (step * (alongX ? x : y));
                if (!(Math.Abs(c - expected) <= tolerance))
                {
                    return null;
                }
            }
        }

        return Math.Abs(step);
    }

    private static void ReadColumn(byte[] data, X3pAxis axis, double[] destination)
    {
        var span = data.AsSpan();
        switch (axis.DataType)
        {
            case X3pDataType.Float64:
                {
                    var src = MemoryMarshal.Cast<byte, double>(span);
                    if (!BitConverter.IsLittleEndian)
                    {
                        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<double, long>(src), MemoryMarshal.Cast<byte, long>(span));
                    }

                    src.CopyTo(destination);
                    break;
                }

            case X3pDataType.Float32:
                {
                    var src = MemoryMarshal.Cast<byte, float>(span);
                    if (!BitConverter.IsLittleEndian)
                    {
                        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(src), MemoryMarshal.Cast<byte, int>(span));
                    }

                    TensorPrimitives.ConvertTruncating<float, double>(src, destination);
                    break;
                }

            case X3pDataType.Int32:
                {
                    var src = MemoryMarshal.Cast<byte, int>(span);
                    if (!BitConverter.IsLittleEndian)
                    {
                        BinaryPrimitives.ReverseEndianness(src, src);
                    }

                    TensorPrimitives.ConvertTruncating<int, double>(src, destination);
                    break;
                }

            default:
                {
                    var src = MemoryMarshal.Cast<byte, short>(span);
                    if (!BitConverter.IsLittleEndian)
                    {
                        BinaryPrimitives.ReverseEndianness(src, src);
                    }

                    for (var i = 0; i < src.Length; i++)
                    {
                        destination[i] = src[i];
                    }

                    break;
                }
        }

        // ISO 5436-2: coordinate = raw × increment + offset, for every data type.
        if (axis.Increment != 1.0 || axis.Offset != 0.0)
        {
            TensorPrimitives.Multiply(destination, axis.Increment, destination);
            TensorPrimitives.Add(destination, axis.Offset, destination);
        }
    }

    private static double Scale(double raw, X3pAxis axis) => (raw * axis.Increment) + axis.Offset;

    private static double ReadOne(ReadOnlySpan<byte> at, X3pDataType type) => type switch
    {
        X3pDataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(at),
        X3pDataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(at),
        X3pDataType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(at),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(at),
    };

    private static double ParseValue(string text, int index, Func<int, string, Exception> error) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw error(index, $"'{text}' is not a number");
}
