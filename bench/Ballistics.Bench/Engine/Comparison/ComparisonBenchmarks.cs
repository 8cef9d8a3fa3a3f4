using Ballistics.Engine.Comparison;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.X3p;
using Ballistics.Testing;
using BenchmarkDotNet.Attributes;

namespace Ballistics.Bench.Engine.Comparison;

/// <summary>
/// The comparison of two prepared scans on one core: the real Fadul 1-1 / 1-2 pair (545² and 546² at
/// 6.25 µm, area-resampled to the 10 µm comparison step, 341²), registration alone, one CMC direction,
/// and the whole comparison (registration, both CMC directions, features).
/// </summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private MaskedImage _a = null!;
    private MaskedImage _b = null!;
    private Surface _surfaceA = null!;
    private Surface _surfaceB = null!;
    private Registration _registration;
    private readonly SurfaceComparer _comparer = new(ComparisonOptions.Default);

    [GlobalSetup]
    public void Setup()
    {
        OpenCvSharp.Cv2.SetNumThreads(1);
        _surfaceA = Prepared("cartridge/fadul_1-1_processed.x3p");
        _surfaceB = Prepared("cartridge/fadul_1-2_processed.x3p");
        _a = MaskedImage.FromHeights(_surfaceA.Values, _surfaceA.Width, _surfaceA.Height);
        _b = MaskedImage.FromHeights(_surfaceB.Values, _surfaceB.Width, _surfaceB.Height);
        _registration = new GlobalRegistrar(RegistrationOptions.Default).Register(_a, _b, 10);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Benchmark(Description = "registration (360° sweep + refinement)")]
    public Registration Register() => new GlobalRegistrar(RegistrationOptions.Default).Register(_a, _b, 10);

    [Benchmark(Description = "CMC, one direction")]
    public int CmcOneDirection() => new CellComparer(CmcOptions.Default).Compare(_a, _b, _registration, 10).CmcCount;

    [Benchmark(Description = "compare prepared pair (both directions + features)")]
    public double ComparePrepared() => _comparer.Compare(_surfaceA, _surfaceB).Features.AlignedCcf;

    private static Surface Prepared(string name)
    {
        var s = X3pReader.Read(SharedData.X3p(name)).Value;
        using var image = MaskedImage.FromHeights(s.Values, s.Width, s.Height);
        using var r = MaskedImage.Resample(image, s.LateralStepXUm / 10);
        return new Surface(r.Width, r.Height, 10, 10, r.ToHeights());
    }
}
