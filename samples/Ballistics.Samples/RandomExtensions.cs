namespace Ballistics.Samples;

/// <summary>Draws the generator needs beyond what <see cref="Random"/> offers.</summary>
internal static class RandomExtensions
{
    public static double Uniform(this Random rng, double min, double max) => min + (rng.NextDouble() * (max - min));

    /// <summary>A standard normal draw (Box–Muller, one of the pair).</summary>
    public static double Gaussian(this Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills a whole field with near-normal noise of the given standard deviation (see <see cref="NoiseSource"/>).</summary>
    public static void FillGaussian(this Random rng, Span<float> destination, double sigma)
    {
        var source = new NoiseSource((ulong)rng.NextInt64());
        source.FillNormal(destination, sigma);
    }

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
