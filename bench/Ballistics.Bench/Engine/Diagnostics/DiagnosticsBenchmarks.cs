using Ballistics.Engine.Diagnostics;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest.X3p;
using Ballistics.Testing;
using BenchmarkDotNet.Attributes;

namespace Ballistics.Bench.Engine.Diagnostics;

/// <summary>
/// The pictures of one comparison on one core (OpenCV held to one thread): the real Fadul 1-1 / 1-2 pair, prepared and
/// compared once; what is measured is the drawing alone (six panels at 2× and their PNG encoding), the part a review page
/// waits for beyond the comparison itself, and the comparison with its drawing as the API makes a lead's pictures.
/// </summary>
[MemoryDiagnoser]
public class DiagnosticsBenchmarks
{
    private BreechFaceMatcher _matcher = null!;
    private PreparedScan _a = null!;
    private PreparedScan _b = null!;
    private ComparisonResult _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        Ballistics.Engine.Matching.OpenCvThreads.Configure();
        _matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        _a = _matcher.Prepare(X3pReader.Read(SharedData.X3p("cartridge/fadul_1-1_processed.x3p")).Value);
        _b = _matcher.Prepare(X3pReader.Read(SharedData.X3p("cartridge/fadul_1-2_processed.x3p")).Value);
        _result = _matcher.Compare(_a, _b);
    }

    [Benchmark(Description = "draw the six pictures of a compared pair")]
    public int Draw() => ComparisonDiagnostics.Of(_a, _b, _result).Images.Sum(i => i.Png.Length);

    [Benchmark(Description = "compare a prepared pair and draw it (a lead's pictures)")]
    public int CompareAndDraw()
    {
        var result = _matcher.Compare(_a, _b);
        return ComparisonDiagnostics.Of(_a, _b, result).Images.Sum(i => i.Png.Length);
    }
}
