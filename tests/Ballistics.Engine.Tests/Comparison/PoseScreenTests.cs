using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class PoseScreenTests
{
    private static readonly SurfaceComparer Comparer = new(ComparisonOptions.Default);

    [TestCase(62.0, 120.0, -85.0)]
    [TestCase(-98.5, -200.0, 40.0)]
    public void Score_ShiftedTurnedCopyWithItsAxis_NearOneAndOnlyAtThatPose(double rotationDeg, double dxUm, double dyUm)
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var (w, h) = (a.Width + 41, a.Height + 23);
        var b = TestSurfaces.ToSurface(TestSurfaces.Transformed(a, rotationDeg, dxUm, dyUm, w, h), w, h, a.LateralStepXUm);
        // A's centre p = 0 lands in B at q = R(−θ)(−t), R(θ) = [[cos, sin], [−sin, cos]] (TestSurfaces.Transformed).
        var (sin, cos) = Math.SinCos(rotationDeg * Math.PI / 180);
        var axisB = ((-cos * dxUm) + (sin * dyUm), (-sin * dxUm) - (cos * dyUm));
        using var viewA = Comparer.View(a, (0, 0));
        using var viewB = Comparer.View(b, axisB);
        var partsA = (viewA.Coarse, viewA.CentredPolar!, viewA.CoarseAxis);

        var score = PoseScreen.Score(partsA, (viewB.Coarse, viewB.CentredPolar!, viewB.CoarseAxis), viewA.CoarseStepUm, 5, 80, 0.35);
        // B's axis said to lie 300 µm from where it is: the pose misses by more than the shift searched.
        var offAxis = (viewB.CoarseAxis.X + (300 / viewB.CoarseStepUm), viewB.CoarseAxis.Y);
        var missed = PoseScreen.Score(partsA, (viewB.Coarse, viewB.CentredPolar!, offAxis), viewA.CoarseStepUm, 5, 80, 0.35);

        TestContext.Out.WriteLine($"at the axes' pose {score:F3}, axis 300 µm off {missed:F3}");
        Assert.That(score, Is.GreaterThan(0.85));
        Assert.That(missed ?? -1, Is.LessThan(score!.Value - 0.3));
    }

    [Test]
    public void Score_DifferentSources_Low()
    {
        using var viewA = Comparer.View(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"), (0, 0));
        using var viewB = Comparer.View(TestSurfaces.Shared("cartridge/triplet_x3p1_processed.x3p"), (0, 0));

        var score = PoseScreen.Score((viewA.Coarse, viewA.CentredPolar!, viewA.CoarseAxis), (viewB.Coarse, viewB.CentredPolar!, viewB.CoarseAxis), viewA.CoarseStepUm, 5, 80, 0.35);

        TestContext.Out.WriteLine($"unrelated {score:F3}");
        Assert.That(score ?? 0, Is.LessThan(0.3));
    }
}
