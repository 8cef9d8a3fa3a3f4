using Ballistics.Engine.Comparison;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Tests.Matching;

[TestFixture]
public sealed class LightingAgreementTests
{
    private static Registration TurnedBy(double deg) => new(deg, 0, 0, 0.5, 0.8) { Status = RegistrationStatus.Registered };

    [Test]
    public void Of_RingAndSide_Differs()
    {
        var l = LightingAgreement.Of(ImageLighting.Ring, ImageLighting.Side, TurnedBy(0));

        Assert.That(l.Differs, Is.True);
        Assert.That(l.Note, Does.Contain("ring-lit and the other side-lit"));
    }

    [Test]
    public void Of_BothRing_Agrees() => Assert.That(LightingAgreement.Of(ImageLighting.Ring, ImageLighting.Ring, TurnedBy(140)).Differs, Is.False);

    [TestCase(null, ImageLighting.Ring)]
    [TestCase(ImageLighting.Unknown, ImageLighting.Side)]
    public void Of_LightNotStated_CannotBeTold(ImageLighting? a, ImageLighting b) => Assert.That(LightingAgreement.Of(a, b, TurnedBy(0)).Differs, Is.Null);

    [TestCase(10, false)]
    [TestCase(-350, false)]
    [TestCase(45, true)]
    [TestCase(180, true)]
    public void Of_BothSide_DiffersWhenTheCasesLieTurnedApart(double turnDeg, bool differs) =>
        Assert.That(LightingAgreement.Of(ImageLighting.Side, ImageLighting.Side, TurnedBy(turnDeg)).Differs, Is.EqualTo(differs));

    [Test]
    public void Of_BothSideNotRegistered_CannotBeTold() =>
        Assert.That(LightingAgreement.Of(ImageLighting.Side, ImageLighting.Side, Registration.Failed("no overlap")).Differs, Is.Null);
}
