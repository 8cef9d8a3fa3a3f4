using Ballistics.Engine.Comparison;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace Ballistics.Bench.Engine.Comparison;

/// <summary>
/// One turn of a scan onto the CMC's canvas, the step every comparison repeats most after the cell searches:
/// a 305×337 seeded relief with 10 % holes (the Fadul prepared scan's size) turned 23° onto 357×389 points,
/// by OpenCV's warpAffine with a NaN border followed by the split into values and mask (what the comparison
/// did before <see cref="BilinearWarp"/>), and by <see cref="BilinearWarp"/> on its vector and scalar paths.
/// One core.
/// </summary>
[MemoryDiagnoser]
public class WarpBenchmarks
{
    private const int SourceWidth = 305;
    private const int SourceHeight = 337;
    private const int Width = 357;
    private const int Height = 389;
    private float[] _source = null!;
    private float[] _values = null!;
    private float[] _mask = null!;
    private Mat _sourceMat = null!;
    private Mat _inverse = null!;
    private Mat _warped = null!;
    private SourceMap _map;

    [GlobalSetup]
    public void Setup()
    {
        Ballistics.Engine.Matching.OpenCvThreads.Configure();
        var rng = new Random(7);
        _source = new float[SourceWidth * SourceHeight];
        for (var i = 0; i < _source.Length; i++)
        {
            _source[i] = rng.NextDouble() < 0.1 ? float.NaN : (float)rng.NextDouble();
        }

        _values = new float[Width * Height];
        _mask = new float[Width * Height];
        _map = SourceMap.Turn(Rotation2D.FromDegrees(23), (SourceWidth - 1) / 2.0, (SourceHeight - 1) / 2.0, (Width - 1) / 2.0, (Height - 1) / 2.0);
        _sourceMat = Mat.FromPixelData(SourceHeight, SourceWidth, MatType.CV_32FC1, _source);
        _inverse = _map.ToOpenCv();
        _warped = new Mat();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sourceMat.Dispose();
        _inverse.Dispose();
        _warped.Dispose();
    }

    [Benchmark(Baseline = true, Description = "OpenCV warpAffine (NaN border) + split")]
    public int OpenCv()
    {
        Cv2.WarpAffine(_sourceMat, _warped, _inverse, new Size(Width, Height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(float.NaN));
        return MaskedImage.Split(_warped.AsSpan<float>(), _values, _mask, useVectors: true);
    }

    [Benchmark(Description = "BilinearWarp, AVX2 pair gathers")]
    public int VectorPath() => BilinearWarp.Warp(_source, SourceWidth, SourceHeight, _map, _values, _mask, Width, Height, Width);

    [Benchmark(Description = "BilinearWarp, scalar")]
    public int ScalarPath() => BilinearWarp.Warp(_source, SourceWidth, SourceHeight, _map, _values, _mask, Width, Height, Width, useVectors: false);
}
