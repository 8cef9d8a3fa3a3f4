namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class ScanConditionsTests
{
    private const int Seed = 31;

    private static readonly Firearm Gun = Firearm.Create(Seed, 2, Difficulty.Hard);

    private static SimulatedFiring Fire(ScanConditions? conditions) => CartridgeCaseSimulator.Fire(Gun, 1, "Federal", Seed, conditions);

    private static int Unmeasured(SimulatedFiring firing) => firing.Surface.Values.ToArray().Count(v => !float.IsFinite(v));

    [Test]
    public void Fire_NoConditions_SameBitsAsBefore()
    {
        var plain = CartridgeCaseSimulator.Fire(Gun, 1, "Federal", Seed);

        Assert.That(Fire(ScanConditions.None).Surface.ValuesBitEqual(plain.Surface), Is.True, "a corpus without conditions draws exactly as it always did");
    }

    [Test]
    public void Fire_DropoutFraction_LosesThatShareOfTheMeasuredPoints()
    {
        var none = Fire(new ScanConditions { DropoutFraction = 0 });
        var some = Fire(new ScanConditions { DropoutFraction = 0.08, DropoutClustering = 0.5 });

        var measured = none.Surface.Values.Length - Unmeasured(none);
        var lost = Unmeasured(some) - Unmeasured(none);
        Assert.That(lost / (double)measured, Is.EqualTo(0.08).Within(0.01));
    }

    [Test]
    public void Fire_ContactFraction_PartialContactOnEveryShot()
    {
        var half = Fire(new ScanConditions { ContactFraction = 0.5 });
        var full = Fire(new ScanConditions { ContactFraction = 1 });

        Assert.That(half.HasPartialContact, Is.True);
        Assert.That(half.WeakContact?.HalfWidthDeg, Is.EqualTo(90).Within(1e-9), "half the turn barely touched: a sector 180° wide");
        Assert.That(full.HasPartialContact, Is.False);
        Assert.That(full.WeakContact, Is.Null);
    }

    [TestCase(2.5)]
    [TestCase(8)]
    public void Fire_LateralStep_KeepsACaseHeadsFieldOfView(double stepUm)
    {
        var firing = Fire(new ScanConditions { LateralStepUm = stepUm });

        Assert.That(firing.Surface.LateralStepXUm, Is.EqualTo(stepUm));
        Assert.That(firing.Surface.WidthUm, Is.InRange(4_800, 5_600), "the frame is still a case head");
    }

    [Test]
    public void Fire_CraterAsHoles_MoreUnmeasuredThanAsData()
    {
        var holes = Fire(new ScanConditions { Crater = CraterRendering.Holes });
        var data = Fire(new ScanConditions { Crater = CraterRendering.Data });
        var instrument = Fire(ScanConditions.None);

        // A crater of about 0.5 mm radius at 6–7 µm is thousands of points.
        Assert.That(Unmeasured(holes), Is.GreaterThan(Unmeasured(instrument) + 2_000));
        Assert.That(Unmeasured(data), Is.LessThanOrEqualTo(Unmeasured(instrument)));
    }

    [Test]
    public void Fire_ProcessedLayout_AnAnnulusOfBandPassedHeights()
    {
        var firing = Fire(new ScanConditions { Layout = ScanLayout.Processed });

        var valid = firing.Surface.Values.ToArray().Where(float.IsFinite).ToArray();
        Assert.That(valid.Max() - valid.Min(), Is.LessThan(40), "band-passed: no primer step, crater or case head left");
        var centre = firing.Surface[(firing.Surface.Width - 1) / 2, (firing.Surface.Height - 1) / 2];
        Assert.That(float.IsNaN(centre), Is.True, "the firing-pin aperture is cut out");
        Assert.That(valid.Length, Is.GreaterThan(firing.Surface.Values.Length / 5), "the annulus is kept");
    }

    [Test]
    public void Fire_ProcessedWithALongerLabCutoff_KeepsMoreRelief()
    {
        static double Variance(SimulatedFiring firing)
        {
            var valid = firing.Surface.Values.ToArray().Where(float.IsFinite).Select(v => (double)v).ToArray();
            var mean = valid.Average();
            return valid.Sum(v => (v - mean) * (v - mean)) / valid.Length;
        }

        var narrow = Fire(new ScanConditions { Layout = ScanLayout.Processed, LabLongCutoffUm = 150 });
        var usual = Fire(new ScanConditions { Layout = ScanLayout.Processed });
        var wide = Fire(new ScanConditions { Layout = ScanLayout.Processed, LabLongCutoffUm = 800 });
        var rawWide = Fire(new ScanConditions { Layout = ScanLayout.Raw, LabLongCutoffUm = 800 });

        Assert.That(Variance(narrow), Is.LessThan(Variance(usual)));
        Assert.That(Variance(usual), Is.LessThan(Variance(wide)));
        Assert.That(rawWide.Surface.ValuesBitEqual(Fire(new ScanConditions { Layout = ScanLayout.Raw }).Surface), Is.True, "a raw scan ignores the lab's cut-off");
        Assert.That(() => new ScanConditions { LabLongCutoffUm = 20 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(ScanConditions.LabLongCutoffUm)));
    }

    [Test]
    public void Fire_ElasticWarp_ChangesTheImpressionButNotThePose()
    {
        var rigid = Fire(ScanConditions.None);
        var warped = Fire(new ScanConditions { ElasticWarpUm = 20 });

        Assert.That(warped.Surface.ValuesBitEqual(rigid.Surface), Is.False);
        Assert.That(warped.RotationDeg, Is.EqualTo(rigid.RotationDeg));
    }

    [Test]
    public void With_NameValue_SetsTheKnob()
    {
        var conditions = ScanConditions.None.With("dropout=0.05").With("layout=processed").With("crater = holes").With("subclass=1.2").With("pin_turning=0").With("lab_long_cutoff_um=500");

        Assert.That(conditions.DropoutFraction, Is.EqualTo(0.05));
        Assert.That(conditions.Layout, Is.EqualTo(ScanLayout.Processed));
        Assert.That(conditions.Crater, Is.EqualTo(CraterRendering.Holes));
        Assert.That(conditions.SubclassStrength, Is.EqualTo(1.2));
        Assert.That(conditions.PinTurning, Is.EqualTo(0));
        Assert.That(conditions.LabLongCutoffUm, Is.EqualTo(500));
        Assert.That(conditions.Values(), Has.Count.EqualTo(ScanConditions.Names.Count));
    }

    [TestCase("dropout", "'dropout=': write a condition as NAME=VALUE")]
    [TestCase("colour=red", "'colour' is no condition")]
    [TestCase("noise=loud", "condition noise: 'loud' is not a number")]
    [TestCase("layout=tiff", "condition layout: 'tiff' is none of raw, processed")]
    public void With_BadAssignment_SaysWhatIsWrong(string assignment, string message)
    {
        var thrown = Assert.Throws<FormatException>(() => ScanConditions.None.With(assignment == "dropout" ? "dropout=" : assignment));

        Assert.That(thrown!.Message, Does.Contain(message));
    }

    [Test]
    public void With_OutOfRange_NamesTheKnobAndRange()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => ScanConditions.None.With("step_um=1"));

        Assert.That(thrown!.Message, Does.Contain("LateralStepUm must lie in [2, 8]"));
    }

    [Test]
    public void Generate_RandomConditions_EachScanItsOwnInTheGroundTruthAndReproducible()
    {
        var options = new CorpusOptions { Firearms = 2, FiresPerFirearm = 2, Seed = Seed, Difficulty = Difficulty.Hard, RandomConditions = true, Conditions = new ScanConditions { Layout = ScanLayout.Raw } };

        var a = CorpusGenerator.ConditionsFor(options, 1, 1);
        var b = CorpusGenerator.ConditionsFor(options, 1, 2);

        Assert.That(a, Is.EqualTo(CorpusGenerator.ConditionsFor(options, 1, 1)), "the same draw every time");
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That((a.Layout, b.Layout), Is.EqualTo((ScanLayout.Raw, ScanLayout.Raw)), "a fixed condition stays fixed");
        Assert.That(a.DropoutFraction, Is.InRange(0, 0.1));
        Assert.That(CorpusManifest.GroundTruthHeader, Does.EndWith(string.Join(',', ScanConditions.Names)));
    }

    [Test]
    public void ConditionsFor_Ranges_DrawnPerScanWithinTheRangeAndReproducible()
    {
        var ranges = new[] { ConditionRange.Parse("contact=0.5..0.95"), ConditionRange.Parse("subclass=0..0.3") };
        var options = new CorpusOptions { Firearms = 3, FiresPerFirearm = 3, Seed = Seed, Conditions = new ScanConditions { Layout = ScanLayout.Raw }, Ranges = ranges };

        var draws = Enumerable.Range(1, 3).SelectMany(f => Enumerable.Range(0, 3).Select(k => CorpusGenerator.ConditionsFor(options, f, k))).ToList();

        Assert.That(draws.Select(c => c.ContactFraction), Has.All.InRange(0.5, 0.95));
        Assert.That(draws.Select(c => c.SubclassStrength), Has.All.InRange(0.0, 0.3));
        Assert.That(draws.Select(c => c.ContactFraction).Distinct().Count(), Is.EqualTo(9), "every scan its own draw");
        Assert.That(draws.Select(c => c.Layout), Has.All.EqualTo(ScanLayout.Raw), "a fixed condition stays fixed");
        Assert.That(CorpusGenerator.ConditionsFor(options, 2, 1), Is.EqualTo(draws[4]), "the same draw every time");
    }

    [Test]
    public void ConditionsFor_NoRanges_DrawsAsBefore()
    {
        var plain = new CorpusOptions { Firearms = 2, FiresPerFirearm = 2, Seed = Seed, RandomConditions = true };
        var ranged = plain with { Ranges = [ConditionRange.Parse("noise=1..2")] };

        var before = CorpusGenerator.ConditionsFor(plain, 1, 1);
        var after = CorpusGenerator.ConditionsFor(ranged, 1, 1);

        Assert.That(after with { NoiseScale = before.NoiseScale }, Is.EqualTo(before), "a range draws on a stream of its own and moves only its knob");
        Assert.That(after.NoiseScale, Is.InRange(1.0, 2.0));
    }

    [TestCase("contact=0.5..x", typeof(FormatException), "condition contact: 'x' is not a number")]
    [TestCase("step_um=1..4", typeof(ArgumentOutOfRangeException), "LateralStepUm must lie in [2, 8]")]
    [TestCase("crater=holes..data", typeof(FormatException), "'crater' takes no range")]
    public void ConditionRangeParse_Bad_SaysWhatIsWrong(string assignment, Type error, string message)
    {
        var thrown = Assert.Throws(error, () => ConditionRange.Parse(assignment));

        Assert.That(thrown!.Message, Does.Contain(message));
    }

    [Test]
    public void CorpusOptions_TwoRangesOfOneKnob_Refused()
    {
        var thrown = Assert.Throws<ArgumentException>(() => _ = new CorpusOptions { Ranges = [ConditionRange.Parse("noise=1..2"), ConditionRange.Parse("noise=2..3")] });

        Assert.That(thrown!.Message, Does.Contain("noise is given more than one range"));
    }
}
