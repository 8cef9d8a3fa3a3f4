using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>The three spectra of one placed image: zero-filled values, their squares, and the mask.</summary>
internal sealed class MaskedSpectra : IDisposable
{
    public MaskedSpectra(Size fftSize)
    {
        Values = new Mat(fftSize, MatType.CV_32FC1);
        Squares = new Mat(fftSize, MatType.CV_32FC1);
        Mask = new Mat(fftSize, MatType.CV_32FC1);
    }

    public Mat Values { get; }

    public Mat Squares { get; }

    public Mat Mask { get; }

    /// <summary>Valid points in the placed window.</summary>
    public int ValidCount { get; set; }

    public void Dispose()
    {
        Values.Dispose();
        Squares.Dispose();
        Mask.Dispose();
    }
}

/// <summary>
/// Masked normalised cross-correlation by FFT (Padfield, "Masked object registration in the Fourier
/// domain", IEEE TIP 2012): for every shift u it gives the Pearson correlation of the fixed and moving
/// images over exactly the points valid in both, from six correlations of values, squares and masks.
/// The DFTs are OpenCV's real transforms in packed CCS form. One instance owns its work buffers, so
/// repeated calls (per rotation, per cell) allocate nothing; it is not thread-safe.
/// <para>Convention: the score at shift u compares fixed(x) with moving(x + u).</para>
/// </summary>
internal sealed class MaskedNcc : IDisposable
{
    private readonly Mat _place;
    private readonly Mat _square;
    private readonly Mat _product;
    private readonly Mat _fg;
    private readonly Mat _fm;
    private readonly Mat _mg;
    private readonly Mat _mm;
    private readonly Mat _f2m;
    private readonly Mat _mg2;

    public MaskedNcc(Size fftSize)
    {
        FftSize = fftSize;
        _place = new Mat(fftSize, MatType.CV_32FC1);
        _square = new Mat(fftSize, MatType.CV_32FC1);
        _product = new Mat(fftSize, MatType.CV_32FC1);
        _fg = new Mat(fftSize, MatType.CV_32FC1);
        _fm = new Mat(fftSize, MatType.CV_32FC1);
        _mg = new Mat(fftSize, MatType.CV_32FC1);
        _mm = new Mat(fftSize, MatType.CV_32FC1);
        _f2m = new Mat(fftSize, MatType.CV_32FC1);
        _mg2 = new Mat(fftSize, MatType.CV_32FC1);
    }

    public Size FftSize { get; }

    /// <summary>The smallest fast DFT size that holds an image of <paramref name="extent"/> plus shifts up to (<paramref name="maxShiftX"/>, <paramref name="maxShiftY"/>) without wrap-around.</summary>
    public static Size SizeFor(Size extent, int maxShiftX, int maxShiftY) =>
        new(FastSize(extent.Width + maxShiftX), FastSize(extent.Height + maxShiftY));

    /// <summary>
    /// A DFT length at least <paramref name="n"/> that OpenCV transforms quickly. getOptimalDFTSize allows any
    /// 2^a·3^b·5^c, but on this machine some of those are two to three times slower per point than a slightly larger
    /// size (single-thread real 2D DFT, measured 2026-11-28: 375² 1.7 ms vs 384² 1.0 ms; 432² 2.1 ms vs 480² 0.9 ms;
    /// 225² 0.53 ms vs 240² 0.48 ms). The list keeps the sizes that measured fast.
    /// </summary>
    public static int FastSize(int n)
    {
        foreach (var size in FastSizes)
        {
            if (size >= n)
            {
                return size;
            }
        }

        // Even lengths only: the spectrum code unpacks OpenCV's packed layout, which differs for odd lengths.
        var m = Cv2.GetOptimalDFTSize(n);
        while (m % 2 != 0)
        {
            m = Cv2.GetOptimalDFTSize(m + 1);
        }

        return m;
    }

    private static readonly int[] FastSizes = [8, 16, 24, 32, 40, 48, 64, 80, 96, 120, 128, 160, 180, 200, 216, 240, 256, 320, 360, 400, 480, 512, 640, 720, 800, 960, 1024];

    /// <summary>Places <paramref name="window"/> of <paramref name="image"/> at the origin of a zeroed FFT frame and transforms it.</summary>
    public void Transform(MaskedImage image, Rect window, MaskedSpectra into)
    {
        _place.SetTo(Scalar.All(0));
        using (var target = new Mat(_place, new Rect(0, 0, window.Width, window.Height)))
        using (var source = new Mat(image.Values, window))
        {
            source.CopyTo(target);
        }

        Cv2.Multiply(_place, _place, _square);
        Cv2.Dft(_place, into.Values, DftFlags.None);
        Cv2.Dft(_square, into.Squares, DftFlags.None);

        _place.SetTo(Scalar.All(0));
        using (var target = new Mat(_place, new Rect(0, 0, window.Width, window.Height)))
        using (var source = new Mat(image.Mask, window))
        {
            source.CopyTo(target);
            into.ValidCount = Cv2.CountNonZero(source);
        }

        Cv2.Dft(_place, into.Mask, DftFlags.None);
    }

    /// <summary>
    /// Finds the best masked NCC over shifts −maxShift…+maxShift around <paramref name="centre"/> (in the
    /// convention fixed(x) ↔ moving(x + u)) among shifts whose overlap holds at least <paramref name="minOverlap"/> points.
    /// The comparison's searches are narrow and use <see cref="DirectNcc"/>; this FFT form is the one for wide
    /// searches and the reference DirectNcc is tested and benchmarked against.
    /// </summary>
    public NccPeak FindPeak(MaskedSpectra fixedSpectra, MaskedSpectra movingSpectra, Point centre, int maxShiftX, int maxShiftY, int minOverlap)
    {
        CorrelateAll(fixedSpectra, movingSpectra);

        var width = FftSize.Width;
        var height = FftSize.Height;
        var maps = Maps();

        var best = NccPeak.None;
        for (var dy = -maxShiftY; dy <= maxShiftY; dy++)
        {
            var y = Wrap(centre.Y + dy, height);
            for (var dx = -maxShiftX; dx <= maxShiftX; dx++)
            {
                var i = (y * width) + Wrap(centre.X + dx, width);
                var ncc = maps.Score(i, minOverlap);
                if (ncc > best.Ncc)
                {
                    best = new NccPeak(ncc, centre.X + dx, centre.Y + dy, 0, 0, (int)MathF.Round(maps.Overlap[i]));
                }
            }
        }

        if (best.Overlap == 0)
        {
            return best;
        }

        // Parabolic sub-pixel refinement on each axis; skipped at the edge of the search window.
        var sx = 0.0;
        var sy = 0.0;
        if (Math.Abs(best.ShiftX - centre.X) < maxShiftX)
        {
            sx = SubPixel(ScoreAt(best.ShiftX - 1, best.ShiftY, minOverlap), best.Ncc, ScoreAt(best.ShiftX + 1, best.ShiftY, minOverlap));
        }

        if (Math.Abs(best.ShiftY - centre.Y) < maxShiftY)
        {
            sy = SubPixel(ScoreAt(best.ShiftX, best.ShiftY - 1, minOverlap), best.Ncc, ScoreAt(best.ShiftX, best.ShiftY + 1, minOverlap));
        }

        return best with { SubPixelX = sx, SubPixelY = sy };
    }

    /// <summary>
    /// For every row shift (all of them, circularly: the polar angle sweep) the best masked NCC over column
    /// shifts −maxShiftX…+maxShiftX; −2 where no shift has enough overlap.
    /// </summary>
    public void BestPerRow(MaskedSpectra fixedSpectra, MaskedSpectra movingSpectra, int maxShiftX, int minOverlap, Span<double> best)
    {
        CorrelateAll(fixedSpectra, movingSpectra);
        var width = FftSize.Width;
        var maps = Maps();
        for (var y = 0; y < FftSize.Height && y < best.Length; y++)
        {
            var top = -2.0;
            for (var dx = -maxShiftX; dx <= maxShiftX; dx++)
            {
                var i = (y * width) + Wrap(dx, width);
                top = Math.Max(top, maps.Score(i, minOverlap));
            }

            best[y] = top;
        }
    }

    private void CorrelateAll(MaskedSpectra fixedSpectra, MaskedSpectra movingSpectra)
    {
        Correlate(fixedSpectra.Values, movingSpectra.Values, _fg);
        Correlate(fixedSpectra.Values, movingSpectra.Mask, _fm);
        Correlate(fixedSpectra.Mask, movingSpectra.Values, _mg);
        Correlate(fixedSpectra.Mask, movingSpectra.Mask, _mm);
        Correlate(fixedSpectra.Squares, movingSpectra.Mask, _f2m);
        Correlate(fixedSpectra.Mask, movingSpectra.Squares, _mg2);
    }

    private double ScoreAt(int shiftX, int shiftY, int minOverlap) =>
        Maps().Score((Wrap(shiftY, FftSize.Height) * FftSize.Width) + Wrap(shiftX, FftSize.Width), minOverlap);

    private CorrelationMaps Maps() =>
        new(_fg.AsSpan<float>(), _fm.AsSpan<float>(), _mg.AsSpan<float>(), _mm.AsSpan<float>(), _f2m.AsSpan<float>(), _mg2.AsSpan<float>());

    /// <summary>The six correlation maps of one computation, read together at a shift index.</summary>
    private readonly ref struct CorrelationMaps(Span<float> fg, Span<float> fm, Span<float> mg, Span<float> mm, Span<float> f2m, Span<float> mg2)
    {
        private readonly Span<float> _fg = fg;
        private readonly Span<float> _fm = fm;
        private readonly Span<float> _mg = mg;
        private readonly Span<float> _f2m = f2m;
        private readonly Span<float> _mg2 = mg2;

        public Span<float> Overlap { get; } = mm;

        public double Score(int i, int minOverlap) => MaskedNcc.Score(_fg[i], _fm[i], _mg[i], Overlap[i], _f2m[i], _mg2[i], minOverlap);
    }

    /// <summary>Masked Pearson correlation from the six overlap sums; −2 when the overlap is too small or flat.</summary>
    internal static double Score(double fg, double fm, double mg, double mm, double f2m, double mg2, int minOverlap)
    {
        // mm is a count computed in floating point: round it before comparing.
        var n = Math.Round(mm);
        if (n < minOverlap || n < 2)
        {
            return -2;
        }

        var numerator = fg - (fm * mg / n);
        var varianceF = f2m - (fm * fm / n);
        var varianceG = mg2 - (mg * mg / n);
        // Guards against a flat overlap and against FFT round-off making a tiny variance negative.
        var floor = 1e-6 * n;
        if (varianceF <= floor || varianceG <= floor)
        {
            return -2;
        }

        return Math.Clamp(numerator / Math.Sqrt(varianceF * varianceG), -1, 1);
    }

    internal static double SubPixel(double left, double centre, double right)
    {
        if (left < -1 || right < -1)
        {
            return 0;
        }

        var denominator = left - (2 * centre) + right;
        return denominator < 0 ? Math.Clamp(0.5 * (left - right) / denominator, -0.5, 0.5) : 0;
    }

    private static int Wrap(int index, int size) => ((index % size) + size) % size;

    /// <summary>corr(a, b)(u) = Σx a(x)·b(x + u) = IDFT(B·conj(A)).</summary>
    private void Correlate(Mat a, Mat b, Mat result)
    {
        Cv2.MulSpectrums(b, a, _product, DftFlags.None, conjB: true);
        Cv2.Dft(_product, result, DftFlags.Inverse | DftFlags.Scale | DftFlags.RealOutput);
    }

    public void Dispose()
    {
        _place.Dispose();
        _square.Dispose();
        _product.Dispose();
        _fg.Dispose();
        _fm.Dispose();
        _mg.Dispose();
        _mm.Dispose();
        _f2m.Dispose();
        _mg2.Dispose();
    }
}

/// <summary>Best masked NCC of a search: integer shift (fixed(x) ↔ moving(x + shift)), sub-pixel offsets in [−0.5, 0.5], overlap in points.</summary>
internal readonly record struct NccPeak(double Ncc, int ShiftX, int ShiftY, double SubPixelX, double SubPixelY, int Overlap)
{
    public static NccPeak None => new(-2, 0, 0, 0, 0, 0);

    public bool Found => Overlap > 0;

    public double X => ShiftX + SubPixelX;

    public double Y => ShiftY + SubPixelY;
}
