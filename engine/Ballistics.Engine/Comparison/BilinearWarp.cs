using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// Where each destination point reads the source: source = (M00·x + M01·y + M02, M10·x + M11·y + M12) for
/// destination point (x, y), in points.
/// </summary>
internal readonly record struct SourceMap(float M00, float M01, float M02, float M10, float M11, float M12)
{
    /// <summary>
    /// The map of a turn by <paramref name="rotation"/> that puts the source point (<paramref name="sourceX"/>,
    /// <paramref name="sourceY"/>) at the destination point (<paramref name="destinationX"/>, <paramref name="destinationY"/>):
    /// destination = R·(source − s) + d, so source = Rᵀ·(destination − d) + s.
    /// </summary>
    public static SourceMap Turn(Rotation2D rotation, double sourceX, double sourceY, double destinationX, double destinationY)
    {
        var (c, s) = (rotation.Cos, rotation.Sin);
        return new SourceMap(
            (float)c,
            (float)-s,
            (float)(sourceX - (c * destinationX) + (s * destinationY)),
            (float)s,
            (float)c,
            (float)(sourceY - (s * destinationX) - (c * destinationY)));
    }

    /// <summary>The same map as OpenCV's 2×3 CV_64F matrix, for warpAffine with WarpInverseMap (benchmarks and tests compare the two).</summary>
    public Mat ToOpenCv()
    {
        var m = new Mat(2, 3, MatType.CV_64FC1);
        m.Set(0, 0, (double)M00);
        m.Set(0, 1, (double)M01);
        m.Set(0, 2, (double)M02);
        m.Set(1, 0, (double)M10);
        m.Set(1, 1, (double)M11);
        m.Set(1, 2, (double)M12);
        return m;
    }
}

/// <summary>
/// Bilinear resampling of a float image with NaN in its gaps: a destination point is valid only when all four
/// source neighbours lie inside the source and are valid (NaN spreads through the weights), the rule OpenCV's
/// warpAffine follows with a NaN border. Why hand-written: OpenCV's float warp has no SIMD path (about 5 ns a
/// point here, a third of a comparison's time spent warping); this one gathers the four neighbours of eight points
/// at once with AVX2 and splits into zero-filled values and a 0/1 mask in the same pass. Coordinates are exact
/// floats, where OpenCV rounds them to 1/32 point.
/// </summary>
internal static class BilinearWarp
{
    private const int Lanes = 8;

    /// <param name="source">Row-major source heights, NaN where invalid.</param>
    /// <param name="sourceWidth">Source columns (at least 2).</param>
    /// <param name="sourceHeight">Source rows (at least 2).</param>
    /// <param name="map">Destination → source coordinates.</param>
    /// <param name="values">Destination values, zero where invalid; row <c>y</c> starts at <c>y·stride</c>.</param>
    /// <param name="mask">Destination 0/1 validity on the same layout, or empty when only values are wanted.</param>
    /// <param name="width">Destination columns.</param>
    /// <param name="height">Destination rows.</param>
    /// <param name="stride">Distance between destination rows (at least <paramref name="width"/>).</param>
    /// <param name="useVectors">False forces the scalar path (tests compare the two).</param>
    /// <returns>The number of valid destination points.</returns>
    public static int Warp(ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, SourceMap map, Span<float> values, Span<float> mask, int width, int height, int stride, bool useVectors = true)
    {
        var count = 0;
        var withMask = !mask.IsEmpty;
        var vectors = useVectors && Avx2.IsSupported && Fma.IsSupported && sourceWidth >= 2 && sourceHeight >= 2;
        for (var y = 0; y < height; y++)
        {
            var rowX = MathF.FusedMultiplyAdd(map.M01, y, map.M02);
            var rowY = MathF.FusedMultiplyAdd(map.M11, y, map.M12);
            var rowValues = values.Slice(y * stride, width);
            var rowMask = withMask ? mask.Slice(y * stride, width) : default;
            var x = 0;
            if (vectors)
            {
                count += VectorRow(source, sourceWidth, sourceHeight, map, rowX, rowY, rowValues, rowMask, withMask, ref x);
            }

            for (; x < width; x++)
            {
                var v = Sample(source, sourceWidth, sourceHeight, MathF.FusedMultiplyAdd(map.M00, x, rowX), MathF.FusedMultiplyAdd(map.M10, x, rowY));
                var valid = !float.IsNaN(v);
                rowValues[x] = valid ? v : 0f;
                if (withMask)
                {
                    rowMask[x] = valid ? 1f : 0f;
                }

                count += valid ? 1 : 0;
            }
        }

        return count;
    }

    private static float Sample(ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, float sx, float sy)
    {
        var fx = MathF.Floor(sx);
        var fy = MathF.Floor(sy);
        var ix = (int)fx;
        var iy = (int)fy;
        if (fx < 0 || fy < 0 || ix >= sourceWidth - 1 || iy >= sourceHeight - 1)
        {
            return float.NaN;
        }

        var at = (iy * sourceWidth) + ix;
        var wx = sx - fx;
        var wy = sy - fy;
        var top = MathF.FusedMultiplyAdd(wx, source[at + 1] - source[at], source[at]);
        var bottom = MathF.FusedMultiplyAdd(wx, source[at + sourceWidth + 1] - source[at + sourceWidth], source[at + sourceWidth]);
        return MathF.FusedMultiplyAdd(wy, bottom - top, top);
    }

    /// <summary>The points at <paramref name="at"/> and one to their right, as two vectors of eight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector256<float> Left, Vector256<float> Right) Pairs(float* s, Vector256<int> at)
    {
        var low = Avx2.GatherVector256((double*)s, at.GetLower(), 4).AsSingle();
        var high = Avx2.GatherVector256((double*)s, at.GetUpper(), 4).AsSingle();
        // low = l0 r0 l1 r1 | l2 r2 l3 r3, high = l4 r4 l5 r5 | l6 r6 l7 r7; shuffles work within 128-bit halves.
        var left = Avx.Shuffle(low, high, 0b10_00_10_00);
        var right = Avx.Shuffle(low, high, 0b11_01_11_01);
        // left = l0 l1 l4 l5 | l2 l3 l6 l7: swap the middle 64-bit quarters.
        return (Avx2.Permute4x64(left.AsDouble(), 0b11_01_10_00).AsSingle(), Avx2.Permute4x64(right.AsDouble(), 0b11_01_10_00).AsSingle());
    }

    /// <summary>Eight destination points per step while a whole vector fits the row; <paramref name="x"/> ends where the scalar tail starts.</summary>
    private static unsafe int VectorRow(ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, SourceMap map, float rowX, float rowY, Span<float> values, Span<float> mask, bool withMask, ref int x)
    {
        var count = 0;
        var m00 = Vector256.Create(map.M00);
        var m10 = Vector256.Create(map.M10);
        var baseX = Vector256.Create(rowX);
        var baseY = Vector256.Create(rowY);
        var lastX = Vector256.Create(sourceWidth - 1);
        var lastY = Vector256.Create(sourceHeight - 1);
        var width = Vector256.Create(sourceWidth);
        var one = Vector256.Create(1f);
        var iota = Vector256.Create(0f, 1, 2, 3, 4, 5, 6, 7);
        ref var valuesRef = ref MemoryMarshal.GetReference(values);
        ref var maskRef = ref MemoryMarshal.GetReference(mask);
        fixed (float* s = source)
        {
            for (; x + Lanes <= values.Length; x += Lanes)
            {
                var xs = Vector256.Create((float)x) + iota;
                var sx = Fma.MultiplyAdd(m00, xs, baseX);
                var sy = Fma.MultiplyAdd(m10, xs, baseY);
                var fx = Avx.Floor(sx);
                var fy = Avx.Floor(sy);
                var ix = Avx.ConvertToVector256Int32WithTruncation(fx);
                var iy = Avx.ConvertToVector256Int32WithTruncation(fy);
                // Inside when 0 ≤ ix < width − 1 and 0 ≤ iy < height − 1 (unsigned compares catch the negatives; floors
                // beyond int range convert to int.MinValue, outside too).
                var inside = Vector256.LessThan(ix.AsUInt32(), lastX.AsUInt32()) & Vector256.LessThan(iy.AsUInt32(), lastY.AsUInt32());
                var at = Avx2.MultiplyLow(iy, width) + ix;
                at = Vector256.ConditionalSelect(inside.AsInt32(), at, Vector256<int>.Zero);
                // Each neighbour pair (left, right) is adjacent in memory: four 64-bit gathers of four pairs instead of
                // four 32-bit gathers of eight points (gathers are slow on this machine's cores, whatever their width).
                var (v00, v01) = Pairs(s, at);
                var (v10, v11) = Pairs(s + sourceWidth, at);
                var wx = sx - fx;
                var wy = sy - fy;
                var top = Fma.MultiplyAdd(wx, v01 - v00, v00);
                var bottom = Fma.MultiplyAdd(wx, v11 - v10, v10);
                var v = Fma.MultiplyAdd(wy, bottom - top, top);
                var valid = Vector256.Equals(v, v) & inside.AsSingle();
                var at0 = (nuint)x;
                (v & valid).StoreUnsafe(ref valuesRef, at0);
                if (withMask)
                {
                    (one & valid).StoreUnsafe(ref maskRef, at0);
                }

                count += BitOperations.PopCount(valid.ExtractMostSignificantBits());
            }
        }

        return count;
    }
}
