using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class CentredPolarImageTests
{
    [TestCase(0.0)]
    [TestCase(37.5)]
    [TestCase(-143.0)]
    [TestCase(181.0)]
    public void Profile_CopyTurnedAboutItsCentre_PeaksAtAngle(double rotationDeg)
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var b = TestSurfaces.Transformed(a, rotationDeg, 0, 0, a.Width, a.Height);

        var (angle, peak) = BestAngle(a.Values.ToArray(), b, a.Width, a.Height, (0, 0));

        Assert.That(Rotation2D.Normalise(angle - rotationDeg), Is.EqualTo(0).Within(1.0), "angle");
        Assert.That(peak, Is.GreaterThan(0.9), "peak NCC");
    }

    [TestCase(62.0, 120.0, -85.0)]
    [TestCase(-98.5, -200.0, 40.0)]
    public void Profile_ShiftedTurnedCopyWithItsCentre_PeaksAtAngle(double rotationDeg, double dxUm, double dyUm)
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var (w, h) = (a.Width + 41, a.Height + 23);
        var b = TestSurfaces.Transformed(a, rotationDeg, dxUm, dyUm, w, h);
        // A's centre p = 0 lands in B at q = R(−θ)(−t), R(θ) = [[cos, sin], [−sin, cos]] (TestSurfaces.Transformed).
        var (sin, cos) = Math.SinCos(rotationDeg * Math.PI / 180);
        var centreB = ((-cos * dxUm) + (sin * dyUm), (-sin * dxUm) - (cos * dyUm));

        var (angle, peak) = BestAngle(a.Values.ToArray(), b, w, h, centreB, a.LateralStepXUm, (a.Width, a.Height));

        Assert.That(Rotation2D.Normalise(angle - rotationDeg), Is.EqualTo(0).Within(1.0), "angle");
        Assert.That(peak, Is.GreaterThan(0.85), "peak NCC");
    }

    [Test]
    public void Build_ImageSmallerThanFourRings_ReturnsNull()
    {
        using var image = MaskedImage.FromHeights([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], 3, 3);

        Assert.That(CentredPolarImage.Build(image, 1, 1), Is.Null);
    }

    [Test]
    public void Profile_WrongLength_Throws()
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        using var image = MaskedImage.FromHeights(a.Values, a.Width, a.Height);
        using var polar = CentredPolarImage.Build(image, (a.Width - 1) / 2.0, (a.Height - 1) / 2.0)!;

        Assert.That(() => CentredPolarImage.Profile(polar, polar, 16, new double[CentredPolarImage.Angles - 1]), Throws.ArgumentException);
    }

    /// <summary>Angle and NCC of the best peak of A (centred) against B (centred at <paramref name="centreBUm"/> µm from its middle).</summary>
    private static (double Angle, double Peak) BestAngle(float[] a, float[] b, int widthB, int heightB, (double X, double Y) centreBUm, double stepUm = 1, (int Width, int Height)? sizeA = null)
    {
        var (widthA, heightA) = sizeA ?? (widthB, heightB);
        using var imageA = MaskedImage.FromHeights(a, widthA, heightA);
        using var imageB = MaskedImage.FromHeights(b, widthB, heightB);
        using var polarA = CentredPolarImage.Build(imageA, (widthA - 1) / 2.0, (heightA - 1) / 2.0)!;
        using var polarB = CentredPolarImage.Build(imageB, ((widthB - 1) / 2.0) + (centreBUm.X / stepUm), ((heightB - 1) / 2.0) + (centreBUm.Y / stepUm))!;
        var profile = new double[CentredPolarImage.Angles];

        CentredPolarImage.Profile(polarA, polarB, 16, profile);

        var best = 0;
        for (var k = 1; k < profile.Length; k++)
        {
            if (profile[k] > profile[best])
            {
                best = k;
            }
        }

        return (best * 360.0 / CentredPolarImage.Angles, profile[best]);
    }
}
