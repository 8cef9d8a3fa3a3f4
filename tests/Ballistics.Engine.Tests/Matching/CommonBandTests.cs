using Ballistics.Engine.Comparison;
using Ballistics.Engine.Diagnostics;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Scoring;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Matching;

/// <summary>
/// A scan another lab's pipeline filtered keeps almost no relief beyond its long cut-off; compared with a raw scan, the
/// pair is measured in the band both hold.
/// </summary>
[TestFixture]
public sealed class CommonBandTests
{
    private const int Seed = 31;

    private static readonly Lazy<BreechFaceMatcher> Matcher = new(() => new BreechFaceMatcher(ScoreModel.LoadDefault()));

    private static PreparedScan Scan(int fireIndex, ScanLayout layout) =>
        Matcher.Value.Prepare(CartridgeCaseSimulator.Fire(Firearm.Create(Seed, 1, Difficulty.Easy), fireIndex, "Federal", Seed, new ScanConditions { Layout = layout }).Surface);

    [Test]
    public void LongWaveShare_ScanFilteredByAnotherLab_HoldsLessThanHalfOfARawScans()
    {
        var probeUm = CommonBandOptions.Default.ProbeCutoffUm;

        var raw = Scan(1, ScanLayout.Raw).LongWaveShare(probeUm);
        var processed = Scan(2, ScanLayout.Processed).LongWaveShare(probeUm);

        TestContext.Out.WriteLine($"beyond {probeUm} µm: raw {raw:0.000}, processed {processed:0.000}");
        Assert.That(raw, Is.InRange(0.0, 1.0));
        Assert.That(processed, Is.LessThan(CommonBandOptions.Default.MaxShareRatio * raw));
    }

    [Test]
    public void Narrowed_HighPassed_KeepsThePointsAndLosesTheLongWaves()
    {
        var scan = Scan(1, ScanLayout.Raw);
        var cutoffUm = CommonBandOptions.Default.LongCutoffUm;

        var narrowed = scan.Narrowed(cutoffUm);

        Assert.That(narrowed.Surface.Statistics().ValidPoints, Is.EqualTo(scan.Surface.Statistics().ValidPoints));
        Assert.That(narrowed.LongWaveShare(CommonBandOptions.Default.ProbeCutoffUm), Is.LessThan(0.5 * scan.LongWaveShare(CommonBandOptions.Default.ProbeCutoffUm)));
        Assert.That(scan.Narrowed(cutoffUm), Is.SameAs(narrowed), "built once");
    }

    [Test]
    public void Compare_RawAgainstProcessed_MeasuredInTheCommonBand()
    {
        var matcher = Matcher.Value;
        var raw = Scan(1, ScanLayout.Raw);
        var processed = Scan(2, ScanLayout.Processed);
        var unnarrowed = new BreechFaceMatcher(matcher.Model, comparison: ComparisonOptions.Default with { CommonBand = new CommonBandOptions { LongCutoffUm = 0 } });

        var result = matcher.Compare(raw, processed);
        var plain = unnarrowed.Compare(raw, processed);

        TestContext.Out.WriteLine($"common band: score {result.Score:0.000} ccf {result.Ccf:0.000}; prepared bands: score {plain.Score:0.000} ccf {plain.Ccf:0.000}");
        Assert.That(result.CommonBandLongCutoffUm, Is.EqualTo(CommonBandOptions.Default.LongCutoffUm));
        Assert.That(plain.CommonBandLongCutoffUm, Is.Null);
        Assert.That(result.Registration.RotationDeg, Is.EqualTo(plain.Registration.RotationDeg).Within(1), "the same pose");
        Assert.That(result.Ccf, Is.GreaterThan(plain.Ccf), "the band only the raw scan holds no longer dilutes the correlation");
    }

    [Test]
    public void Compare_TwoRawScans_KeepTheirPreparedBand()
    {
        var result = Matcher.Value.Compare(Scan(1, ScanLayout.Raw), Scan(2, ScanLayout.Raw));

        Assert.That(result.CommonBandLongCutoffUm, Is.Null);
    }

    [Test]
    public void Diagnostics_PairMeasuredInTheCommonBand_DrawnInIt()
    {
        var raw = Scan(1, ScanLayout.Raw);
        var processed = Scan(2, ScanLayout.Processed);
        var result = Matcher.Value.Compare(raw, processed);

        var drawn = ComparisonDiagnostics.Of(raw, processed, result);
        var asPrepared = ComparisonDiagnostics.Of(raw, processed, result with { CommonBandLongCutoffUm = null });

        Assert.That(result.CommonBandLongCutoffUm, Is.Not.Null);
        Assert.That(drawn.Image("reference")!.Png, Is.Not.EqualTo(asPrepared.Image("reference")!.Png), "the relief shown is the one compared");
        Assert.That(drawn.Cells, Has.Count.EqualTo(asPrepared.Cells.Count));
    }

    [Test]
    public void CommonBandOptions_OutOfRange_Refused()
    {
        Assert.That(() => new CommonBandOptions { LongCutoffUm = -1 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(CommonBandOptions.LongCutoffUm)));
        Assert.That(() => new CommonBandOptions { MaxShareRatio = 1.5 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(CommonBandOptions.MaxShareRatio)));
        Assert.That(() => new CommonBandOptions { ProbeCutoffUm = 0 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(CommonBandOptions.ProbeCutoffUm)));
    }
}
