using Ballistics.Engine.Comparison;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace Ballistics.Bench.Engine.Comparison;

/// <summary>
/// One CMC cell search, the unit the comparison repeats most: a 41×39 template (odd, to hit vector tails)
/// searched ±10 points in a moving image, by the direct kernel (vector and scalar paths) and by the FFT
/// masked NCC on the 64² frame that holds the same search. Seeded relief with 10 % holes; one core.
/// </summary>
[MemoryDiagnoser]
public class NccBenchmarks
{
    private const int Shift = 10;
    private readonly Rect _window = new(40, 40, 41, 39);
    private MaskedImage _fixed = null!;
    private MaskedImage _moving = null!;
    private NccMovingBuffers _buffers = null!;
    private MaskedNcc _ncc = null!;
    private MaskedSpectra _fixedSpectra = null!;
    private MaskedSpectra _movingSpectra = null!;

    [GlobalSetup]
    public void Setup()
    {
        Ballistics.Engine.Matching.OpenCvThreads.Configure();
        const int Size = 121;
        var rng = new Random(5);
        var heights = new float[Size * Size];
        for (var i = 0; i < heights.Length; i++)
        {
            heights[i] = rng.NextDouble() < 0.1 ? float.NaN : (float)rng.NextDouble();
        }

        _fixed = MaskedImage.FromHeights(heights, Size, Size);
        _moving = MaskedImage.FromHeights(heights, Size, Size);
        _buffers = new NccMovingBuffers();

        var fftSize = MaskedNcc.SizeFor(new Size(_window.Width + (2 * Shift), _window.Height + (2 * Shift)), 0, 0);
        _ncc = new MaskedNcc(fftSize);
        _fixedSpectra = new MaskedSpectra(fftSize);
        _movingSpectra = new MaskedSpectra(fftSize);
        _ncc.Transform(_fixed, _window, _fixedSpectra);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fixed.Dispose();
        _moving.Dispose();
        _ncc.Dispose();
        _fixedSpectra.Dispose();
        _movingSpectra.Dispose();
        _buffers.Dispose();
    }

    [Benchmark(Baseline = true, Description = "FFT masked NCC (moving transform + six correlations)")]
    public double Fft()
    {
        var region = new Rect(_window.X - Shift, _window.Y - Shift, _window.Width + (2 * Shift), _window.Height + (2 * Shift));
        _ncc.Transform(_moving, region, _movingSpectra);
        return _ncc.FindPeak(_fixedSpectra, _movingSpectra, new Point(Shift, Shift), Shift, Shift, 200).Ncc;
    }

    [Benchmark(Description = "direct, Vector256")]
    public double DirectVector() => Direct(true);

    [Benchmark(Description = "direct, scalar")]
    public double DirectScalar() => Direct(false);

    private double Direct(bool vectors)
    {
        // The running sums of the 121² moving image are counted here; in use one turned image serves about 22 cells.
        var m = _buffers.Load(_moving);
        return DirectNcc.FindPeak(NccPlanes.Of(_fixed), _window, m, _window.X, _window.Y, Shift, Shift, 200, vectors).Ncc;
    }
}
