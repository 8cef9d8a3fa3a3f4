using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class NccMovingBuffersTests
{
    [TestCase(37, 5)]
    [TestCase(8, 3)]
    [TestCase(5, 4)]
    public void Load_ScalarAndVectorPaths_AgreeWithRunningSums(int width, int height)
    {
        // Widths with a vector tail (37), exactly one vector (8) and no vector at all (5).
        var heights = TestSurfaces.Relief(width, height, seed: 61, holeFraction: 0.2);
        using var image = MaskedImage.FromHeights(heights, width, height);
        using var vectorBuffers = new NccMovingBuffers();
        using var scalarBuffers = new NccMovingBuffers();
        var vector = vectorBuffers.Load(image, useVectors: true);
        var scalar = scalarBuffers.Load(image, useVectors: false);
        var values = image.Values.AsSpan<float>();
        var mask = image.Mask.AsSpan<float>();

        for (var y = 0; y < height; y++)
        {
            double sv = 0, sm = 0, ss = 0;
            for (var x = 0; x <= width; x++)
            {
                var at = (y * (width + 1)) + x;
                Assert.That(vector.PrefixValues[at], Is.EqualTo(sv).Within(1e-4), $"values ({x}, {y})");
                Assert.That(vector.PrefixMask[at], Is.EqualTo(sm), $"mask ({x}, {y})");
                Assert.That(vector.PrefixSquares[at], Is.EqualTo(ss).Within(1e-4), $"squares ({x}, {y})");
                Assert.That(vector.PrefixValues[at], Is.EqualTo(scalar.PrefixValues[at]).Within(1e-4));
                if (x < width)
                {
                    var v = values[(y * width) + x];
                    sv += v;
                    sm += mask[(y * width) + x];
                    ss += (double)v * v;
                }
            }
        }
    }
}
