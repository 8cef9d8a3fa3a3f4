using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Tests.Comparison;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Scoring;

[TestFixture]
public sealed class RegionFusionTests
{
    private static readonly ScanConditions CraterAsData = new() { Crater = CraterRendering.Data, Layout = ScanLayout.Raw, DropoutFraction = 0.02 };

    private static PreparedScan Raw(BreechFaceMatcher matcher, int firearm, int fire) =>
        matcher.Prepare(CartridgeCaseSimulator.Fire(Firearm.Create(13, firearm, Difficulty.Hard), fire, "Federal", 13, CraterAsData).Surface);

    [Test]
    public void Default_Embedded_Loads()
    {
        Assert.That(RegionFusion.Default, Is.Not.Null);
        Assert.That(RegionFusion.Default!.Version, Does.StartWith("fp lightgbm-").And.Contain(" shear lightgbm-").And.Contain(" fusion lightgbm-"));
    }

    [Test]
    public void Combine_NoFiringPinScore_BreechFaceScoreUnchanged()
    {
        Assert.That(RegionFusion.Default!.Combine(0.4321, null, 3), Is.EqualTo(0.4321));
    }

    [Test]
    public void Compare_ProcessedScans_ScoreIsTheBreechFacesAsBefore()
    {
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var a = matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"));
        var b = matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"));

        var result = matcher.Compare(a, b);

        Assert.That(result.FiringPin.Status, Is.EqualTo(RegionComparisonStatus.Absent));
        Assert.That(result.ScoreFp, Is.Null);
        Assert.That(result.Score, Is.EqualTo(result.ScoreBf));
        Assert.That(result.AlgorithmVersion, Does.Not.Contain("fusion"), "no fusion was asked");
    }

    [Test]
    public void Compare_RawScansOfOneBatch_FiringPinScoresSameFirearmHigher()
    {
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var first = Raw(matcher, 1, 1);

        var same = matcher.Compare(first, Raw(matcher, 1, 2));
        var other = matcher.Compare(first, Raw(matcher, 2, 1));

        Assert.That(same.ScoreFp, Is.Not.Null, same.FiringPin.Reason);
        Assert.That(other.ScoreFp, Is.Not.Null, other.FiringPin.Reason);
        Assert.That(same.ScoreFp, Is.GreaterThan(other.ScoreFp));
        Assert.That(same.Score, Is.GreaterThan(other.Score));
        Assert.That(same.AlgorithmVersion, Does.Contain(RegionFusion.Default!.Version));
    }

    [Test]
    public void Load_ScoreModelAsFusion_InvalidDataNamingIt()
    {
        using var stream = typeof(ScoreModel).Assembly.GetManifestResourceStream(ScoreModel.DefaultResourceName)!;
        using var shear = typeof(ScoreModel).Assembly.GetManifestResourceStream(RegionFusion.ShearResourceName)!;
        using var fusion = typeof(ScoreModel).Assembly.GetManifestResourceStream(RegionFusion.FusionResourceName)!;

        Assert.That(() => RegionFusion.Load(stream, shear, fusion), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("firing-pin score model"));
    }
}
