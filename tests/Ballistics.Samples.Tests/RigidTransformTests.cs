namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class RigidTransformTests
{
    [Test]
    public void Inverse_UndoesTheTransform()
    {
        var transform = new RigidTransform(123.4, -56.7, 89.0);
        var (x, y) = transform.Apply(10, 20);
        var (bx, by) = transform.Inverse().Apply(x, y);

        Assert.Multiple(() =>
        {
            Assert.That(bx, Is.EqualTo(10).Within(1e-9));
            Assert.That(by, Is.EqualTo(20).Within(1e-9));
        });
    }

    [Test]
    public void After_IsTheSameAsApplyingInTurn()
    {
        var first = new RigidTransform(30, 5, -7);
        var second = new RigidTransform(300, -11, 2);
        var (x1, y1) = second.Apply(first.Apply(3, 4).X, first.Apply(3, 4).Y);
        var (x2, y2) = second.After(first).Apply(3, 4);

        Assert.Multiple(() =>
        {
            Assert.That(x2, Is.EqualTo(x1).Within(1e-9));
            Assert.That(y2, Is.EqualTo(y1).Within(1e-9));
            Assert.That(second.After(first).RotationDeg, Is.EqualTo(330).Within(1e-9));
        });
    }

    [TestCase(-90, 270)]
    [TestCase(360, 0)]
    [TestCase(725, 5)]
    public void NormaliseDeg_BringsAnglesIntoOneTurn(double angle, double expected)
    {
        Assert.That(RigidTransform.NormaliseDeg(angle), Is.EqualTo(expected).Within(1e-9));
    }
}
