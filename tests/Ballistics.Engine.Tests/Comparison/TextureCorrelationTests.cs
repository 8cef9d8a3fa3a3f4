using Ballistics.Engine.Comparison;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class TextureCorrelationTests
{
    private const double StepUm = 20;

    [Test]
    public void SharedArea_WhiteNoise_IsOneGridCell()
    {
        using var image = Noise(201, 187, seed: 1, blurSigmaX: 0, blurSigmaY: 0);

        var texture = TextureCorrelation.Measure(image, StepUm);

        Assert.That(texture.Rho[(TextureCorrelation.RadiusSteps * ((2 * TextureCorrelation.RadiusSteps) + 1)) + TextureCorrelation.RadiusSteps], Is.EqualTo(1f).Within(1e-5));
        Assert.That(TextureCorrelation.SharedAreaUm2(texture, texture, 0) / (StepUm * StepUm), Is.EqualTo(1.0).Within(0.1));
    }

    [Test]
    public void SharedArea_GaussianSmoothedNoise_MatchesTheory()
    {
        // Noise blurred by a Gaussian of σ has autocorrelation exp(−τ²/4σ²); Σ ρ² = 2πσ² grid cells.
        const double Sigma = 2;
        using var image = Noise(241, 233, seed: 2, Sigma, Sigma);

        var texture = TextureCorrelation.Measure(image, StepUm);

        Assert.That(TextureCorrelation.SharedAreaUm2(texture, texture, 0) / (StepUm * StepUm), Is.EqualTo(2 * Math.PI * Sigma * Sigma).Within(0.15 * 2 * Math.PI * Sigma * Sigma));
    }

    [Test]
    public void Measure_HalfInvalid_SameAreaAsWhole()
    {
        using var whole = Noise(221, 221, seed: 3, 1.5, 1.5);
        var heights = whole.ToHeights();
        for (var y = 0; y < 221; y++)
        {
            for (var x = 0; x < 110; x++)
            {
                heights[(y * 221) + x] = float.NaN;
            }
        }

        using var half = MaskedImage.FromHeights(heights, 221, 221);

        var areaWhole = TextureCorrelation.SharedAreaUm2(TextureCorrelation.Measure(whole, StepUm), TextureCorrelation.Measure(whole, StepUm), 0);
        var areaHalf = TextureCorrelation.SharedAreaUm2(TextureCorrelation.Measure(half, StepUm), TextureCorrelation.Measure(half, StepUm), 0);

        Assert.That(areaHalf, Is.EqualTo(areaWhole).Within(0.15 * areaWhole));
    }

    [Test]
    public void SharedArea_ParallelMarks_LargestWhenAligned()
    {
        // Marks long in x: two such scans share most correlation when their marks lie parallel.
        using var image = Noise(241, 241, seed: 4, blurSigmaX: 5, blurSigmaY: 0.7);
        var texture = TextureCorrelation.Measure(image, StepUm);

        var aligned = TextureCorrelation.SharedAreaUm2(texture, texture, 0);
        var across = TextureCorrelation.SharedAreaUm2(texture, texture, 90);
        var turnedHalf = TextureCorrelation.SharedAreaUm2(texture, texture, 180);

        Assert.That(across, Is.LessThan(0.6 * aligned));
        Assert.That(turnedHalf, Is.EqualTo(aligned).Within(0.02 * aligned), "autocorrelation is point-symmetric");
    }

    [TestCase(0.2, 1e6, 1e4, 2.027)]
    [TestCase(0.2, 4e6, 1e4, 4.054)]
    [TestCase(0.5, 1e6, 1e4, 5.493)]
    [TestCase(0.2, 1e3, 1e4, 0.2027)]
    public void Standardise_FisherZTimesRootEffectivePoints(double ccf, double areaUm2, double sharedUm2, double expected)
    {
        Assert.That(TextureCorrelation.Standardise(ccf, areaUm2, sharedUm2), Is.EqualTo(expected).Within(1e-3));
    }

    [Test]
    public void Standardise_NoCorrelation_IsZero()
    {
        Assert.That(TextureCorrelation.Standardise(double.NaN, 1e6, 1e4), Is.Zero);
        Assert.That(TextureCorrelation.Standardise(0.3, 0, 1e4), Is.Zero);
    }

    private static MaskedImage Noise(int width, int height, int seed, double blurSigmaX, double blurSigmaY)
    {
        var random = new Random(seed);
        var values = new float[width * height];
        for (var i = 0; i < values.Length; i++)
        {
            // Box–Muller: Gaussian noise from two uniforms.
            var u = 1 - random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        if (blurSigmaX > 0 || blurSigmaY > 0)
        {
            using var mat = Mat.FromPixelData(height, width, MatType.CV_32FC1, values);
            using var blurred = new Mat();
            Cv2.GaussianBlur(mat, blurred, new Size(0, 0), Math.Max(blurSigmaX, 0.01), Math.Max(blurSigmaY, 0.01), BorderTypes.Reflect101);
            blurred.GetArray(out float[] smoothed);
            values = smoothed;
        }

        return MaskedImage.FromHeights(values, width, height);
    }
}
