using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class MaskedImageTests
{
    [Test]
    public void Split_VectorAndScalarPaths_Agree()
    {
        // An odd length, so the vector loop leaves a tail for the scalar one.
        var rng = new Random(3);
        var heights = new float[1001];
        for (var i = 0; i < heights.Length; i++)
        {
            heights[i] = rng.NextDouble() < 0.2 ? float.NaN : (float)((rng.NextDouble() * 4) - 2);
        }

        var (vv, vm) = (new float[heights.Length], new float[heights.Length]);
        var (sv, sm) = (new float[heights.Length], new float[heights.Length]);
        var vectorCount = MaskedImage.Split(heights, vv, vm, useVectors: true);
        var scalarCount = MaskedImage.Split(heights, sv, sm, useVectors: false);

        Assert.That(vectorCount, Is.EqualTo(scalarCount));
        Assert.That(vectorCount, Is.EqualTo(heights.Count(h => !float.IsNaN(h))));
        Assert.That(vv, Is.EqualTo(sv));
        Assert.That(vm, Is.EqualTo(sm));
        Assert.That(sv.Where((_, i) => float.IsNaN(heights[i])), Is.All.EqualTo(0f));
    }

    [Test]
    public void WarpFrom_HalfPointShift_InterpolatesAndInvalidatesNextToGaps()
    {
        const int Size = 9;
        var heights = new float[Size * Size];
        for (var i = 0; i < heights.Length; i++)
        {
            heights[i] = i % Size;
        }

        heights[(4 * Size) + 4] = float.NaN;
        using var source = MaskedImage.FromHeights(heights, Size, Size);
        using var target = MaskedImage.Create(Size, Size);

        target.WarpFrom(source, new SourceMap(1, 0, 0.5f, 0, 1, 0));

        var values = target.Values.AsSpan<float>();
        var mask = target.Mask.AsSpan<float>();
        var sourceValues = source.Values.AsSpan<float>();
        // Target (x, y) samples source (x + 0.5, y): the mean of columns x and x + 1 where both are valid.
        Assert.That(values[(1 * Size) + 2], Is.EqualTo(0.5f * (sourceValues[(1 * Size) + 2] + sourceValues[(1 * Size) + 3])).Within(1e-5f));
        Assert.That(mask[(4 * Size) + 3], Is.Zero, "left neighbour of the gap");
        Assert.That(mask[(4 * Size) + 4], Is.Zero, "the gap");
        Assert.That(mask[(4 * Size) + 5], Is.EqualTo(1f), "right of the gap");
        Assert.That(mask[(0 * Size) + 8], Is.Zero, "past the source's edge");
        Assert.That(target.ValidCount, Is.EqualTo(mask.ToArray().Count(m => m > 0)));
    }

    [Test]
    public void HighPassed_LongAndShortWave_KeepsOnlyShortWave()
    {
        const int Width = 151;
        const int Height = 97;
        const double StepUm = 10;
        var sum = new float[Width * Height];
        var shortWave = new float[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = (y * Width) + x;
                shortWave[i] = (float)Math.Sin(2 * Math.PI * x * StepUm / 100);
                sum[i] = shortWave[i] + (3f * (float)Math.Sin(2 * Math.PI * ((x * StepUm) + (0.5 * y * StepUm)) / 3000));
                // A hole, which must stay a hole and not bend the result around it.
                if (Math.Abs(x - 70) < 8 && Math.Abs(y - 40) < 8)
                {
                    sum[i] = float.NaN;
                }
            }
        }

        using var image = MaskedImage.FromHeights(sum, Width, Height);
        using var filtered = image.HighPassed(StepUm, 400);
        var heights = filtered.ToHeights();

        Assert.That(heights.Count(float.IsNaN), Is.EqualTo(sum.Count(float.IsNaN)), "invalid points");
        Assert.That(Correlation(heights, shortWave), Is.GreaterThan(0.95), "short wave kept");
    }

    private static double Correlation(float[] a, float[] b)
    {
        var pairs = a.Zip(b).Where(p => float.IsFinite(p.First)).Select(p => ((double)p.First, (double)p.Second)).ToArray();
        var ma = pairs.Average(p => p.Item1);
        var mb = pairs.Average(p => p.Item2);
        var cov = pairs.Sum(p => (p.Item1 - ma) * (p.Item2 - mb));
        return cov / Math.Sqrt(pairs.Sum(p => (p.Item1 - ma) * (p.Item1 - ma)) * pairs.Sum(p => (p.Item2 - mb) * (p.Item2 - mb)));
    }
}
