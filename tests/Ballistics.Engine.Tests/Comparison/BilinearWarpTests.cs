using Ballistics.Engine.Comparison;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class BilinearWarpTests
{
    private const int SourceWidth = 61;
    private const int SourceHeight = 53;

    /// <summary>Smooth seeded relief with a tenth of its points missing (NaN).</summary>
    private static float[] Relief(int seed) => TestSurfaces.Relief(SourceWidth, SourceHeight, seed, holeFraction: 0.1, sigma: 2);

    private static SourceMap Turn(double degrees, int width, int height) =>
        SourceMap.Turn(Rotation2D.FromDegrees(degrees), (SourceWidth - 1) / 2.0, (SourceHeight - 1) / 2.0, ((width - 1) / 2.0) + 1.3, ((height - 1) / 2.0) - 2.7);

    [TestCase(0.0)]
    [TestCase(17.0)]
    [TestCase(-143.5)]
    public void Warp_ScalarAndVectorPaths_Agree(double degrees)
    {
        // 67 columns: eight vectors and a three-point tail per row; the turn puts part of each row outside the source.
        const int Width = 67;
        const int Height = 59;
        var source = Relief(3);
        var map = Turn(degrees, Width, Height);
        var (vv, vm) = (new float[Width * Height], new float[Width * Height]);
        var (sv, sm) = (new float[Width * Height], new float[Width * Height]);

        var vectorCount = BilinearWarp.Warp(source, SourceWidth, SourceHeight, map, vv, vm, Width, Height, Width, useVectors: true);
        var scalarCount = BilinearWarp.Warp(source, SourceWidth, SourceHeight, map, sv, sm, Width, Height, Width, useVectors: false);

        Assert.That(vectorCount, Is.EqualTo(scalarCount));
        Assert.That(vectorCount, Is.EqualTo(vm.Count(m => m == 1f)));
        Assert.That(vectorCount, Is.InRange(Width * Height / 4, Width * Height * 9 / 10));
        Assert.That(vv, Is.EqualTo(sv));
        Assert.That(vm, Is.EqualTo(sm));
        Assert.That(vv.Where((_, i) => vm[i] == 0f), Is.All.EqualTo(0f));
    }

    [Test]
    public void Warp_TurnedRelief_MatchesOpenCvWarpAffine()
    {
        // OpenCV rounds source coordinates to 1/32 point, so values agree to about a gradient × 1/64, and validity
        // differs only where rounding moves a coordinate across a whole point (within 1/64 of one: about 6 % of
        // points) and the neighbour gained or lost is a gap (2 of them, 10 % each): about 1 % of points.
        const int Width = 71;
        const int Height = 63;
        var source = Relief(4);
        var map = Turn(23, Width, Height);
        var values = new float[Width * Height];
        var mask = new float[Width * Height];
        BilinearWarp.Warp(source, SourceWidth, SourceHeight, map, values, mask, Width, Height, Width);

        using var sourceMat = Mat.FromPixelData(SourceHeight, SourceWidth, MatType.CV_32FC1, source);
        using var inverse = map.ToOpenCv();
        using var expected = new Mat();
        Cv2.WarpAffine(sourceMat, expected, inverse, new Size(Width, Height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(float.NaN));
        var reference = expected.AsSpan<float>().ToArray();

        var both = 0;
        var disagree = 0;
        var largest = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var validThere = !float.IsNaN(reference[i]);
            if (validThere != (mask[i] == 1f))
            {
                disagree++;
            }
            else if (validThere)
            {
                both++;
                largest = Math.Max(largest, Math.Abs(reference[i] - values[i]));
            }
        }

        Assert.That(both, Is.GreaterThan(Width * Height / 3));
        Assert.That(disagree, Is.LessThanOrEqualTo(both / 50));
        Assert.That(largest, Is.LessThan(0.01));
    }

    [Test]
    public void Warp_WindowOfLargerImage_WritesOnlyTheWindow()
    {
        const int Stride = 40;
        const int Rows = 30;
        var source = Relief(5);
        var canvas = Enumerable.Repeat(7f, Stride * Rows).ToArray();
        var map = new SourceMap(1, 0, 20, 0, 1, 10);

        BilinearWarp.Warp(source, SourceWidth, SourceHeight, map, canvas.AsSpan((5 * Stride) + 3), [], 19, 11, Stride);

        for (var y = 0; y < Rows; y++)
        {
            for (var x = 0; x < Stride; x++)
            {
                var inside = y >= 5 && y < 16 && x >= 3 && x < 22;
                var value = canvas[(y * Stride) + x];
                if (!inside)
                {
                    Assert.That(value, Is.EqualTo(7f), $"({x}, {y}) outside the window");
                    continue;
                }

                // Whole-point offsets read one source point, but with the usual rule: valid only when all four
                // neighbours are (a weight of zero does not excuse a gap).
                var at = ((y - 5 + 10) * SourceWidth) + x - 3 + 20;
                var neighbours = new[] { source[at], source[at + 1], source[at + SourceWidth], source[at + SourceWidth + 1] };
                Assert.That(value, Is.EqualTo(neighbours.Any(float.IsNaN) ? 0f : source[at]), $"({x}, {y})");
            }
        }
    }
}
