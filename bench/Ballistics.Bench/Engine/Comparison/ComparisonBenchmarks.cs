using Ballistics.Engine.Comparison;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.X3p;
using Ballistics.Testing;
using BenchmarkDotNet.Attributes;

namespace Ballistics.Bench.Engine.Comparison;

/// <summary>
/// The comparison on one core (OpenCV held to one thread): the real Fadul 1-1 / 1-2 pair (545² and 546² at
/// 6.25 µm), prepared by the default preprocessing (10 µm grid, about 320²): preprocessing of one scan,
/// the comparison view of one prepared scan (its share of every comparison, built once per scan), registration
/// alone, one CMC direction, the comparison of the prepared pair (views built, as a corpus holds them), and the
/// full comparison from raw surfaces (both preparations and views included).
/// </summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private Surface _rawA = null!;
    private Surface _rawB = null!;
    private MaskedImage _a = null!;
    private MaskedImage _b = null!;
    private Surface _surfaceA = null!;
    private Surface _surfaceB = null!;
    private (double X, double Y)? _axisA;
    private (double X, double Y)? _axisB;
    private ComparableScan _viewA = null!;
    private ComparableScan _viewB = null!;
    private Registration _registration;
    private readonly SurfaceComparer _comparer = new(ComparisonOptions.Default);

    [GlobalSetup]
    public void Setup()
    {
        Ballistics.Engine.Matching.OpenCvThreads.Configure();
        _rawA = X3pReader.Read(SharedData.X3p("cartridge/fadul_1-1_processed.x3p")).Value;
        _rawB = X3pReader.Read(SharedData.X3p("cartridge/fadul_1-2_processed.x3p")).Value;
        var preparedA = Preprocessor.Prepare(_rawA);
        var preparedB = Preprocessor.Prepare(_rawB);
        _surfaceA = preparedA.Surface;
        _surfaceB = preparedB.Surface;
        _axisA = preparedA.TurningAxisUm;
        _axisB = preparedB.TurningAxisUm;
        _a = MaskedImage.FromHeights(_surfaceA.Values, _surfaceA.Width, _surfaceA.Height);
        _b = MaskedImage.FromHeights(_surfaceB.Values, _surfaceB.Width, _surfaceB.Height);
        _viewA = _comparer.View(_surfaceA, _axisA);
        _viewB = _comparer.View(_surfaceB, _axisB);
        _registration = new GlobalRegistrar(RegistrationOptions.Default).Register(_viewA, _viewB);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
        _viewA.Dispose();
        _viewB.Dispose();
    }

    [Benchmark(Description = "preprocess one scan (545²)")]
    public int PrepareOne() => Preprocessor.Prepare(_rawA).Surface.Width;

    [Benchmark(Description = "comparison view of one prepared scan (coarse level, polar spectrum)")]
    public int ViewOne()
    {
        using var view = _comparer.View(_surfaceA, _axisA);
        return view.Coarse.Width;
    }

    [Benchmark(Description = "registration of two views (360° sweep + refinement)")]
    public Registration Register() => new GlobalRegistrar(RegistrationOptions.Default).Register(_viewA, _viewB);

    [Benchmark(Description = "CMC, one direction")]
    public int CmcOneDirection() => new CellComparer(CmcOptions.Default).Compare(_a, _b, _registration, 10).CmcCount;

    [Benchmark(Description = "compare prepared pair (registration, both CMC directions, features)")]
    public double ComparePrepared() => _comparer.Compare(_viewA, _viewB).Features.AlignedCcf;

    [Benchmark(Description = "full comparison from raw surfaces (both preprocessed, views built)")]
    public double CompareFull()
    {
        var a = Preprocessor.Prepare(_rawA);
        var b = Preprocessor.Prepare(_rawB);
        using var viewA = _comparer.View(a.Surface, a.TurningAxisUm);
        using var viewB = _comparer.View(b.Surface, b.TurningAxisUm);
        return _comparer.Compare(viewA, viewB).Features.AlignedCcf;
    }
}
