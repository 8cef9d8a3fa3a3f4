using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>One zero-filled image and its 0/1 mask as row-major spans.</summary>
internal readonly ref struct NccPlanes
{
    public NccPlanes(ReadOnlySpan<float> values, ReadOnlySpan<float> mask, int width, int height)
    {
        Values = values;
        Mask = mask;
        Width = width;
        Height = height;
    }

    public static NccPlanes Of(MaskedImage image) => new(image.Values.AsSpan<float>(), image.Mask.AsSpan<float>(), image.Width, image.Height);

    public ReadOnlySpan<float> Values { get; }

    public ReadOnlySpan<float> Mask { get; }

    public int Width { get; }

    public int Height { get; }
}

/// <summary>
/// The searched side of a <see cref="DirectNcc"/> search: the planes and, per row, running sums of values, mask
/// and squared values (row stride width + 1, entry k = sum of the first k points of the row), from which the sums
/// that depend on the moving image alone come for a whole run of template points at once.
/// </summary>
internal readonly ref struct NccMoving
{
    public NccMoving(NccPlanes planes, ReadOnlySpan<float> prefixValues, ReadOnlySpan<float> prefixMask, ReadOnlySpan<float> prefixSquares)
    {
        Planes = planes;
        PrefixValues = prefixValues;
        PrefixMask = prefixMask;
        PrefixSquares = prefixSquares;
    }

    public NccPlanes Planes { get; }

    public ReadOnlySpan<float> PrefixValues { get; }

    public ReadOnlySpan<float> PrefixMask { get; }

    public ReadOnlySpan<float> PrefixSquares { get; }
}

/// <summary>Pooled running-sum buffers that turn a moving image into an <see cref="NccMoving"/>; one per thread.</summary>
internal sealed class NccMovingBuffers : IDisposable
{
    private float[] _values = [];
    private float[] _mask = [];
    private float[] _squares = [];

    /// <summary>Computes the running sums of <paramref name="image"/>; valid until the next call or until the image changes.</summary>
    /// <param name="image">The moving image.</param>
    /// <param name="useVectors">False forces the scalar path (tests compare the two; float sums differ in order only).</param>
    public NccMoving Load(MaskedImage image, bool useVectors = true)
    {
        var length = (image.Width + 1) * image.Height;
        if (_values.Length < length)
        {
            Return();
            _values = ArrayPool<float>.Shared.Rent(length);
            _mask = ArrayPool<float>.Shared.Rent(length);
            _squares = ArrayPool<float>.Shared.Rent(length);
        }

        var values = image.Values.AsSpan<float>();
        var mask = image.Mask.AsSpan<float>();
        var stride = image.Width + 1;
        var vectors = useVectors && Avx2.IsSupported;
        for (var y = 0; y < image.Height; y++)
        {
            var source = y * image.Width;
            var target = y * stride;
            _values[target] = 0;
            _mask[target] = 0;
            _squares[target] = 0;
            var x = 0;
            float sv = 0, sm = 0, ss = 0;
            if (vectors)
            {
                (x, sv, sm, ss) = VectorRow(values.Slice(source, image.Width), mask.Slice(source, image.Width), target + 1);
            }

            for (; x < image.Width; x++)
            {
                var v = values[source + x];
                sv += v;
                sm += mask[source + x];
                ss += v * v;
                _values[target + x + 1] = sv;
                _mask[target + x + 1] = sm;
                _squares[target + x + 1] = ss;
            }
        }

        return new NccMoving(NccPlanes.Of(image), _values.AsSpan(0, length), _mask.AsSpan(0, length), _squares.AsSpan(0, length));
    }

    /// <summary>
    /// Running sums of one row eight points at a time (an in-register scan: shifts within each 128-bit half, then the
    /// low half's total carried into the high half); returns where the scalar tail starts and the sums so far.
    /// </summary>
    private (int X, float Values, float Mask, float Squares) VectorRow(ReadOnlySpan<float> values, ReadOnlySpan<float> mask, int target)
    {
        var carryValues = Vector256<float>.Zero;
        var carryMask = Vector256<float>.Zero;
        var carrySquares = Vector256<float>.Zero;
        var x = 0;
        for (; x + 8 <= values.Length; x += 8)
        {
            var v = Vector256.Create(values.Slice(x, 8));
            carryValues = Scan(v, carryValues, _values.AsSpan(target + x, 8));
            carryMask = Scan(Vector256.Create(mask.Slice(x, 8)), carryMask, _mask.AsSpan(target + x, 8));
            carrySquares = Scan(v * v, carrySquares, _squares.AsSpan(target + x, 8));
        }

        return (x, carryValues.ToScalar(), carryMask.ToScalar(), carrySquares.ToScalar());
    }

    /// <summary>Writes carry + the inclusive running sum of <paramref name="v"/>; returns the new carry in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Scan(Vector256<float> v, Vector256<float> carry, Span<float> into)
    {
        v += Avx2.ShiftLeftLogical128BitLane(v.AsInt32(), 4).AsSingle();
        v += Avx2.ShiftLeftLogical128BitLane(v.AsInt32(), 8).AsSingle();
        // Each half now holds its own running sum; add the low half's total to every lane of the high half.
        var lowTotal = Avx.Permute(v, 0b11_11_11_11);
        v += Avx2.Permute2x128(lowTotal, lowTotal, 0x08);
        v += carry;
        v.CopyTo(into);
        var last = Avx.Permute(v, 0b11_11_11_11);
        return Avx2.Permute2x128(last, last, 0x11);
    }

    private void Return()
    {
        if (_values.Length > 0)
        {
            ArrayPool<float>.Shared.Return(_values);
            ArrayPool<float>.Shared.Return(_mask);
            ArrayPool<float>.Shared.Return(_squares);
        }
    }

    public void Dispose()
    {
        Return();
        _values = _mask = _squares = [];
    }
}

/// <summary>
/// Masked normalised cross-correlation (the same six overlap sums as <see cref="MaskedNcc"/>) evaluated
/// directly for a small window of shifts. Where the search is narrow — a CMC cell ±10 points, a refinement
/// ±3 points — this does a few hundred thousand multiply-adds instead of nine DFTs of the whole frame, and it is
/// exact: no FFT round-off in small overlaps. Why hand-written: neither OpenCV (matchTemplate has no masked
/// form that returns Padfield's overlap-exact Pearson score) nor TensorPrimitives (one dot product per call;
/// here 24 shifts share every load of the template) offers it; NccBenchmarks measures it against the FFT path.
/// <para>Shift u compares fixed(x) with moving(x + origin + u), like <see cref="MaskedNcc"/>. Masks are 0/1 and
/// values zero where the mask is 0. Of the six sums, the three that weight the moving image by the template's
/// mask come from running sums over the template's runs of valid points; the three products with template
/// values are accumulated over the same runs for eight neighbouring x-shifts per Vector256, up to three vectors
/// at a time so that the multiply-add latency is hidden. Lanes that would read past the moving image, and machines without 256-bit
/// vectors, take the scalar path, which computes the same sums.</para>
/// </summary>
internal static class DirectNcc
{
    private const int Sums = 6;
    private const int Lanes = 8;
    private const int FlushRows = 16;

    // Where each of Padfield's six sums sits among a shift's Sums doubles (the order MaskedNcc.Score takes them in).
    private const int SumFG = 0;
    private const int SumFMaskG = 1;
    private const int SumMaskFG = 2;
    private const int SumOverlap = 3;
    private const int SumFSquaredMaskG = 4;
    private const int SumMaskFGSquared = 5;

    /// <summary>The three products the row kernels accumulate for each vector of eight shifts.</summary>
    private enum Product
    {
        FTimesG = 0,
        FTimesMaskG = 1,
        FSquaredTimesMaskG = 2,
    }

    /// <summary>How many vectors of eight neighbouring x-shifts a row kernel accumulates at once: a type, so that each count is compiled on its own.</summary>
    private interface IShiftVectors
    {
        static abstract int Count { get; }
    }

    private readonly struct OneVector : IShiftVectors
    {
        public static int Count => 1;
    }

    private readonly struct TwoVectors : IShiftVectors
    {
        public static int Count => 2;
    }

    private readonly struct ThreeVectors : IShiftVectors
    {
        public static int Count => 3;
    }

    /// <summary>Where a vector's product sits among the float partial sums (three per vector).</summary>
    private static int PartialSlot(int vector, Product product) => (3 * vector) + (int)product;

    /// <param name="fixedImage">Template side; only <paramref name="window"/> of it takes part.</param>
    /// <param name="window">Template rectangle inside <paramref name="fixedImage"/>.</param>
    /// <param name="moving">Searched side; points outside it count as invalid.</param>
    /// <param name="originX">Moving column of template column 0 at zero shift.</param>
    /// <param name="originY">Moving row of template row 0 at zero shift.</param>
    /// <param name="maxShiftX">Shifts −maxShiftX…+maxShiftX are scored in x.</param>
    /// <param name="maxShiftY">Shifts −maxShiftY…+maxShiftY are scored in y.</param>
    /// <param name="minOverlap">Least points valid in both for a shift to count.</param>
    /// <param name="useVectors">False forces the scalar path everywhere (tests compare the two).</param>
    /// <returns>The best shift relative to the origin, with sub-point refinement; <see cref="NccPeak.None"/> when no shift has the overlap.</returns>
    public static NccPeak FindPeak(
        scoped in NccPlanes fixedImage, Rect window, scoped in NccMoving moving, int originX, int originY, int maxShiftX, int maxShiftY, int minOverlap, bool useVectors = true)
    {
        var shiftsX = (2 * maxShiftX) + 1;
        var shiftsY = (2 * maxShiftY) + 1;
        var chunks = (shiftsX + Lanes - 1) / Lanes;
        var rowLength = chunks * Lanes;
        var length = Sums * shiftsY * rowLength;
        var rented = ArrayPool<double>.Shared.Rent(length);
        var sums = rented.AsSpan(0, length);
        sums.Clear();
        var runBuffer = ArrayPool<int>.Shared.Rent(3 * window.Height * ((window.Width / 2) + 1));
        try
        {
            var runs = Runs(fixedImage, window, runBuffer);
            var vectors = useVectors && Vector256.IsHardwareAccelerated;
            // Few gaps in the searched region: Σ f·mask_g and Σ f²·mask_g are the template's totals less what the
            // gaps take away, and only Σ f·g is left for the dense loop.
            var sparse = vectors && FewGaps(moving, window, originX, originY, maxShiftX, maxShiftY);
            for (var dyi = 0; dyi < shiftsY; dyi++)
            {
                var dy = dyi - maxShiftY;
                var chunk = 0;
                while (chunk < chunks)
                {
                    var group = !vectors ? 0 : Math.Min(3, chunks - chunk);
                    Products(fixedImage, window, runs, moving.Planes, originX - maxShiftX + (chunk * Lanes), originY + dy, group, sparse, sums.Slice(((dyi * rowLength) + (chunk * Lanes)) * Sums, Math.Max(1, group) * Lanes * Sums));
                    chunk += Math.Max(1, group);
                }

                for (chunk = 0; chunk < chunks; chunk++)
                {
                    MaskSums(runs, window, moving, originX - maxShiftX + (chunk * Lanes), originY + dy, vectors, sums.Slice(((dyi * rowLength) + (chunk * Lanes)) * Sums, Lanes * Sums));
                }
            }

            if (sparse)
            {
                GapCorrectedSums(fixedImage, window, moving.Planes, originX, originY, maxShiftX, maxShiftY, rowLength, sums);
            }

            return Best(sums, shiftsX, shiftsY, rowLength, maxShiftX, maxShiftY, minOverlap);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
            ArrayPool<int>.Shared.Return(runBuffer);
        }
    }

    /// <summary>Maximal runs of valid template points, as (row, first column, end column) in window coordinates.</summary>
    private static ReadOnlySpan<int> Runs(scoped in NccPlanes f, Rect window, int[] buffer)
    {
        var count = 0;
        for (var y = 0; y < window.Height; y++)
        {
            var mask = f.Mask.Slice(((window.Y + y) * f.Width) + window.X, window.Width);
            var x = 0;
            while (x < mask.Length)
            {
                if (mask[x] == 0f)
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < mask.Length && mask[x] != 0f)
                {
                    x++;
                }

                buffer[count++] = y;
                buffer[count++] = start;
                buffer[count++] = x;
            }
        }

        return buffer.AsSpan(0, count);
    }

    /// <summary>
    /// Σ mask_f·g, Σ mask_f·mask_g and Σ mask_f·g² for eight x-shifts: over each run of valid template points the
    /// moving image's running sums give the whole run at once.
    /// </summary>
    private static void MaskSums(ReadOnlySpan<int> runs, Rect window, scoped in NccMoving m, int offsetX, int offsetY, bool vectors, Span<double> sums)
    {
        var width = m.Planes.Width;
        var height = m.Planes.Height;
        var stride = width + 1;
        var prefixValues = m.PrefixValues;
        var prefixMask = m.PrefixMask;
        var prefixSquares = m.PrefixSquares;
        ref var pv = ref MemoryMarshal.GetReference(prefixValues);
        ref var pm = ref MemoryMarshal.GetReference(prefixMask);
        ref var ps = ref MemoryMarshal.GetReference(prefixSquares);
        var mg = Vector256<float>.Zero;
        var mm = Vector256<float>.Zero;
        var mg2 = Vector256<float>.Zero;
        for (var r = 0; r + 2 < runs.Length; r += 3)
        {
            var my = runs[r] + offsetY;
            if ((uint)my >= (uint)height)
            {
                continue;
            }

            var row = my * stride;
            var start = runs[r + 1] + offsetX;
            var end = runs[r + 2] + offsetX;
            if (vectors && start >= 0 && end + Lanes - 1 <= width)
            {
                Debug.Assert(row + end + Lanes <= prefixValues.Length && prefixMask.Length == prefixValues.Length && prefixSquares.Length == prefixValues.Length, "the run's prefix sums within the planes");
                var s = (nuint)(row + start);
                var e = (nuint)(row + end);
                mg += Vector256.LoadUnsafe(ref pv, e) - Vector256.LoadUnsafe(ref pv, s);
                mm += Vector256.LoadUnsafe(ref pm, e) - Vector256.LoadUnsafe(ref pm, s);
                mg2 += Vector256.LoadUnsafe(ref ps, e) - Vector256.LoadUnsafe(ref ps, s);
                continue;
            }

            // Lanes whose run reaches past either side of the moving row: clip each lane to the row.
            for (var lane = 0; lane < Lanes; lane++)
            {
                var s = Math.Clamp(start + lane, 0, width);
                var e = Math.Clamp(end + lane, 0, width);
                if (e > s)
                {
                    var at = lane * Sums;
                    sums[at + SumMaskFG] += prefixValues[row + e] - prefixValues[row + s];
                    sums[at + SumOverlap] += prefixMask[row + e] - prefixMask[row + s];
                    sums[at + SumMaskFGSquared] += prefixSquares[row + e] - prefixSquares[row + s];
                }
            }
        }

        for (var lane = 0; lane < Lanes; lane++)
        {
            var at = lane * Sums;
            sums[at + SumMaskFG] += mg.GetElement(lane);
            sums[at + SumOverlap] += mm.GetElement(lane);
            sums[at + SumMaskFGSquared] += mg2.GetElement(lane);
        }
    }

    /// <summary>
    /// Σ f·g, Σ f·mask_g and Σ f²·mask_g for 8·<paramref name="vectors"/> consecutive x-shifts (one, two or three
    /// vectors at once: independent chains keep the FMA units busy; none is the scalar path for all eight lanes).
    /// The vector kernels run over the template's runs of valid points only: the invalid points of an edge cell add
    /// nothing and are skipped whole.
    /// </summary>
    private static void Products(scoped in NccPlanes f, Rect window, ReadOnlySpan<int> runs, scoped in NccPlanes m, int offsetX, int offsetY, int vectors, bool fgOnly, Span<double> sums)
    {
        var lanes = Math.Max(1, vectors) * Lanes;
        // Float partial sums (fg, fm, f2m per vector) collected row by row and moved into the doubles every few
        // rows: short runs keep float round-off negligible.
        Span<float> partial = stackalloc float[9 * Lanes];
        partial.Clear();
        var pending = 0;
        var run = 0;
        for (var y = 0; y < window.Height; y++)
        {
            var my = y + offsetY;
            if (my < 0 || my >= m.Height)
            {
                continue;
            }

            var fixedRow = ((window.Y + y) * f.Width) + window.X;
            var values = f.Values.Slice(fixedRow, window.Width);
            var movingRow = my * m.Width;
            var lo = Math.Clamp(-offsetX, 0, window.Width);
            var hi = vectors == 0 ? lo : Math.Clamp(m.Width - lanes - offsetX + 1, lo, window.Width);
            if (vectors > 0)
            {
                while (run + 2 < runs.Length && runs[run] < y)
                {
                    run += 3;
                }

                for (; run + 2 < runs.Length && runs[run] == y; run += 3)
                {
                    var from = Math.Max(lo, runs[run + 1]);
                    var to = Math.Min(hi, runs[run + 2]);
                    if (from < to)
                    {
                        Row(values, from, to, m, movingRow + offsetX, vectors, fgOnly, partial);
                    }
                }
            }

            ScalarProducts(values, m, movingRow, offsetX, 0, lo, lanes, fgOnly, sums);
            ScalarProducts(values, m, movingRow, offsetX, hi, window.Width, lanes, fgOnly, sums);
            if (++pending == FlushRows)
            {
                FlushPartial(partial, Math.Max(1, vectors), sums);
                pending = 0;
            }
        }

        FlushPartial(partial, Math.Max(1, vectors), sums);
    }

    private static void Row(ReadOnlySpan<float> values, int lo, int hi, scoped in NccPlanes m, int movingStart, int vectors, bool fgOnly, Span<float> partial)
    {
        // The row kernels load unchecked: every point they read must lie within the planes.
        Debug.Assert(lo >= 0 && lo <= hi && hi <= values.Length, "the run within the template row");
        Debug.Assert(lo == hi || (movingStart + lo >= 0 && movingStart + hi - 1 + (vectors * Lanes) <= m.Values.Length), "every shift's point within the moving plane");
        Debug.Assert(m.Mask.Length == m.Values.Length && partial.Length >= vectors * 3 * Lanes, "the mask beside the values, a slot for every partial sum");
        switch (vectors, fgOnly)
        {
            case (3, false):
                RowWithMask<ThreeVectors>(values, lo, hi, m, movingStart, partial);
                break;
            case (2, false):
                RowWithMask<TwoVectors>(values, lo, hi, m, movingStart, partial);
                break;
            case (1, false):
                RowWithMaskOneVector(values, lo, hi, m, movingStart, partial);
                break;
            case (3, true):
                RowProductsOnly<ThreeVectors>(values, lo, hi, m, movingStart, partial);
                break;
            case (2, true):
                RowProductsOnly<TwoVectors>(values, lo, hi, m, movingStart, partial);
                break;
            default:
                RowProductsOnly<OneVector>(values, lo, hi, m, movingStart, partial);
                break;
        }
    }

    /// <summary>
    /// Σ f·g, Σ f·mask_g and Σ f²·mask_g for two or three vectors of shifts, one template column per step. The hot
    /// loop, alone in its method so that its accumulators stay in registers (a call in the same loop body would make the
    /// JIT keep them on the stack: every ymm register is caller-saved); compiled once per vector count, whose unused
    /// chains vanish.
    /// </summary>
    private static void RowWithMask<TVectors>(ReadOnlySpan<float> values, int lo, int hi, scoped in NccPlanes m, int movingStart, Span<float> partial)
        where TVectors : struct, IShiftVectors
    {
        Debug.Assert(TVectors.Count is 2 or 3, "one vector takes two columns per step (RowWithMaskOneVector)");
        ref var movingValues = ref MemoryMarshal.GetReference(m.Values);
        ref var movingMask = ref MemoryMarshal.GetReference(m.Mask);
        Vector256<float> fg0 = default, fg1 = default, fg2 = default;
        Vector256<float> fm0 = default, fm1 = default, fm2 = default;
        Vector256<float> f2m0 = default, f2m1 = default, f2m2 = default;
        for (var x = lo; x < hi; x++)
        {
            var a = values[x];
            var va = Vector256.Create(a);
            var va2 = Vector256.Create(a * a);
            var at = (nuint)(movingStart + x);
            var g = Vector256.LoadUnsafe(ref movingValues, at);
            var gMask = Vector256.LoadUnsafe(ref movingMask, at);
            fg0 = Vector256.MultiplyAddEstimate(va, g, fg0);
            fm0 = Vector256.MultiplyAddEstimate(va, gMask, fm0);
            f2m0 = Vector256.MultiplyAddEstimate(va2, gMask, f2m0);
            g = Vector256.LoadUnsafe(ref movingValues, at + Lanes);
            gMask = Vector256.LoadUnsafe(ref movingMask, at + Lanes);
            fg1 = Vector256.MultiplyAddEstimate(va, g, fg1);
            fm1 = Vector256.MultiplyAddEstimate(va, gMask, fm1);
            f2m1 = Vector256.MultiplyAddEstimate(va2, gMask, f2m1);
            if (TVectors.Count == 3)
            {
                g = Vector256.LoadUnsafe(ref movingValues, at + (2 * Lanes));
                gMask = Vector256.LoadUnsafe(ref movingMask, at + (2 * Lanes));
                fg2 = Vector256.MultiplyAddEstimate(va, g, fg2);
                fm2 = Vector256.MultiplyAddEstimate(va, gMask, fm2);
                f2m2 = Vector256.MultiplyAddEstimate(va2, gMask, f2m2);
            }
        }

        ref var p = ref MemoryMarshal.GetReference(partial);
        AddAll(ref p, 0, fg0, fm0, f2m0);
        AddAll(ref p, 1, fg1, fm1, f2m1);
        if (TVectors.Count == 3)
        {
            AddAll(ref p, 2, fg2, fm2, f2m2);
        }
    }

    /// <summary>Σ f·g, Σ f·mask_g and Σ f²·mask_g for one vector of shifts, two template columns per step on separate chains.</summary>
    private static void RowWithMaskOneVector(ReadOnlySpan<float> values, int lo, int hi, scoped in NccPlanes m, int movingStart, Span<float> partial)
    {
        ref var movingValues = ref MemoryMarshal.GetReference(m.Values);
        ref var movingMask = ref MemoryMarshal.GetReference(m.Mask);
        Vector256<float> fgA = default, fmA = default, f2mA = default;
        Vector256<float> fgB = default, fmB = default, f2mB = default;
        var x = lo;
        for (; x + 1 < hi; x += 2)
        {
            var at = (nuint)(movingStart + x);
            var a = values[x];
            var va = Vector256.Create(a);
            var va2 = Vector256.Create(a * a);
            var b = Vector256.LoadUnsafe(ref movingValues, at);
            var bm = Vector256.LoadUnsafe(ref movingMask, at);
            fgA = Vector256.MultiplyAddEstimate(va, b, fgA);
            fmA = Vector256.MultiplyAddEstimate(va, bm, fmA);
            f2mA = Vector256.MultiplyAddEstimate(va2, bm, f2mA);
            a = values[x + 1];
            va = Vector256.Create(a);
            va2 = Vector256.Create(a * a);
            b = Vector256.LoadUnsafe(ref movingValues, at + 1);
            bm = Vector256.LoadUnsafe(ref movingMask, at + 1);
            fgB = Vector256.MultiplyAddEstimate(va, b, fgB);
            fmB = Vector256.MultiplyAddEstimate(va, bm, fmB);
            f2mB = Vector256.MultiplyAddEstimate(va2, bm, f2mB);
        }

        if (x < hi)
        {
            var at = (nuint)(movingStart + x);
            var a = values[x];
            var va = Vector256.Create(a);
            var bm = Vector256.LoadUnsafe(ref movingMask, at);
            fgA = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at), fgA);
            fmA = Vector256.MultiplyAddEstimate(va, bm, fmA);
            f2mA = Vector256.MultiplyAddEstimate(Vector256.Create(a * a), bm, f2mA);
        }

        AddAll(ref MemoryMarshal.GetReference(partial), 0, fgA + fgB, fmA + fmB, f2mA + f2mB);
    }

    /// <summary>Adds one vector's three products into its partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddAll(ref float partial, int vector, Vector256<float> fg, Vector256<float> fMaskG, Vector256<float> fSquaredMaskG)
    {
        Add(ref partial, vector, Product.FTimesG, fg);
        Add(ref partial, vector, Product.FTimesMaskG, fMaskG);
        Add(ref partial, vector, Product.FSquaredTimesMaskG, fSquaredMaskG);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref float partial, int vector, Product product, Vector256<float> value)
    {
        var at = (nuint)(PartialSlot(vector, product) * Lanes);
        (Vector256.LoadUnsafe(ref partial, at) + value).StoreUnsafe(ref partial, at);
    }

    /// <summary>Moves float partial sums (per vector: fg, fm, f2m) into the double sums of their lanes and clears them.</summary>
    private static void FlushPartial(Span<float> partial, int vectors, Span<double> sums)
    {
        for (var v = 0; v < vectors; v++)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                var at = ((v * Lanes) + lane) * Sums;
                sums[at + SumFG] += partial[(PartialSlot(v, Product.FTimesG) * Lanes) + lane];
                sums[at + SumFMaskG] += partial[(PartialSlot(v, Product.FTimesMaskG) * Lanes) + lane];
                sums[at + SumFSquaredMaskG] += partial[(PartialSlot(v, Product.FSquaredTimesMaskG) * Lanes) + lane];
            }
        }

        partial.Clear();
    }

    /// <summary>
    /// Σ f·g alone for one, two or three vectors of shifts, two template columns per step on separate chains (up to six
    /// independent chains); compiled once per vector count, whose unused chains vanish.
    /// </summary>
    private static void RowProductsOnly<TVectors>(ReadOnlySpan<float> values, int lo, int hi, scoped in NccPlanes m, int movingStart, Span<float> partial)
        where TVectors : struct, IShiftVectors
    {
        ref var movingValues = ref MemoryMarshal.GetReference(m.Values);
        Vector256<float> a0 = default, a1 = default, a2 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default;
        var x = lo;
        for (; x + 1 < hi; x += 2)
        {
            // Column x on the a chains, then column x + 1 on the b chains (NccBenchmarks: interleaving them cost 8 %).
            var at = (nuint)(movingStart + x);
            var va = Vector256.Create(values[x]);
            a0 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at), a0);
            if (TVectors.Count >= 2)
            {
                a1 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at + Lanes), a1);
            }

            if (TVectors.Count == 3)
            {
                a2 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at + (2 * Lanes)), a2);
            }

            va = Vector256.Create(values[x + 1]);
            b0 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at + 1), b0);
            if (TVectors.Count >= 2)
            {
                b1 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at + 1 + Lanes), b1);
            }

            if (TVectors.Count == 3)
            {
                b2 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at + 1 + (2 * Lanes)), b2);
            }
        }

        if (x < hi)
        {
            var at = (nuint)(movingStart + x);
            var va = Vector256.Create(values[x]);
            a0 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at), a0);
            if (TVectors.Count >= 2)
            {
                a1 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at + Lanes), a1);
            }

            if (TVectors.Count == 3)
            {
                a2 = Vector256.MultiplyAddEstimate(va, Vector256.LoadUnsafe(ref movingValues, at + (2 * Lanes)), a2);
            }
        }

        ref var p = ref MemoryMarshal.GetReference(partial);
        Add(ref p, 0, Product.FTimesG, a0 + b0);
        if (TVectors.Count >= 2)
        {
            Add(ref p, 1, Product.FTimesG, a1 + b1);
        }

        if (TVectors.Count == 3)
        {
            Add(ref p, 2, Product.FTimesG, a2 + b2);
        }
    }

    /// <summary>
    /// Whether the searched region (every point any shift reads) lies inside the moving image and at most a
    /// quarter of its size is gaps — then correcting the template's totals gap by gap costs less than the
    /// two mask-weighted products it replaces.
    /// </summary>
    private static bool FewGaps(scoped in NccMoving m, Rect window, int originX, int originY, int maxShiftX, int maxShiftY)
    {
        var x0 = originX - maxShiftX;
        var x1 = originX + window.Width + maxShiftX;
        var y0 = originY - maxShiftY;
        var y1 = originY + window.Height + maxShiftY;
        if (x0 < 0 || y0 < 0 || x1 > m.Planes.Width || y1 > m.Planes.Height)
        {
            return false;
        }

        var stride = m.Planes.Width + 1;
        double valid = 0;
        for (var y = y0; y < y1; y++)
        {
            valid += m.PrefixMask[(y * stride) + x1] - m.PrefixMask[(y * stride) + x0];
        }

        var area = (double)(x1 - x0) * (y1 - y0);
        return area - valid <= window.Width * window.Height / 4.0;
    }

    /// <summary>
    /// Σ f·mask_g and Σ f²·mask_g for every shift as the template's totals less, for each gap q of the searched
    /// region, the template value that lands on q at that shift. For one gap and one row shift those values are a
    /// reversed stretch of one template row: rows are copied reversed (zero-padded) once, and each gap then costs
    /// a few vector additions per row shift.
    /// </summary>
    private static void GapCorrectedSums(scoped in NccPlanes f, Rect window, scoped in NccPlanes m, int originX, int originY, int maxShiftX, int maxShiftY, int rowLength, Span<double> sums)
    {
        var shiftsY = (2 * maxShiftY) + 1;
        var padLeft = (2 * maxShiftX) + Lanes;
        var revStride = padLeft + window.Width + rowLength;
        var revLength = window.Height * revStride;
        var missLength = shiftsY * rowLength;
        var rented = ArrayPool<float>.Shared.Rent((2 * revLength) + (2 * missLength));
        try
        {
            var buffer = rented.AsSpan(0, (2 * revLength) + (2 * missLength));
            buffer.Clear();
            var reversed = buffer[..revLength];
            var reversedSquares = buffer.Slice(revLength, revLength);
            var missing = buffer.Slice(2 * revLength, missLength);
            var missingSquares = buffer.Slice((2 * revLength) + missLength, missLength);
            double total = 0, totalSquares = 0;
            for (var y = 0; y < window.Height; y++)
            {
                var row = f.Values.Slice(((window.Y + y) * f.Width) + window.X, window.Width);
                var target = (y * revStride) + padLeft + window.Width - 1;
                for (var x = 0; x < row.Length; x++)
                {
                    var a = row[x];
                    reversed[target - x] = a;
                    reversedSquares[target - x] = a * a;
                    total += a;
                    totalSquares += a * (double)a;
                }
            }

            ref var rev = ref MemoryMarshal.GetReference(reversed);
            ref var rev2 = ref MemoryMarshal.GetReference(reversedSquares);
            ref var miss = ref MemoryMarshal.GetReference(missing);
            ref var miss2 = ref MemoryMarshal.GetReference(missingSquares);
            for (var qy = originY - maxShiftY; qy < originY + window.Height + maxShiftY; qy++)
            {
                var maskRow = m.Mask.Slice(qy * m.Width, m.Width);
                for (var qx = originX - maxShiftX; qx < originX + window.Width + maxShiftX; qx++)
                {
                    if (maskRow[qx] != 0f)
                    {
                        continue;
                    }

                    // Shift (dx, dy) puts template point (qx − originX − dx, qy − originY − dy) on this gap; lane l is dx = l − maxShiftX.
                    for (var dyi = 0; dyi < shiftsY; dyi++)
                    {
                        var y = qy - originY - (dyi - maxShiftY);
                        if ((uint)y >= (uint)window.Height)
                        {
                            continue;
                        }

                        var from = (nuint)((y * revStride) + padLeft + window.Width - 1 - qx + originX - maxShiftX);
                        var to = (nuint)(dyi * rowLength);
                        for (var lane = 0; lane < rowLength; lane += Lanes)
                        {
                            var l = (nuint)lane;
                            (Vector256.LoadUnsafe(ref miss, to + l) + Vector256.LoadUnsafe(ref rev, from + l)).StoreUnsafe(ref miss, to + l);
                            (Vector256.LoadUnsafe(ref miss2, to + l) + Vector256.LoadUnsafe(ref rev2, from + l)).StoreUnsafe(ref miss2, to + l);
                        }
                    }
                }
            }

            for (var i = 0; i < missLength; i++)
            {
                sums[(i * Sums) + SumFMaskG] = total - missing[i];
                sums[(i * Sums) + SumFSquaredMaskG] = totalSquares - missingSquares[i];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void ScalarProducts(ReadOnlySpan<float> values, scoped in NccPlanes m, int movingRow, int offsetX, int from, int to, int lanes, bool fgOnly, Span<double> sums)
    {
        if (from >= to)
        {
            return;
        }

        for (var lane = 0; lane < lanes; lane++)
        {
            double fg = 0, fm = 0, f2m = 0;
            for (var x = from; x < to; x++)
            {
                var mx = x + offsetX + lane;
                if (mx < 0 || mx >= m.Width)
                {
                    continue;
                }

                double a = values[x];
                double bm = m.Mask[movingRow + mx];
                fg += a * m.Values[movingRow + mx];
                fm += a * bm;
                f2m += a * a * bm;
            }

            var at = lane * Sums;
            sums[at + SumFG] += fg;
            if (!fgOnly)
            {
                sums[at + SumFMaskG] += fm;
                sums[at + SumFSquaredMaskG] += f2m;
            }
        }
    }

    private static NccPeak Best(ReadOnlySpan<double> sums, int shiftsX, int shiftsY, int rowLength, int maxShiftX, int maxShiftY, int minOverlap)
    {
        var best = NccPeak.None;
        var bestX = 0;
        var bestY = 0;
        for (var yi = 0; yi < shiftsY; yi++)
        {
            for (var xi = 0; xi < shiftsX; xi++)
            {
                var ncc = ScoreAt(sums, rowLength, xi, yi, minOverlap);
                if (ncc > best.Ncc)
                {
                    best = new NccPeak(ncc, xi - maxShiftX, yi - maxShiftY, 0, 0, (int)Math.Round(sums[(((yi * rowLength) + xi) * Sums) + SumOverlap]));
                    bestX = xi;
                    bestY = yi;
                }
            }
        }

        if (best.Overlap == 0)
        {
            return best;
        }

        // Parabolic sub-point refinement on each axis, skipped at the edge of the window (as MaskedNcc does).
        var sx = bestX > 0 && bestX < shiftsX - 1
            ? MaskedNcc.SubPixel(ScoreAt(sums, rowLength, bestX - 1, bestY, minOverlap), best.Ncc, ScoreAt(sums, rowLength, bestX + 1, bestY, minOverlap))
            : 0;
        var sy = bestY > 0 && bestY < shiftsY - 1
            ? MaskedNcc.SubPixel(ScoreAt(sums, rowLength, bestX, bestY - 1, minOverlap), best.Ncc, ScoreAt(sums, rowLength, bestX, bestY + 1, minOverlap))
            : 0;
        return best with { SubPixelX = sx, SubPixelY = sy };
    }

    private static double ScoreAt(ReadOnlySpan<double> sums, int rowLength, int xi, int yi, int minOverlap)
    {
        var s = sums.Slice(((yi * rowLength) + xi) * Sums, Sums);
        return MaskedNcc.Score(s[SumFG], s[SumFMaskG], s[SumMaskFG], s[SumOverlap], s[SumFSquaredMaskG], s[SumMaskFGSquared], minOverlap);
    }
}
