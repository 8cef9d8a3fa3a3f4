using Ballistics.Engine.Comparison;
using OpenCvSharp;

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
        using var scratch = new Mat();
        using var shift = new Mat(2, 3, MatType.CV_64FC1, Scalar.All(0));
        shift.Set(0, 0, 1.0);
        shift.Set(1, 1, 1.0);
        shift.Set(0, 2, -0.5);

        target.WarpFrom(source, shift, scratch);

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
}
