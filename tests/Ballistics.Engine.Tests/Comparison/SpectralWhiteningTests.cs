using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class SpectralWhiteningTests
{
    private const double StepUm = 10;

    [Test]
    public void Whiten_StrongParallelMarksOverFineTexture_MarksNoLongerDominate()
    {
        // Parallel marks 80 µm apart, ten times the fine texture's amplitude: before whitening the image is almost
        // all marks; after, the fine texture (which only this "firearm" has) carries most of the variance.
        const int Size = 181;
        var random = new Random(11);
        var marks = new float[Size * Size];
        var fine = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                marks[(y * Size) + x] = (float)(10 * Math.Sin(2 * Math.PI * (x * StepUm) / 80));
                fine[(y * Size) + x] = (float)((random.NextDouble() - 0.5) * Math.Sqrt(12));
            }
        }

        var sum = marks.Zip(fine, (m, f) => m + f).ToArray();
        using var image = MaskedImage.FromHeights(sum, Size, Size);
        using var fineOnly = MaskedImage.FromHeights(fine, Size, Size);
        using var marksOnly = MaskedImage.FromHeights(marks, Size, Size);
        using var whitened = SpectralWhitening.Whiten(image, StepUm);
        using var whitenedFine = SpectralWhitening.Whiten(fineOnly, StepUm);
        using var whitenedMarks = SpectralWhitening.Whiten(marksOnly, StepUm);
        var none = new Registration(0, 0, 0, 0, 1);

        var beforeMarks = SurfaceComparer.AlignedCorrelation(image, marksOnly, none, StepUm).Ccf;
        var afterMarks = SurfaceComparer.AlignedCorrelation(whitened, whitenedMarks, none, StepUm).Ccf;
        var afterFine = SurfaceComparer.AlignedCorrelation(whitened, whitenedFine, none, StepUm).Ccf;

        Assert.That(beforeMarks, Is.GreaterThan(0.99));
        Assert.That(afterMarks, Is.LessThan(0.5));
        Assert.That(afterFine, Is.GreaterThan(0.8));
    }

    [Test]
    public void Whiten_Gaps_StayInvalid()
    {
        var random = new Random(3);
        var heights = new float[97 * 89];
        for (var i = 0; i < heights.Length; i++)
        {
            heights[i] = i % 13 == 0 ? float.NaN : (float)random.NextDouble();
        }

        using var image = MaskedImage.FromHeights(heights, 97, 89);
        using var whitened = SpectralWhitening.Whiten(image, StepUm);
        var result = whitened.ToHeights();

        Assert.That(whitened.ValidCount, Is.EqualTo(image.ValidCount));
        Assert.That(Enumerable.Range(0, heights.Length).All(i => float.IsNaN(result[i]) == float.IsNaN(heights[i])), Is.True);
    }
}
