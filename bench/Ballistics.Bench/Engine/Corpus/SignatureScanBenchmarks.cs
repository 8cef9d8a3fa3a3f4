using System.Diagnostics;
using Ballistics.Engine.Corpus;
using BenchmarkDotNet.Attributes;

namespace Ballistics.Bench.Engine.Corpus;

/// <summary>
/// Stage 1 over a million resident codes: one query's exhaustive scan and top-200 selection, on both cores (the
/// index's own partitioning) and with a filter that keeps a third of the items; the scalar kernel beside the AVX2 one
/// shows what the hand-written kernel is worth. The codes are synthetic (seeded random bytes, not images: a million
/// scans would take hours to generate) — the scan's cost depends on their number and length, not their content. An
/// odd count leaves a partial last segment. A ring-lit photograph searches with four codes (its shading as recorded and
/// relit from three more sides: <see cref="CorpusSearch.Codes"/>), each item at its best with any; a scan searched as a
/// ring photograph with five (rendered under four turns of its light and an even ring).
/// </summary>
[MemoryDiagnoser]
public class SignatureScanBenchmarks
{
    private const int Items = 1_000_003;
    private SignatureIndex _index = null!;
    private StageOneCode _query;
    private StageOneCode[] _photograph = null!;
    private StageOneCode[] _rendered = null!;

    [GlobalSetup]
    public void Setup()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var codec = SignatureCodec.Default;
        _index = new SignatureIndex(codec);
        var random = new Random(17);
        var code = new sbyte[codec.CodeBytes];
        string[] calibers = ["9x19mm Parabellum", ".40 S&W", ".45 ACP"];
        for (var i = 0; i < Items; i++)
        {
            random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(code.AsSpan()));
            for (var j = 0; j < code.Length; j++)
            {
                code[j] = Math.Max(code[j], (sbyte)-127);
            }

            _index.Add(i, new StageOneCode(code, 0.001f + (i % 7 * 0.0001f)), new ItemFacets(calibers[i % 3], null, i % 2 == 0 ? "MX" : "US", null, null));
        }

        _query = new StageOneCode(code, 0.002f);
        _rendered = [.. Enumerable.Range(0, 5).Select(k =>
        {
            var variant = new sbyte[codec.CodeBytes];
            random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(variant.AsSpan()));
            return new StageOneCode([.. variant.Select(v => Math.Max(v, (sbyte)-127))], 0.002f + (k * 0.0001f));
        })];
        _photograph = _rendered[..4];
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// {Items} codes of {codec.CodeBytes} bytes: index {_index.ResidentBytes / (1024.0 * 1024):0} MiB by count, managed heap grew {(after - before) / (1024.0 * 1024):0} MiB, working set {Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024):0} MiB");
    }

    [Benchmark(Baseline = true, Description = "1M codes, top 200, AVX2, both cores")]
    public int Scan() => _index.Search(_query, SearchFilter.None, 200).Length;

    [Benchmark(Description = "1M codes, caliber filter (1/3 kept), top 200")]
    public int Filtered() => _index.Search(_query, new SearchFilter { Caliber = ".40 S&W" }, 200).Length;

    [Benchmark(Description = "1M codes, a photograph's 4 codes, top 200")]
    public int Photograph() => _index.Search(_photograph, SearchFilter.None, 200).Length;

    [Benchmark(Description = "1M codes, a scan rendered as a ring photograph's 5 codes, top 200")]
    public int Rendered() => _index.Search(_rendered, SearchFilter.None, 200).Length;

    [Benchmark(Description = "1M codes, top 200, scalar kernel")]
    public int Scalar() => _index.Search(_query, SearchFilter.None, 200, useVectors: false).Length;
}
