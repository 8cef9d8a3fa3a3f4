using System.Buffers.Binary;
using System.Diagnostics;
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

/// <summary>
/// Turns point data (binary records or the inline DataList; X fastest, then Y) into float32 heights a chunk at a time,
/// so that reading a scan holds its heights and one chunk, never the whole file's points in float64 as well: an
/// 8192² float64 scan is 256 MB of heights instead of 1.3 GB of copies. Absolute X and Y coordinates are not kept:
/// what the grid check needs of them (each column's and row's extremes) is gathered as they pass.
/// </summary>
internal sealed class X3pPointDecoder
{
    /// <summary>Points decoded per chunk: large enough for the vector kernels, small enough to stay in cache.</summary>
    public const int ChunkPoints = 1 << 16;

    private readonly X3pPointLayout _layout;
    private readonly double _heightScale;
    private readonly byte[]? _validBits;
    private readonly float[] _heights;
    private readonly double[] _z = new double[ChunkPoints];
    private readonly double[]? _x;
    private readonly double[]? _y;
    private readonly GridAxis? _gridX;
    private readonly GridAxis? _gridY;
    private double _minZ = double.PositiveInfinity;
    private double _maxZ = double.NegativeInfinity;
    private int _next;

    /// <param name="layout">The declared grid; its point count is within the reader's limit.</param>
    /// <param name="heightScale">Applied to every height in double precision before narrowing (1e6: metres to micrometres).</param>
    /// <param name="validBits">The valid-points bit map (bit i of byte i/8 clear: point i invalid), or null.</param>
    /// <param name="heights">Where the heights go (a second reading at another scale reuses the first's); null: a new array.</param>
    public X3pPointDecoder(X3pPointLayout layout, double heightScale, byte[]? validBits, float[]? heights = null)
    {
        Debug.Assert(validBits is null || validBits.LongLength * 8 >= layout.PointCount, "a bit for every point");
        Debug.Assert(heights is null || heights.LongLength == layout.PointCount, "one height per point");
        _layout = layout;
        _heightScale = heightScale;
        _validBits = validBits;
        _heights = heights ?? new float[checked((int)layout.PointCount)];
        if (layout.X.AxisType == X3pAxisType.Absolute)
        {
            _x = new double[ChunkPoints];
            _gridX = new GridAxis(layout.Width, layout.Height, alongX: true);
        }

        if (layout.Y.AxisType == X3pAxisType.Absolute)
        {
            _y = new double[ChunkPoints];
            _gridY = new GridAxis(layout.Width, layout.Height, alongX: false);
        }
    }

    public X3pPointLayout Layout => _layout;

    /// <summary>Bytes of binary point data one chunk takes.</summary>
    public int ChunkBytes => ChunkPoints * _layout.RecordBytes;

    /// <summary>Points still to come.</summary>
    public long Remaining => _layout.PointCount - _next;

    /// <summary>The heights (scaled, narrowed, invalid points NaN), once <see cref="Remaining"/> is 0.</summary>
    public float[] Heights => _heights;

    /// <summary>Max − min of the valid heights in the file's units with increment and offset applied (before the scale); 0 when none is valid.</summary>
    public double HeightSpan => _maxZ >= _minZ ? _maxZ - _minZ : 0;

    /// <summary>The step of absolute X coordinates, or null when they do not form a regular grid (or X is incremental).</summary>
    public double? StepX => _gridX?.Step();

    /// <summary>The step of absolute Y coordinates, or null when they do not form a regular grid (or Y is incremental).</summary>
    public double? StepY => _gridY?.Step();

    /// <summary>Decodes the next <paramref name="count"/> binary records (little-endian; the span may be reordered in place on a big-endian machine).</summary>
    public void AddBinary(Span<byte> records, int count)
    {
        Debug.Assert(count is > 0 and <= ChunkPoints && count <= Remaining, "a chunk within the grid");
        Debug.Assert(records.Length == count * _layout.RecordBytes, "whole records");
        if (_layout.ZOnly)
        {
            ReadColumn(records, _layout.Z, _z.AsSpan(0, count));
        }
        else
        {
            // Interleaved tuples (X?, Y?, Z): rare in practice, so read point by point.
            var record = _layout.RecordBytes;
            for (var i = 0; i < count; i++)
            {
                var at = i * record;
                if (_x is not null)
                {
                    _x[i] = Scale(ReadOne(records[at..], _layout.X.DataType), _layout.X);
                    at += _layout.X.ByteSize;
                }

                if (_y is not null)
                {
                    _y[i] = Scale(ReadOne(records[at..], _layout.Y.DataType), _layout.Y);
                    at += _layout.Y.ByteSize;
                }

                _z[i] = Scale(ReadOne(records[at..], _layout.Z.DataType), _layout.Z);
            }
        }

        Flush(count);
    }

    /// <summary>
    /// Decodes DataList entries: each Datum holds the absolute coordinates separated by ';'; an empty one is an invalid
    /// point. Their count was checked against the grid by the caller.
    /// </summary>
    public void AddText(IReadOnlyList<string?> points, Func<int, string, Exception> error)
    {
        Debug.Assert(points.Count == Remaining, "every point at once");
        var expected = 1 + (_x is null ? 0 : 1) + (_y is null ? 0 : 1);
        for (var start = 0; start < points.Count; start += ChunkPoints)
        {
            var count = Math.Min(ChunkPoints, points.Count - start);
            for (var i = 0; i < count; i++)
            {
                var index = start + i;
                var text = points[index];
                if (string.IsNullOrWhiteSpace(text))
                {
                    _z[i] = double.NaN;
                    if (_x is not null || _y is not null)
                    {
                        throw error(index, "an empty point has no coordinates for its absolute axes");
                    }

                    continue;
                }

                var parts = text.Split(';', StringSplitOptions.TrimEntries);
                if (parts.Length != expected)
                {
                    throw error(index, $"holds {parts.Length} values but the axes need {expected}");
                }

                var k = 0;
                if (_x is not null)
                {
                    _x[i] = Scale(ParseValue(parts[k++], index, error), _layout.X);
                }

                if (_y is not null)
                {
                    _y[i] = Scale(ParseValue(parts[k++], index, error), _layout.Y);
                }

                _z[i] = parts[k].Length == 0 ? double.NaN : Scale(ParseValue(parts[k], index, error), _layout.Z);
            }

            Flush(count);
        }
    }

    /// <summary>The chunk's valid bits, span, grid extremes, then its heights scaled in double and narrowed.</summary>
    private void Flush(int count)
    {
        var z = _z.AsSpan(0, count);
        if (_validBits is { } bits)
        {
            for (var i = 0; i < count; i++)
            {
                var index = _next + i;
                if ((bits[index >> 3] & (1 << (index & 7))) == 0)
                {
                    z[i] = double.NaN;
                }
            }
        }

        foreach (var v in z)
        {
            // NaN compares false both ways: invalid points never reach the span.
            if (v < _minZ)
            {
                _minZ = v;
            }

            if (v > _maxZ)
            {
                _maxZ = v;
            }
        }

        if (_x is not null)
        {
            _gridX!.Add(_next, _x.AsSpan(0, count));
        }

        if (_y is not null)
        {
            _gridY!.Add(_next, _y.AsSpan(0, count));
        }

        // Scaled in double precision before narrowing, so that a float64 file written from float32 micrometres reads
        // back bit-exact.
        if (_heightScale != 1.0)
        {
            TensorPrimitives.Multiply(z, _heightScale, z);
        }

        var heights = _heights.AsSpan(_next, count);
        TensorPrimitives.ConvertTruncating<double, float>(z, heights);

        // One canonical NaN for every invalid point: files carry payloads (R's NA is a NaN with payload 1954) that
        // would otherwise make equal surfaces compare unequal bit for bit.
        for (var i = 0; i < heights.Length; i++)
        {
            if (float.IsNaN(heights[i]))
            {
                heights[i] = float.NaN;
            }
        }

        _next += count;
    }

    private static void ReadColumn(Span<byte> span, X3pAxis axis, Span<double> destination)
    {
        switch (axis.DataType)
        {
            case X3pDataType.Float64:
                {
                    if (!BitConverter.IsLittleEndian)
                    {
                        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(span), MemoryMarshal.Cast<byte, long>(span));
                    }

                    MemoryMarshal.Cast<byte, double>(span).CopyTo(destination);
                    break;
                }

            case X3pDataType.Float32:
                {
                    if (!BitConverter.IsLittleEndian)
                    {
                        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(span), MemoryMarshal.Cast<byte, int>(span));
                    }

                    TensorPrimitives.ConvertTruncating<float, double>(MemoryMarshal.Cast<byte, float>(span), destination);
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

    /// <summary>
    /// Whether one absolute axis lies on a regular grid — every point within a quarter step of where the step puts it,
    /// the step taken from the first point and the last along the axis — checked from each column's (X) or row's (Y)
    /// extremes, which hold every point within the tolerance exactly when all of them do.
    /// </summary>
    private sealed class GridAxis
    {
        private readonly int _width;
        private readonly bool _alongX;
        private readonly int _anchorIndex;
        private readonly double[] _min;
        private readonly double[] _max;
        private double _first = double.NaN;
        private double _anchor = double.NaN;
        private bool _notFinite;

        public GridAxis(int width, int height, bool alongX)
        {
            _width = width;
            _alongX = alongX;
            var count = alongX ? width : height;
            _anchorIndex = alongX ? width - 1 : (height - 1) * width;
            _min = new double[count];
            _max = new double[count];
            _min.AsSpan().Fill(double.PositiveInfinity);
            _max.AsSpan().Fill(double.NegativeInfinity);
        }

        public void Add(int firstIndex, ReadOnlySpan<double> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var index = firstIndex + i;
                var c = values[i];
                if (index == 0)
                {
                    _first = c;
                }

                if (index == _anchorIndex)
                {
                    _anchor = c;
                }

                if (!double.IsFinite(c))
                {
                    _notFinite = true;
                    continue;
                }

                var k = _alongX ? index % _width : index / _width;
                _min[k] = Math.Min(_min[k], c);
                _max[k] = Math.Max(_max[k], c);
            }
        }

        public double? Step()
        {
            var count = _min.Length;
            if (count < 2 || _notFinite)
            {
                return null;
            }

            var step = (_anchor - _first) / (count - 1);
            if (!(Math.Abs(step) > 0) || !double.IsFinite(step))
            {
                return null;
            }

            var tolerance = Math.Abs(step) / 4;
            for (var k = 0; k < count; k++)
            {
                var expected = _first + (step * k);
                if (!(Math.Abs(_min[k] - expected) <= tolerance) || !(Math.Abs(_max[k] - expected) <= tolerance))
                {
                    return null;
                }
            }

            return Math.Abs(step);
        }
    }
}
