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
/// registration alone, one CMC direction, the comparison of the prepared pair (registration, both CMC
/// directions, features), and the full comparison from raw surfaces (both preparations included).
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
    private Registration _registration;
    private readonly SurfaceComparer _comparer = new(ComparisonOptions.Default);

    [GlobalSetup]
    public void Setup()
    {
        OpenCvSharp.Cv2.SetNumThreads(1);
        _rawA = X3pReader.Read(SharedData.X3p("cartridge/fadul_1-1_processed.x3p")).Value;
        _rawB = X3pReader.Read(SharedData.X3p("cartridge/fadul_1-2_processed.x3p")).Value;
        _surfaceA = Preprocessor.Prepare(_rawA).Surface;
        _surfaceB = Preprocessor.Prepare(_rawB).Surface;
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

    [Benchmark(Description = "preprocess one scan (545²)")]
    public int PrepareOne() => Preprocessor.Prepare(_rawA).Surface.Width;

    [Benchmark(Description = "registration (360° sweep + refinement)")]
    public Registration Register() => new GlobalRegistrar(RegistrationOptions.Default).Register(_a, _b, 10);

    [Benchmark(Description = "CMC, one direction")]
    public int CmcOneDirection() => new CellComparer(CmcOptions.Default).Compare(_a, _b, _registration, 10).CmcCount;

    [Benchmark(Description = "compare prepared pair (both directions + features)")]
    public double ComparePrepared() => _comparer.Compare(_surfaceA, _surfaceB).Features.AlignedCcf;

    [Benchmark(Description = "full comparison from raw surfaces (both preprocessed)")]
    public double CompareFull() => _comparer.Compare(Preprocessor.Prepare(_rawA).Surface, Preprocessor.Prepare(_rawB).Surface).Features.AlignedCcf;
}
