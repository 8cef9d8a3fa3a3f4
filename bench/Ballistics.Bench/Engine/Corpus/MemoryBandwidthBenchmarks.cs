using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace Ballistics.Bench.Engine.Corpus;

/// <summary>
/// The machine's memory bandwidth as the stage-1 scan will see it: a 512 MiB block of floats (far beyond the caches)
/// read once and summed with TensorPrimitives, on one core and on both (each half by one thread). The corpus search
/// reports its scan speed against this.
/// </summary>
[MemoryDiagnoser]
public class MemoryBandwidthBenchmarks
{
    private const int Floats = 128 * 1024 * 1024;
    private float[] _block = null!;

    [GlobalSetup]
    public void Setup()
    {
        _block = new float[Floats];
        var rng = new Random(11);
        for (var i = 0; i < _block.Length; i += 1024)
        {
            _block[i] = (float)rng.NextDouble();
        }
    }

    [Benchmark(Baseline = true, Description = "read 512 MiB, one core")]
    public float OneCore() => TensorPrimitives.Sum<float>(_block);

    [Benchmark(Description = "read 512 MiB, two cores")]
    public float TwoCores()
    {
        var half = Floats / 2;
        var sums = new float[2];
        Parallel.For(0, 2, i => sums[i] = TensorPrimitives.Sum<float>(_block.AsSpan(i * half, half)));
        return sums[0] + sums[1];
    }
}
