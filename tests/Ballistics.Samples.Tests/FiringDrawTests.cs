namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class FiringDrawTests
{
    private static readonly Firearm Gun = Firearm.Create(31, 1, Difficulty.Easy);

    [Test]
    public void ScanToGun_IsTheInverseOfGunToScan()
    {
        var draw = FiringDraw.Draw(Gun, 2, AmmunitionCatalogue.Federal, 31, FiringOptions.Easy);
        var (u, v) = draw.ScanToGun(-812.5, 431.25);
        var (x, y) = draw.GunToScan(u, v);

        Assert.Multiple(() =>
        {
            Assert.That(x, Is.EqualTo(-812.5).Within(1e-9));
            Assert.That(y, Is.EqualTo(431.25).Within(1e-9));
        });
    }

    [Test]
    public void GunToScan_AgreesWithThePublishedPose()
    {
        // The pose maps the impression frame (the breech face mirrored in X) into the scan.
        var draw = FiringDraw.Draw(Gun, 4, AmmunitionCatalogue.Winchester, 31, FiringOptions.Easy);
        var pose = new RigidTransform(draw.RotationRad * 180 / Math.PI, draw.TranslationXUm, draw.TranslationYUm);
        var (x, y) = draw.GunToScan(300, -120);
        var (px, py) = pose.Apply(-300, -120);

        Assert.Multiple(() =>
        {
            Assert.That(px, Is.EqualTo(x).Within(1e-9));
            Assert.That(py, Is.EqualTo(y).Within(1e-9));
        });
    }

    [Test]
    public void Draw_ManyShots_StayWithinTheirRanges()
    {
        var draws = Enumerable.Range(1, 300).Select(i => FiringDraw.Draw(Gun, i, AmmunitionCatalogue.Remington, 31, FiringOptions.Hard)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(draws.Select(d => d.StepUm), Has.All.InRange(6.0, 7.5));
            Assert.That(draws.Select(d => d.Width), Has.All.InRange(650, 820));
            Assert.That(draws.Select(d => d.CraterDepthUm), Has.All.InRange(90.0, 230.0));
            Assert.That(draws.Select(d => d.Transfer), Has.All.InRange(0.1, 1.0));
            Assert.That(draws.Select(d => d.RotationRad * 180 / Math.PI), Has.All.InRange(0.0, 360.0));
            Assert.That(draws.Select(d => (int)(d.RotationRad * 180 / Math.PI / 30)).Distinct().Count(), Is.EqualTo(12), "every 30° of the circle");
            Assert.That(draws.Count(d => d.PartialContact) / 300.0, Is.EqualTo(FiringOptions.Hard.Contact.PartialContactProbability).Within(0.08));
            Assert.That(draws.Select(d => d.Instrument).Distinct().Count(), Is.EqualTo(InstrumentProfile.All.Count));
        });
    }
}
