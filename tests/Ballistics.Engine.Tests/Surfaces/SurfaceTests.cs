using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Tests.Surfaces;

[TestFixture]
public sealed class SurfaceTests
{
    [Test]
    public void Row_WritesThroughToTheGrid()
    {
        var s = new Surface(3, 2, 1.5, 2.5, new float[6]);

        s.Row(1)[2] = 7f;

        Assert.That(s[2, 1], Is.EqualTo(7f));
        Assert.That(s.Values[5], Is.EqualTo(7f));
        Assert.That(s.WidthUm, Is.EqualTo(4.5).Within(1e-12));
        Assert.That(s.HeightUm, Is.EqualTo(5.0).Within(1e-12));
    }

    [Test]
    public void Construct_WrongValueCount_Throws()
    {
        Assert.That(() => new Surface(3, 2, 1, 1, new float[5]), Throws.ArgumentException.With.Message.Contains("Expected 6"));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Construct_BadLateralStep_Throws(double step)
    {
        Assert.That(() => new Surface(1, 1, step, 1, new float[1]), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Construct_MaskOfOtherSize_Throws()
    {
        var mask = new RegionMask(2, 2, new uint[4], 0);

        Assert.That(() => new Surface(3, 2, 1, 1, new float[6]) { Mask = mask }, Throws.ArgumentException.With.Message.Contains("2×2"));
    }

    [Test]
    public void CreateInvalid_AllNaN()
    {
        var s = Surface.CreateInvalid(4, 3, 1, 1);

        Assert.That(s.Statistics().ValidPoints, Is.Zero);
        Assert.That(s.Statistics().ValidFraction, Is.Zero);
    }

    [Test]
    public void Clone_IsIndependentAndBitEqual()
    {
        var s = new Surface(2, 2, 1, 1, [1f, float.NaN, 3f, 4f]) { Metadata = new SurfaceMetadata { Creator = "x" } };

        var c = s.Clone();

        Assert.That(c.ValuesBitEqual(s), Is.True);
        Assert.That(c.Metadata.Creator, Is.EqualTo("x"));
        c[0, 0] = 9f;
        Assert.That(s[0, 0], Is.EqualTo(1f));
        Assert.That(c.ValuesBitEqual(s), Is.False);
    }

    [Test]
    public void ValuesBitEqual_DifferentStep_IsFalse()
    {
        var a = new Surface(1, 1, 1, 1, [1f]);
        var b = new Surface(1, 1, 1.0000001, 1, [1f]);

        Assert.That(a.ValuesBitEqual(b), Is.False);
    }
}
