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
            // Whole numbers 0–6 as floats: no byte of the block is 0xA5, the byte the search looks for.
            _block[i] = rng.Next(7);
        }
    }

    [Benchmark(Baseline = true, Description = "read 512 MiB, one core")]
    public float OneCore() => TensorPrimitives.Sum<float>(_block);

    // A float sum adds into one chain of vector accumulators and may be bound by the add latency rather than by memory:
    // searching the block for a byte it does not hold (.NET's unrolled vector IndexOf) only compares and branches.
    [Benchmark(Description = "scan 512 MiB for an absent byte, one core")]
    public int SearchOneCore() => System.Runtime.InteropServices.MemoryMarshal.AsBytes(_block.AsSpan()).IndexOf((byte)0xA5);

    // In 16 chunks shared by both cores, as the signature index splits its segments: two halves on two threads can
    // end up on one when the second worker starts late.
    [Benchmark(Description = "scan 512 MiB for an absent byte, two cores")]
    public int SearchTwoCores()
    {
        const int chunks = 16;
        var size = Floats / chunks;
        var found = new int[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => found[i] = System.Runtime.InteropServices.MemoryMarshal.AsBytes(_block.AsSpan(i * size, size)).IndexOf((byte)0xA5));
        return found.Sum();
    }

    [Benchmark(Description = "read 512 MiB, two cores")]
    public float TwoCores()
    {
        var half = Floats / 2;
        var sums = new float[2];
        Parallel.For(0, 2, i => sums[i] = TensorPrimitives.Sum<float>(_block.AsSpan(i * half, half)));
        return sums[0] + sums[1];
    }
}
