using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.FiringPin;

[TestFixture]
public sealed class FiringPinExtractorTests
{
    private static readonly ScanConditions CraterAsData = new() { Crater = CraterRendering.Data, Layout = ScanLayout.Raw, DropoutFraction = 0.02 };

    [Test]
    public void Prepare_GeneratedRawScanWithCrater_FindsImpressionAroundItsAxis()
    {
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(5, 1, Difficulty.Easy), 1, "Federal", 5, CraterAsData);

        var region = Preprocessor.Prepare(firing.Surface).FiringPin;

        Assert.That(region.Status, Is.EqualTo(FiringPinStatus.Found), region.Reason);
        var impression = region.Impression!;
        Assert.That(impression.Points, Is.GreaterThan(PreprocessOptions.Default.FiringPin.MinPoints));
        Assert.That(impression.Surface.LateralStepXUm, Is.EqualTo(PreprocessOptions.Default.FiringPin.StepUm));
        // The axis lies inside the impression, near the middle of what was kept of it.
        Assert.That(Math.Abs(impression.AxisUm.X), Is.LessThan(0.25 * impression.Surface.WidthUm));
        Assert.That(Math.Abs(impression.AxisUm.Y), Is.LessThan(0.25 * impression.Surface.HeightUm));
        // Band-passed: the crater's 100 µm of depth are gone, marks of tenths of a µm stay.
        var stats = impression.Surface.Statistics();
        Assert.That(Math.Max(Math.Abs(stats.Min), Math.Abs(stats.Max)), Is.LessThan(10));
        Assert.That(region.Outline!.Value.Shape, Is.EqualTo(Engine.FiringPin.FiringPinShape.Circular));
    }

    [Test]
    public void Prepare_ProcessedScan_FiringPinAbsentWithReason()
    {
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(5, 1, Difficulty.Easy), 1, "Federal", 5, new ScanConditions { Layout = ScanLayout.Processed });

        var region = Preprocessor.Prepare(firing.Surface).FiringPin;

        Assert.That(region.Status, Is.EqualTo(FiringPinStatus.Absent));
        Assert.That(region.Reason, Does.Contain("breech face only"));
        Assert.That(region.Impression, Is.Null);
    }

    [Test]
    public void Prepare_CraterNotMeasured_FailedAsFloorNotMeasuredWithTheShape()
    {
        // A crater lost whole (as Fadul's raw NanoFocus scans): its rim and flow-back are measured, its floor is not.
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(5, 1, Difficulty.Easy), 1, "Federal", 5, CraterAsData with { Crater = CraterRendering.Holes });

        var region = Preprocessor.Prepare(firing.Surface).FiringPin;

        Assert.That(region.Status, Is.EqualTo(FiringPinStatus.Failed));
        Assert.That(region.Reason, Does.Contain("floor was not measured"));
        Assert.That(region.Impression, Is.Null);
        Assert.That(region.Outline, Is.Not.Null, "the unmeasured hole still outlines the crater");
    }

    [Test]
    public void Prepare_CraterWallsLostFloorKept_FindsImpression()
    {
        // As most instruments see a crater: walls too steep to measure, the floor measured. That floor is the pin's witness.
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(5, 1, Difficulty.Easy), 1, "Federal", 5, CraterAsData with { Crater = CraterRendering.Instrument });

        var region = Preprocessor.Prepare(firing.Surface).FiringPin;

        Assert.That(region.Status, Is.EqualTo(FiringPinStatus.Found), region.Reason);
    }

    [Test]
    public void Options_ShortCutoffAboveLong_Refused()
    {
        Assert.That(
            () => PreprocessOptions.Default with { FiringPin = new FiringPinOptions { ShortCutoffUm = 50, LongCutoffUm = 40 } },
            Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
