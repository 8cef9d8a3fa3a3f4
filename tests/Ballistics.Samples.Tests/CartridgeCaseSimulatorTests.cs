using System.Globalization;

namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class CartridgeCaseSimulatorTests
{
    private const int Seed = 2024;

    /// <summary>Breech-face annulus in the impression frame: clear of the firing-pin hole and of the primer rim.</summary>
    private const double InnerRadiusUm = 1_100;

    private const double OuterRadiusUm = 1_950;

    private List<SimulatedFiring> _easy = [];
    private List<SimulatedFiring> _hard = [];
    private Dictionary<string, int> _hardGroups = [];

    [OneTimeSetUp]
    public void FireSmallSets()
    {
        _easy = FireAll(Difficulty.Easy, firearms: 5, fires: 3, out _);
        _hard = FireAll(Difficulty.Hard, firearms: 5, fires: 2, out _hardGroups);
    }

    [Test]
    public void Fire_SameFirearm_CorrelatesFarMoreThanDifferentFirearms()
    {
        var (same, different) = PairCorrelations(_easy);

        TestContext.Out.WriteLine(Describe("easy same firearm", same));
        TestContext.Out.WriteLine(Describe("easy different firearms", different));
        Assert.Multiple(() =>
        {
            Assert.That(same.Min(), Is.GreaterThan(different.Max()), "every same-firearm pair beats every different-firearm pair");
            Assert.That(same.Average(), Is.GreaterThan(0.5));
            Assert.That(different.Average(), Is.LessThan(0.2));
        });
    }

    [Test]
    public void Fire_HardDifficulty_SharesSubclassMarksWithinAGroup()
    {
        var maps = _hard.Select(ImpressionAlignment.BandPassedImpression).ToList();
        var same = new List<double>();
        var sameGroup = new List<double>();
        var otherGroup = new List<double>();
        for (var a = 0; a < _hard.Count; a++)
        {
            for (var b = a + 1; b < _hard.Count; b++)
            {
                var r = ImpressionAlignment.Correlation(maps[a], maps[b], InnerRadiusUm, OuterRadiusUm);
                if (_hard[a].FirearmId == _hard[b].FirearmId)
                {
                    same.Add(r);
                    TestContext.Out.WriteLine($"{_hard[a].FirearmId} ({_hard[a].MakeModel}) {_hard[a].Ammo} vs {_hard[b].Ammo}: {r:F3}");
                }
                else if (_hardGroups[_hard[a].FirearmId] == _hardGroups[_hard[b].FirearmId])
                {
                    sameGroup.Add(r);
                }
                else
                {
                    otherGroup.Add(r);
                }
            }
        }

        TestContext.Out.WriteLine(Describe("hard same firearm", same));
        TestContext.Out.WriteLine(Describe("hard same group, different firearm", sameGroup));
        TestContext.Out.WriteLine(Describe("hard different group", otherGroup));
        Assert.Multiple(() =>
        {
            Assert.That(same.Average(), Is.GreaterThan(sameGroup.Average()), "the firearm's own marks still tell it from its group");
            Assert.That(sameGroup.Average(), Is.GreaterThan(otherGroup.Average() + 0.15), "consecutively made firearms share subclass marks");
            Assert.That(otherGroup.Average(), Is.LessThan(0.25));
        });
    }

    [Test]
    public void Fire_HardDifficulty_IsHarderThanEasy()
    {
        var easySame = PairCorrelations(_easy).Same.Average();
        var hardSame = PairCorrelations(_hard).Same.Average();
        var easyMissing = _easy.Average(f => MissingFractionInAnnulus(f));
        var hardMissing = _hard.Average(f => MissingFractionInAnnulus(f));

        TestContext.Out.WriteLine($"same-firearm correlation easy {easySame:F3} hard {hardSame:F3}; missing in annulus easy {easyMissing:P2} hard {hardMissing:P2}");
        Assert.Multiple(() =>
        {
            Assert.That(hardSame, Is.LessThan(easySame));
            Assert.That(hardMissing, Is.GreaterThan(easyMissing));
        });
    }

    [Test]
    public void Fire_Impression_IsTheMirroredNegativeOfTheBreechFace()
    {
        var firearm = Firearm.Create(Seed, 1, Difficulty.Easy);
        var scan = ImpressionAlignment.BandPassedImpression(CartridgeCaseSimulator.Fire(firearm, 1, "Federal", Seed));

        var physical = ImpressionAlignment.Correlation(scan, ImpressionAlignment.BandPassedBreechFace(firearm, mirrored: true, negative: true), InnerRadiusUm, OuterRadiusUm);
        var unmirrored = ImpressionAlignment.Correlation(scan, ImpressionAlignment.BandPassedBreechFace(firearm, mirrored: false, negative: true), InnerRadiusUm, OuterRadiusUm);
        var positive = ImpressionAlignment.Correlation(scan, ImpressionAlignment.BandPassedBreechFace(firearm, mirrored: true, negative: false), InnerRadiusUm, OuterRadiusUm);

        TestContext.Out.WriteLine($"mirrored negative {physical:F3}, not mirrored {unmirrored:F3}, mirrored positive {positive:F3}");
        Assert.Multiple(() =>
        {
            Assert.That(physical, Is.GreaterThan(0.6));
            Assert.That(Math.Abs(unmirrored), Is.LessThan(0.2));
            Assert.That(positive, Is.LessThan(-0.6));
        });
    }

    [Test]
    public void Fire_SameInputs_GivesBitEqualSurfaces()
    {
        var firearm = Firearm.Create(Seed, 2, Difficulty.Hard);
        var first = CartridgeCaseSimulator.Fire(firearm, 3, "CCI", Seed);
        var second = CartridgeCaseSimulator.Fire(Firearm.Create(Seed, 2, Difficulty.Hard), 3, "CCI", Seed);

        Assert.Multiple(() =>
        {
            Assert.That(second.Surface.ValuesBitEqual(first.Surface), Is.True);
            Assert.That(second.Pose, Is.EqualTo(first.Pose));
            Assert.That(second.Surface.Metadata, Is.EqualTo(first.Surface.Metadata));
        });
    }

    [Test]
    public void Fire_NextShot_IsADifferentPlacement()
    {
        var shots = _easy.Where(f => f.FirearmId == "F0001").ToList();

        Assert.That(shots.Select(f => f.RotationDeg).Distinct().Count(), Is.EqualTo(shots.Count));
        Assert.That(shots[1].Surface.ValuesBitEqual(shots[0].Surface), Is.False);
    }

    [Test]
    public void Fire_HeightsAndSteps_AreRealistic()
    {
        foreach (var firing in _easy.Concat(_hard))
        {
            var surface = firing.Surface;
            var crater = HeightNear(firing, firing.FiringPinCentreXUm, firing.FiringPinCentreYUm, 60);
            var primer = MedianInRing(firing, firing.FiringPinCentreXUm, firing.FiringPinCentreYUm, InnerRadiusUm, OuterRadiusUm);
            var caseHead = MedianInRing(firing, firing.PrimerCentreXUm, firing.PrimerCentreYUm, firing.PrimerRadiusUm + 100, firing.PrimerRadiusUm + 200);
            var annulus = ImpressionAlignment.BandPassedImpression(firing).Where((v, k) => !float.IsNaN(v) && InAnnulus(k)).ToArray();
            var markRms = Math.Sqrt(annulus.Average(v => (double)v * v));
            var label = $"{firing.FirearmId} fire {firing.FireIndex}";

            Assert.Multiple(() =>
            {
                Assert.That(surface.LateralStepXUm, Is.InRange(6.0, 7.5), label);
                Assert.That(surface.LateralStepYUm, Is.EqualTo(surface.LateralStepXUm), label);
                Assert.That(surface.Width, Is.InRange(650, 820), label);
                Assert.That(surface.Height, Is.InRange(634, 820), label);
                Assert.That(surface.WidthUm, Is.GreaterThan(2 * (firing.PrimerRadiusUm + 100)), label + ": the whole primer and some case head are in frame");
                Assert.That(primer - crater, Is.InRange(90.0, 230.0), label + ": firing-pin crater depth");
                Assert.That(primer - caseHead, Is.InRange(10.0, 100.0), label + ": case head is a lower plateau");
                Assert.That(markRms, Is.InRange(0.2, 3.0), label + ": band-passed breech-face marks (µm)");
            });
        }
    }

    [Test]
    public void Fire_MissingPoints_AreInTheExpectedRange()
    {
        foreach (var firing in _easy.Concat(_hard))
        {
            var statistics = firing.Surface.Statistics();
            var annulusMissing = MissingFractionInAnnulus(firing);
            var maxAnnulusMissing = firing.Difficulty == Difficulty.Easy ? 0.03 : 0.08;

            Assert.Multiple(() =>
            {
                // The square frame outside the scanned disc alone is ~24 %; walls, the pocket gap and dropouts add the rest.
                Assert.That(1 - statistics.ValidFraction, Is.InRange(0.22, 0.40), firing.FirearmId);
                Assert.That(annulusMissing, Is.InRange(0.0001, maxAnnulusMissing), firing.FirearmId);
            });
        }
    }

    [Test]
    public void Fire_RotationTruth_CoversTheFullCircle()
    {
        var firearm = Firearm.Create(Seed, 3, Difficulty.Easy);
        var rotations = Enumerable.Range(1, 16).Select(i => CartridgeCaseSimulator.Fire(firearm, i, "Remington", Seed).RotationDeg).ToList();
        var all = _easy.Concat(_hard).Select(f => f.RotationDeg).Concat(rotations).ToList();
        var octants = all.Select(r => (int)(r / 45)).Distinct().Count();

        TestContext.Out.WriteLine("rotations: " + string.Join(", ", all.Select(r => r.ToString("F0", CultureInfo.InvariantCulture))));
        Assert.Multiple(() =>
        {
            Assert.That(all, Has.All.InRange(0.0, 360.0));
            Assert.That(octants, Is.EqualTo(8), "every 45° sector of the circle is drawn");
        });
    }

    [Test]
    public void Fire_TranslationTruth_IsTensOfMicrometres()
    {
        foreach (var firing in _easy.Concat(_hard))
        {
            var distance = Math.Sqrt((firing.TranslationXUm * firing.TranslationXUm) + (firing.TranslationYUm * firing.TranslationYUm));
            Assert.That(distance, Is.InRange(10.0, 110.0), firing.FirearmId);
        }
    }

    [Test]
    public void Fire_RelativeTo_MapsOneShotOntoAnother()
    {
        var a = _easy[0];
        var b = _easy[1];
        var relative = b.RelativeTo(a);

        // The firing-pin axis is the impression frame's origin: it must land on the other shot's axis.
        var (x, y) = relative.Apply(a.TranslationXUm, a.TranslationYUm);
        Assert.Multiple(() =>
        {
            Assert.That(x, Is.EqualTo(b.TranslationXUm).Within(1e-9));
            Assert.That(y, Is.EqualTo(b.TranslationYUm).Within(1e-9));
            Assert.That(relative.RotationDeg, Is.EqualTo(RigidTransform.NormaliseDeg(b.RotationDeg - a.RotationDeg)).Within(1e-9));
            Assert.That(() => a.RelativeTo(_easy.First(f => f.FirearmId != a.FirearmId)), Throws.ArgumentException);
        });
    }

    [Test]
    public void Fire_Metadata_DescribesASyntheticScan()
    {
        var firing = _easy[0];
        var metadata = firing.Surface.Metadata;

        Assert.Multiple(() =>
        {
            Assert.That(metadata.Instrument, Is.Not.Null);
            Assert.That(metadata.Instrument!.Manufacturer, Is.Not.Empty);
            Assert.That(metadata.Date, Does.Match(@"^2026-\d\d-\d\dT\d\d:\d\d:\d\d$"));
            Assert.That(metadata.Comment, Does.StartWith("Synthetic"));
            Assert.That(metadata.Comment, Does.Contain($"Seed {Seed}").And.Contain("firearm F0001").And.Contain("fire 1"));
        });
    }

    [Test]
    public void Fire_UnknownAmmunition_IsRejectedWithTheKnownBrands()
    {
        var firearm = Firearm.Create(Seed, 1, Difficulty.Easy);

        Assert.Multiple(() =>
        {
            Assert.That(() => CartridgeCaseSimulator.Fire(firearm, 1, "Acme", Seed), Throws.ArgumentException.With.Message.Contains("Federal"));
            Assert.That(() => CartridgeCaseSimulator.Fire(firearm, 0, "Federal", Seed), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    private static List<SimulatedFiring> FireAll(Difficulty difficulty, int firearms, int fires, out Dictionary<string, int> groups)
    {
        var firings = new List<SimulatedFiring>();
        groups = [];
        for (var n = 1; n <= firearms; n++)
        {
            var firearm = Firearm.Create(Seed, n, difficulty);
            groups[firearm.Id] = firearm.GroupNumber;
            for (var fire = 1; fire <= fires; fire++)
            {
                var ammo = AmmunitionCatalogue.ChooseFor(Seed, n, fire, difficulty);
                firings.Add(CartridgeCaseSimulator.Fire(firearm, fire, ammo.Name, Seed));
            }
        }

        return firings;
    }

    private static (List<double> Same, List<double> Different) PairCorrelations(List<SimulatedFiring> firings)
    {
        var maps = firings.Select(ImpressionAlignment.BandPassedImpression).ToList();
        var same = new List<double>();
        var different = new List<double>();
        for (var a = 0; a < firings.Count; a++)
        {
            for (var b = a + 1; b < firings.Count; b++)
            {
                var r = ImpressionAlignment.Correlation(maps[a], maps[b], InnerRadiusUm, OuterRadiusUm);
                (firings[a].FirearmId == firings[b].FirearmId ? same : different).Add(r);
            }
        }

        return (same, different);
    }

    private static string Describe(string what, List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: n={values.Count} mean={values.Average():F3} min={values.Min():F3} max={values.Max():F3}");

    private static bool InAnnulus(int k)
    {
        var size = ImpressionAlignment.Size;
        var c = size / 2;
        var r = Math.Sqrt((((k % size) - c) * ((k % size) - c)) + (((k / size) - c) * ((k / size) - c))) * ImpressionAlignment.StepUm;
        return r is >= InnerRadiusUm and <= OuterRadiusUm;
    }

    private static double MissingFractionInAnnulus(SimulatedFiring firing)
    {
        long total = 0;
        long missing = 0;
        Visit(firing, firing.FiringPinCentreXUm, firing.FiringPinCentreYUm, InnerRadiusUm, OuterRadiusUm, v =>
        {
            total++;
            missing += float.IsNaN(v) ? 1 : 0;
        });
        return (double)missing / total;
    }

    private static double HeightNear(SimulatedFiring firing, double xUm, double yUm, double radiusUm) =>
        MedianInRing(firing, xUm, yUm, 0, radiusUm);

    private static double MedianInRing(SimulatedFiring firing, double xUm, double yUm, double innerUm, double outerUm)
    {
        var values = new List<float>();
        Visit(firing, xUm, yUm, innerUm, outerUm, v =>
        {
            if (!float.IsNaN(v))
            {
                values.Add(v);
            }
        });
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>Every scan point within a ring about a position given in scan micrometres.</summary>
    private static void Visit(SimulatedFiring firing, double xUm, double yUm, double innerUm, double outerUm, Action<float> visit)
    {
        var s = firing.Surface;
        for (var row = 0; row < s.Height; row++)
        {
            var y = ((row - ((s.Height - 1) / 2.0)) * s.LateralStepYUm) - yUm;
            for (var column = 0; column < s.Width; column++)
            {
                var x = ((column - ((s.Width - 1) / 2.0)) * s.LateralStepXUm) - xUm;
                var r = Math.Sqrt((x * x) + (y * y));
                if (r >= innerUm && r <= outerUm)
                {
                    visit(s[column, row]);
                }
            }
        }
    }
}
