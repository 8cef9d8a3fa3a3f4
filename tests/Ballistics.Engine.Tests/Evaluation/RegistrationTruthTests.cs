using Ballistics.Engine.Evaluation;

namespace Ballistics.Engine.Tests.Evaluation;

[TestFixture]
public sealed class RegistrationTruthTests
{
    [TestCase(30.0, 10.0, 40.0, 0.0)]
    [TestCase(-170.0, 100.0, -80.0, 10.0)]
    [TestCase(10.0, 0.0, 190.0, -180.0 + 360.0)]
    public void AngleErrorDeg_TurnedCopies_NormalisedDifference(double registered, double rotationA, double rotationB, double expected)
    {
        Assert.That(RegistrationTruth.AngleErrorDeg(registered, rotationA, rotationB), Is.EqualTo(expected).Within(1e-9));
    }
}
