using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.X3p;
using Ballistics.Samples;
using Ballistics.Testing;
using BenchmarkDotNet.Attributes;

namespace Ballistics.Bench.Engine.Preprocessing;

/// <summary>
/// Breech-face preprocessing of one scan on one core (OpenCV held to one thread), one benchmark per region
/// source: a real already-cropped scan (Fadul 1-1, 545² at 6.25 µm), a real raw scan with a region mask
/// (Baldwin K013sA1, 769×749 at 7.37 µm) and a generated raw scan whose primer and firing pin are detected
/// (seed 5, firearm 1, hard; about 800² at 6.5 µm), and a real raw full-primer scan without a mask (Fadul 1-1 raw,
/// 1231×1223 at 3.125 µm) whose primer and firing-pin aperture are detected. Targets: well under 50 ms for a 550² scan;
/// a raw 1,200² scan at 3.125 µm in at most 250 ms.
/// </summary>
[MemoryDiagnoser]
public class PreprocessBenchmarks
{
    private Surface _cropped = null!;
    private Surface _masked = null!;
    private Surface _generated = null!;
    private Surface _rawFullPrimer = null!;

    [GlobalSetup]
    public void Setup()
    {
        Ballistics.Engine.Matching.OpenCvThreads.Configure();
        _cropped = X3pReader.Read(SharedData.X3p("cartridge/fadul_1-1_processed.x3p")).Value;
        _masked = X3pReader.Read(SharedData.X3p("cartridge/baldwin_K013sA1_raw.x3p")).Value;
        _generated = CartridgeCaseSimulator.Fire(Firearm.Create(5, 1, Difficulty.Hard), 1, "Federal", 5).Surface;
        _rawFullPrimer = X3pReader.Read(SharedData.X3p("raw/fadul_1-1_raw.x3p")).Value;
    }

    [Benchmark(Description = "already cropped, Fadul 1-1 (545²)")]
    public int AlreadyCropped() => Preprocessor.Prepare(_cropped).Surface.Width;

    [Benchmark(Description = "raw with mask, Baldwin K013sA1 (769×749)")]
    public int RawWithMask() => Preprocessor.Prepare(_masked).Surface.Width;

    [Benchmark(Description = "raw, region detected, generated (~800²)")]
    public int RawDetected() => Preprocessor.Prepare(_generated).Surface.Width;

    [Benchmark(Description = "raw full primer, no mask, Fadul 1-1 raw (1231×1223 at 3.125 µm)")]
    public int RawFullPrimer() => Preprocessor.Prepare(_rawFullPrimer).Surface.Width;
}
