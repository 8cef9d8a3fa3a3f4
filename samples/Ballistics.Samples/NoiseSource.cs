namespace Ballistics.Samples;

/// <summary>
/// A fast generator for whole noise fields (xoshiro256**, seeded through SplitMix64). Seeded
/// <see cref="Random"/> costs about 30 ns per normal draw, which made noise the largest cost of a scan; this
/// draws a near-normal value in about 2 ns. Parameters are still drawn from <see cref="Random"/>; only bulk
/// fields come from here, keyed by one draw of the step's own stream.
/// </summary>
internal struct NoiseSource
{
    /// <summary>Standard deviation of the sum of four uniform 16-bit integers.</summary>
    private const double SumSigma = 37_837.22700;

    private const double SumMean = 4 * 65_535 / 2.0;

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public NoiseSource(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// Fills with near-normal values: each is the sum of four uniform draws (Irwin–Hall), which matches the
    /// normal distribution within a few percent out to 3σ and is bounded at ±3.5σ. Textures and instrument noise
    /// need the spectrum and the variance, not the far tails.
    /// </summary>
    public void FillNormal(Span<float> destination, double sigma)
    {
        var scale = (float)(sigma / SumSigma);
        for (var i = 0; i < destination.Length; i++)
        {
            var bits = NextUInt64();
            var sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
            destination[i] = (float)(sum - SumMean) * scale;
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
