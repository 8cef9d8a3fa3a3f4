using Ballistics.Ingest.Tables;

namespace Ballistics.Ingest.Tests.Tables;

[TestFixture]
public sealed class WeakContactSectorTests
{
    [Test]
    public void SharedContact_BothFull_WholeTurn()
    {
        Assert.That(WeakContactSector.SharedContact(null, null), Is.EqualTo(1));
    }

    [Test]
    public void SharedContact_OneHalfSector_Half()
    {
        Assert.That(WeakContactSector.SharedContact(new WeakContactSector(40, 90), null), Is.EqualTo(0.5).Within(0.003));
    }

    [Test]
    public void SharedContact_SameHalfSector_Half_OppositeHalves_Nothing()
    {
        var east = new WeakContactSector(0, 90);

        Assert.Multiple(() =>
        {
            Assert.That(WeakContactSector.SharedContact(east, east), Is.EqualTo(0.5).Within(0.003));
            Assert.That(WeakContactSector.SharedContact(east, new WeakContactSector(180, 90)), Is.EqualTo(0).Within(0.003));
        });
    }

    [Test]
    public void SharedContact_SectorsAcrossZero_OverlapCountedOnce()
    {
        // 320–20° and 0–40° lost: 320–40° lost, 280° of 360 left.
        var shared = WeakContactSector.SharedContact(new WeakContactSector(-10, 30), new WeakContactSector(380, 20));

        Assert.That(shared, Is.EqualTo(280.0 / 360).Within(0.003));
    }
}
