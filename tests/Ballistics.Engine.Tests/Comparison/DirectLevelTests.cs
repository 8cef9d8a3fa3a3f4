using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class DirectLevelTests
{
    [Test]
    public void SectorAgreement_MarksOnHalfTheAnnulus_RightPoseAgreesFarMoreThanTheWholeOverlapSays()
    {
        // B is A turned by 30°, but on one side of it the marks are replaced by unrelated texture (partial contact):
        // the whole overlap correlates moderately at the right pose, its better sectors strongly.
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var step = a.LateralStepXUm;
        var b = TestSurfaces.Transformed(a, 30, 0, 0, a.Width, a.Height);
        var random = new Random(5);
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width / 2; x++)
            {
                var i = (y * a.Width) + x;
                b[i] = float.IsFinite(b[i]) ? (float)(4 * ((random.NextDouble() * 2) - 1)) : b[i];
            }
        }

        using var imageA = MaskedImage.FromHeights(a.Values, a.Width, a.Height);
        using var imageB = MaskedImage.FromHeights(b, a.Width, a.Height);
        using var level = new DirectLevel(imageA, imageB, step, radius: 2, minOverlapFraction: 0.35);
        var centre = ((a.Width - 1) / 2.0, (a.Height - 1) / 2.0);

        var (peak, x0, y0) = level.Search(30, 0, 0);
        var right = level.SectorAgreement(30, x0, y0, centre);
        var (_, x1, y1) = level.Search(100, 0, 0);
        var wrong = level.SectorAgreement(100, x1, y1, centre);

        TestContext.Out.WriteLine($"whole overlap {peak.Ncc:0.000}; better sectors at the right pose {right:0.000}, at a wrong one {wrong:0.000}");
        Assert.That(right, Is.GreaterThan(peak.Ncc + 0.2), "the sectors with marks are not diluted by those without");
        Assert.That(wrong, Is.LessThan(0.3));
    }
}
