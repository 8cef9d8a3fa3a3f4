using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Tests.Comparison;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class ScanSignatureTests
{
    private static readonly SurfaceComparer Comparer = new(ComparisonOptions.Default);

    [TestCase(37.5)]
    [TestCase(-143.0)]
    public void Of_CopyTurnedAboutItsAxis_AlmostTheSameSignature(double rotationDeg)
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var b = TestSurfaces.ToSurface(TestSurfaces.Transformed(a, rotationDeg, 0, 0, a.Width, a.Height), a.Width, a.Height, a.LateralStepXUm);
        using var viewA = Comparer.View(a, (0, 0));
        using var viewB = Comparer.View(b, (0, 0));

        var signatureA = ScanSignature.Of(viewA, SignatureOptions.Default)!;
        var signatureB = ScanSignature.Of(viewB, SignatureOptions.Default)!;

        Assert.That(signatureA, Has.Length.EqualTo(SignatureOptions.Default.Length).And.Length.EqualTo(2976));
        Assert.That(ScanSignature.Similarity(signatureA, signatureA), Is.EqualTo(1).Within(1e-5));
        Assert.That(ScanSignature.Similarity(signatureA, signatureB), Is.GreaterThan(0.9));
    }

    /// <summary>The default signature of a real shared scan, through its comparison view.</summary>
    internal static float[] Signature(string name)
    {
        var prepared = Preprocessor.Prepare(TestSurfaces.Shared($"cartridge/{name}.x3p"));
        using var view = Comparer.View(prepared.Surface, prepared.TurningAxisUm);
        return ScanSignature.Of(view, SignatureOptions.Default)!;
    }

    [Test]
    public void Of_RealScans_SameSourceMoreSimilarThanDifferent()
    {
        var fadul11 = Signature("fadul_1-1_processed");
        var same = ScanSignature.Similarity(fadul11, Signature("fadul_1-2_processed"));
        var different = ScanSignature.Similarity(fadul11, Signature("baldwin_K227iG3_processed"));
        var different2 = ScanSignature.Similarity(fadul11, Signature("triplet_x3p1_processed"));
        TestContext.Out.WriteLine($"same {same:F3} different {different:F3} {different2:F3}");

        Assert.That(same, Is.GreaterThan(Math.Max(different, different2)));
    }

    [Test]
    public void Signature_WithoutComparisonView_SameNumbersAsFromTheView()
    {
        var matcher = new Engine.Matching.BreechFaceMatcher(model: null);
        var bare = matcher.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA1_raw.x3p"), withComparisonView: false);
        var viewed = matcher.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA1_raw.x3p"));
        Assert.That(bare.TurningAxisUm, Is.Not.Null, "the raw scan's firing pin is found: the light path applies");

        var fromLight = matcher.Signature(bare, SignatureOptions.Default)!;
        var fromView = matcher.Signature(viewed, SignatureOptions.Default)!;

        Assert.That(bare.HasComparisonView, Is.False);
        Assert.That(fromLight, Is.EqualTo(fromView));
    }
}
