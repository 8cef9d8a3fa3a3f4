using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Tests.Comparison;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class BreechFaceRegionFinderTests
{
    [TestCase(11, 1, Difficulty.Easy)]
    [TestCase(11, 2, Difficulty.Hard)]
    [TestCase(23, 5, Difficulty.Hard)]
    [TestCase(37, 3, Difficulty.Hard)]
    [TestCase(41, 7, Difficulty.Easy)]
    [TestCase(5, 1, Difficulty.Hard)]
    [TestCase(101, 4, Difficulty.Hard)]
    public void Find_GeneratedRawScan_RecoversPrimerAndFiringPin(int seed, int firearmNumber, Difficulty difficulty)
    {
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(seed, firearmNumber, difficulty), 2, "Federal", seed);
        var s = firing.Surface;
        var grid = new HeightGrid(s.Values.ToArray(), s.Width, s.Height, s.LateralStepXUm);
        var notes = new List<string>();

        using var found = BreechFaceRegionFinder.Find(grid, new BreechFaceRegionOptions(), notes);

        Assert.That(found, Is.Not.Null, string.Join("; ", notes));
        Assert.That(found!.Aperture, Is.Not.Null, "the crater is an aperture zone");
        var c = found.Circles;
        var step = s.LateralStepXUm;
        double ToUmX(double px) => (px - ((s.Width - 1) / 2.0)) * step;
        double ToUmY(double px) => (px - ((s.Height - 1) / 2.0)) * step;
        Assert.That(ToUmX(c.PrimerCentre.X), Is.EqualTo(firing.PrimerCentreXUm).Within(60), "primer x");
        Assert.That(ToUmY(c.PrimerCentre.Y), Is.EqualTo(firing.PrimerCentreYUm).Within(60), "primer y");
        Assert.That(c.PrimerRadius * step, Is.EqualTo(firing.PrimerRadiusUm).Within(0.05 * firing.PrimerRadiusUm), "primer radius");
        Assert.That(ToUmX(c.PinCentre.X), Is.EqualTo(firing.FiringPinCentreXUm).Within(60), "pin x");
        Assert.That(ToUmY(c.PinCentre.Y), Is.EqualTo(firing.FiringPinCentreYUm).Within(60), "pin y");
        Assert.That(c.PinRadius * step, Is.GreaterThan(0.5 * firing.ApertureRadiusUm), "pin radius");
    }

    [TestCase("raw/fadul_1-1_raw.x3p")]
    [TestCase("raw/fadul_1-2_raw.x3p")]
    public void Find_RawFadulScan_CutsOutCraterAndFlowBackLip(string file)
    {
        // Fadul's raw NanoFocus scans: a crater unmeasured out to about 600 µm, ringed by primer metal that flowed
        // back into the firing-pin aperture, standing 20–80 µm proud of the breech face out to about 1,250 µm.
        var s = TestSurfaces.Shared(file);
        var grid = HeightGrid.Resample(s.Values, s.Width, s.Height, s.LateralStepXUm, s.LateralStepXUm / 10, 0.5, null);
        var notes = new List<string>();

        using var found = BreechFaceRegionFinder.Find(grid, new BreechFaceRegionOptions(), notes);

        Assert.That(found?.Aperture, Is.Not.Null, string.Join("; ", notes));
        var radiusUm = found!.Aperture!.EquivalentRadius * found.CoarseStepUm;
        Assert.That(radiusUm, Is.InRange(700, 1300), "the lip is cut out with the crater, not left as breech face");
        Assert.That(found.Circles.PrimerRadius * grid.StepUm, Is.InRange(1650, 2100));
    }
}
