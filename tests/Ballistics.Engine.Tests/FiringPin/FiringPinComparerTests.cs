using Ballistics.Engine.Comparison;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.FiringPin;

[TestFixture]
public sealed class FiringPinComparerTests
{
    private static readonly ScanConditions CraterAsData = new() { Crater = CraterRendering.Data, Layout = ScanLayout.Raw, DropoutFraction = 0.02 };

    private static FiringPinRegion PinOf(int firearm, int fire) =>
        Preprocessor.Prepare(CartridgeCaseSimulator.Fire(Firearm.Create(11, firearm, Difficulty.Hard), fire, "Federal", 11, CraterAsData).Surface).FiringPin;

    [Test]
    public void Compare_SameFirearmAgainstAnotherOfItsBatch_SameCorrelatesMore()
    {
        var comparer = new FiringPinComparer(FiringPinComparisonOptions.Default);
        var first = PinOf(1, 1);
        var again = PinOf(1, 2);
        var other = PinOf(2, 1);

        // No breech-face angle to start from: the polar correlation about the axes must find the turn alone.
        var same = comparer.Compare(first, again, Registration.Failed("not given"));
        var different = comparer.Compare(first, other, Registration.Failed("not given"));

        Assert.That(same.Status, Is.EqualTo(RegionComparisonStatus.Compared), same.Reason);
        Assert.That(different.Status, Is.EqualTo(RegionComparisonStatus.Compared), different.Reason);
        Assert.That(same.Ncc, Is.GreaterThan(different.Ncc + 0.05));
        Assert.That(same.AngleFromBreechFaceDeg, Is.Null, "no breech-face angle, no agreement to report");
    }

    [Test]
    public void Compare_SameFirearm_TipRingsCorrelateMoreThanAnotherPins()
    {
        var comparer = new FiringPinComparer(FiringPinComparisonOptions.Default);
        var first = PinOf(1, 1);

        var same = comparer.Compare(first, PinOf(1, 2), Registration.Failed("not given"));
        var different = comparer.Compare(first, PinOf(2, 1), Registration.Failed("not given"));

        Assert.That(same.RingNcc, Is.GreaterThan(0.3));
        Assert.That(same.RingNcc, Is.GreaterThan(different.RingNcc!.Value + 0.2));
        Assert.That(same.RingStrength, Is.GreaterThan(0));
    }

    [Test]
    public void Compare_ImpressionWithItself_FullCorrelationAtNoTurn()
    {
        var pin = PinOf(3, 1);

        var result = new FiringPinComparer(FiringPinComparisonOptions.Default).Compare(pin, pin, new Registration(0, 0, 0, 1, 1));

        Assert.That(result.Ncc, Is.EqualTo(1).Within(1e-3));
        Assert.That(result.RotationDeg, Is.EqualTo(0).Within(0.01));
        Assert.That(result.AngleFromBreechFaceDeg, Is.EqualTo(0).Within(0.01));
    }

    [Test]
    public void Compare_OneScanWithoutImpression_AbsentNamingWhich()
    {
        var absent = FiringPinRegion.Absent("the scan holds the breech face only");

        var result = new FiringPinComparer(FiringPinComparisonOptions.Default).Compare(PinOf(3, 1), absent, Registration.Failed("not given"));

        Assert.That(result.Status, Is.EqualTo(RegionComparisonStatus.Absent));
        Assert.That(result.Reason, Is.EqualTo("B: the scan holds the breech face only"));
        Assert.That(result.Ncc, Is.Zero);
    }

    [Test]
    public void Compare_OneFailed_FailedWithReason()
    {
        var failed = FiringPinRegion.Failed("only 12 measured points", null);

        var result = new FiringPinComparer(FiringPinComparisonOptions.Default).Compare(failed, PinOf(3, 1), Registration.Failed("not given"));

        Assert.That(result.Status, Is.EqualTo(RegionComparisonStatus.Failed));
        Assert.That(result.Reason, Does.StartWith("A: only 12"));
    }
}
