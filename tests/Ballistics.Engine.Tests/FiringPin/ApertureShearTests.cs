using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.FiringPin;

[TestFixture]
public sealed class ApertureShearTests
{
    private const int Seed = 11;

    private static readonly ScanConditions Raw = new() { Crater = CraterRendering.Data, Layout = ScanLayout.Raw, DropoutFraction = 0.02 };

    /// <summary>The first firearms of the seed whose firing-pin hole shears the primer (a trait of the gun).</summary>
    private static int[] Shearing(int count) =>
        [.. Enumerable.Range(1, 40).Where(n => Firearm.Create(Seed, n, Difficulty.Easy).PinMarks.Shears).Take(count)];

    private static ApertureShearRegion BandOf(int firearm, int fire) =>
        Preprocessor.Prepare(CartridgeCaseSimulator.Fire(Firearm.Create(Seed, firearm, Difficulty.Easy), fire, "Federal", Seed, Raw).Surface).FiringPin.Shear;

    /// <summary>The turn that lays B's scan on A's: the generator's rotations, as the breech face registers them.</summary>
    private static double TurnOf(int firearm, int fireA, int fireB)
    {
        var a = CartridgeCaseSimulator.Fire(Firearm.Create(Seed, firearm, Difficulty.Easy), fireA, "Federal", Seed, Raw).RotationDeg;
        var b = CartridgeCaseSimulator.Fire(Firearm.Create(Seed, firearm, Difficulty.Easy), fireB, "Federal", Seed, Raw).RotationDeg;
        return b - a;
    }

    [Test]
    public void Prepare_RawScan_BandFoundAboutTheCrater()
    {
        var band = BandOf(Shearing(1)[0], 1);

        Assert.That(band.Status, Is.EqualTo(FiringPinStatus.Found), band.Reason);
        Assert.That(band.Band!.Points, Is.GreaterThanOrEqualTo(new ApertureShearOptions().MinPoints));
        Assert.That(band.Band.Surface.LateralStepXUm, Is.EqualTo(new ApertureShearOptions().StepUm));
    }

    [Test]
    public void Prepare_ProcessedScan_BandAbsentWithReason()
    {
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(Seed, 1, Difficulty.Easy), 1, "Federal", Seed, new ScanConditions { Layout = ScanLayout.Processed });

        var band = Preprocessor.Prepare(firing.Surface).FiringPin.Shear;

        Assert.That(band.Status, Is.EqualTo(FiringPinStatus.Absent));
        Assert.That(band.Reason, Is.Not.Empty);
    }

    [Test]
    public void Compare_BandWithItself_FullCorrelationNoOffset()
    {
        var band = BandOf(Shearing(1)[0], 1);

        var result = new ApertureShearComparer(ApertureShearComparisonOptions.Default).Compare(band, band, 0);

        Assert.That(result.Status, Is.EqualTo(RegionComparisonStatus.Compared), result.Reason);
        Assert.That(result.Ncc, Is.EqualTo(1).Within(1e-9));
        Assert.That(result.OffsetUm, Is.Zero);
        Assert.That(result.OverlapUm, Is.GreaterThan(ApertureShearComparisonOptions.Default.MinOverlapUm));
    }

    [Test]
    public void Compare_SameShearingFirearm_CorrelatesMoreThanAnother()
    {
        var firearms = Shearing(2);
        var comparer = new ApertureShearComparer(ApertureShearComparisonOptions.Default);
        var first = BandOf(firearms[0], 1);

        var same = comparer.Compare(first, BandOf(firearms[0], 2), TurnOf(firearms[0], 1, 2));
        var different = comparer.Compare(first, BandOf(firearms[1], 1), 0);

        Assert.That(same.Status, Is.EqualTo(RegionComparisonStatus.Compared), same.Reason);
        Assert.That(different.Status, Is.EqualTo(RegionComparisonStatus.Compared), different.Reason);
        Assert.That(same.Ncc, Is.GreaterThan(different.Ncc + 0.1));
    }

    [Test]
    public void Compare_NoTurn_FailedSayingSo()
    {
        var band = BandOf(Shearing(1)[0], 1);

        var result = new ApertureShearComparer(ApertureShearComparisonOptions.Default).Compare(band, band, null);

        Assert.That(result.Status, Is.EqualTo(RegionComparisonStatus.Failed));
        Assert.That(result.Reason, Does.Contain("no turn"));
        Assert.That(result.Ncc, Is.Zero);
    }

    [Test]
    public void Compare_OneAbsent_AbsentNamingWhich()
    {
        var absent = ApertureShearRegion.Absent("the scan holds the breech face only");

        var result = new ApertureShearComparer(ApertureShearComparisonOptions.Default).Compare(absent, BandOf(Shearing(1)[0], 1), 0);

        Assert.That(result.Status, Is.EqualTo(RegionComparisonStatus.Absent));
        Assert.That(result.Reason, Is.EqualTo("A: the scan holds the breech face only"));
    }

    [Test]
    public void Options_ShortCutoffAboveLong_Refused()
    {
        Assert.That(
            () => PreprocessOptions.Default with { ApertureShear = new ApertureShearOptions { ShortCutoffUm = 80, LongCutoffUm = 60 } },
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("aperture shear"));
    }
}
