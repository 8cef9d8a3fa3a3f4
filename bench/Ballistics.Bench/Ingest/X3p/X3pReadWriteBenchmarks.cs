using BenchmarkDotNet.Attributes;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.X3p;

namespace Ballistics.Bench.Ingest.X3p;

/// <summary>
/// x3p read and write throughput. The surface is seeded smooth relief plus noise with 5 % NaN,
/// which deflates about as badly as real scans do. 1001 hits the vector tails.
/// </summary>
[MemoryDiagnoser]
public class X3pReadWriteBenchmarks
{
    private string _path = string.Empty;
    private byte[] _container = [];
    private Surface _surface = null!;

    [Params(1000, 1001)]
    public int Size { get; set; }

    [Params(X3pHeightType.Float64, X3pHeightType.Float32)]
    public X3pHeightType HeightType { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _surface = SyntheticSurface(Size, seed: 42);
        _path = Path.Combine(Path.GetTempPath(), $"ballistics-bench-{Size}-{HeightType}.x3p");
        X3pWriter.Write(_surface, _path, new X3pWriteOptions { HeightType = HeightType });
        _container = File.ReadAllBytes(_path);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Description = "read file")]
    public Surface ReadFile() => X3pReader.Read(_path).Value;

    [Benchmark(Description = "read memory")]
    public Surface ReadMemory() => X3pReader.Read(_container, "bench.x3p").Value;

    [Benchmark(Description = "write memory")]
    public long WriteMemory() => Write(System.IO.Compression.CompressionLevel.Fastest);

    [Benchmark(Description = "write memory (optimal deflate)")]
    public long WriteMemoryOptimal() => Write(System.IO.Compression.CompressionLevel.Optimal);

    private long Write(System.IO.Compression.CompressionLevel level)
    {
        using var ms = new MemoryStream(_container.Length + 4096);
        X3pWriter.Write(_surface, ms, new X3pWriteOptions { HeightType = HeightType, Compression = level });
        return ms.Length;
    }

    internal static Surface SyntheticSurface(int size, int seed)
    {
        var rng = new Random(seed);
        var values = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var relief = (5 * Math.Sin(x * 0.013) * Math.Cos(y * 0.021)) + (rng.NextDouble() - 0.5);
                values[(y * size) + x] = rng.NextDouble() < 0.05 ? float.NaN : (float)relief;
            }
        }

        return new Surface(size, size, 3.125, 3.125, values)
        {
            Metadata = new SurfaceMetadata { Date = "2026-01-01T00:00:00", Creator = "bench" },
        };
    }
}
