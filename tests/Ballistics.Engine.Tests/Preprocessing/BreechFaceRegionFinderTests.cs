using Ballistics.Engine.Preprocessing;
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

        var found = BreechFaceRegionFinder.Find(grid, new BreechFaceRegionOptions(), notes);

        Assert.That(found, Is.Not.Null, string.Join("; ", notes));
        var c = found!.Value;
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
}
