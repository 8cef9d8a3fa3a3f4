namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class FiringPinImpressionTests
{
    [Test]
    public void At_CraterCentre_IsAsDeepAsTheStrike()
    {
        var draw = Draw(MakeModelCatalogue.RugerSr9Like, drag: false);
        var pin = new FiringPinImpression(MakeModelCatalogue.RugerSr9Like, draw);
        var centre = pin.At(draw.PinOffsetXUm, draw.PinOffsetYUm);

        Assert.Multiple(() =>
        {
            Assert.That(centre.InCrater, Is.True);
            Assert.That(centre.HeightUm, Is.EqualTo(draw.FlowbackUm - draw.CraterDepthUm).Within(1e-6));
            Assert.That(pin.At(draw.PinOffsetXUm + 1_500, draw.PinOffsetYUm).HeightUm, Is.Zero, "the breech-face annulus is left to the breech face");
        });
    }

    [Test]
    public void At_EllipticalPin_LeavesACraterWiderThanItIsTall()
    {
        var model = MakeModelCatalogue.Glock17Like;
        var draw = Draw(model, drag: false);
        var pin = new FiringPinImpression(model, draw);
        var offset = 0.8 * model.CraterHalfWidthUm;

        Assert.Multiple(() =>
        {
            Assert.That(pin.At(draw.PinOffsetXUm + offset, draw.PinOffsetYUm).InCrater, Is.True);
            Assert.That(pin.At(draw.PinOffsetXUm, draw.PinOffsetYUm + offset).InCrater, Is.False);
            Assert.That(pin.At(draw.PinOffsetXUm, draw.PinOffsetYUm + offset).ApertureNorm, Is.LessThan(1), "flowback fills the rectangular hole");
        });
    }

    [Test]
    public void At_DragMark_IsAGrooveOnOneSideOnly()
    {
        var model = MakeModelCatalogue.Glock17Like;
        var draw = Draw(model, drag: true);
        var pin = new FiringPinImpression(model, draw);
        var (sin, cos) = Math.SinCos(draw.DragDirectionRad);
        var reach = Math.Sqrt(model.CraterHalfWidthUm * model.CraterHalfHeightUm) + 100;

        var along = pin.At(draw.PinOffsetXUm + (reach * cos), draw.PinOffsetYUm + (reach * sin));
        var opposite = pin.At(draw.PinOffsetXUm - (reach * cos), draw.PinOffsetYUm - (reach * sin));

        Assert.That(along.HeightUm, Is.LessThan(opposite.HeightUm - (0.5 * draw.DragDepthUm)));
    }

    private static FiringDraw Draw(MakeModel model, bool drag)
    {
        var number = Enumerable.Range(1, 200).First(n => ManufacturingPlan.Locate(8, n).MakeModel == model);
        var firearm = Firearm.Create(8, number, Difficulty.Easy);
        return FiringDraw.Draw(firearm, 1, AmmunitionCatalogue.Federal, 8, FiringOptions.Easy) with { HasDrag = drag };
    }
}
