using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Tests.Surfaces;

[TestFixture]
public sealed class SurfaceStatisticsTests
{
    [Test]
    public void Of_IgnoresNaN()
    {
        var stats = SurfaceStatistics.Of([1f, float.NaN, -3f, 5f]);

        Assert.That(stats.ValidPoints, Is.EqualTo(3));
        Assert.That(stats.TotalPoints, Is.EqualTo(4));
        Assert.That(stats.ValidFraction, Is.EqualTo(0.75).Within(1e-12));
        Assert.That(stats.Min, Is.EqualTo(-3f));
        Assert.That(stats.Max, Is.EqualTo(5f));
        Assert.That(stats.Mean, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(stats.RootMeanSquareDeviation, Is.EqualTo(Math.Sqrt(32.0 / 3)).Within(1e-9));
    }

    [Test]
    public void Of_AllInvalid_GivesNaNRange()
    {
        var stats = SurfaceStatistics.Of([float.NaN, float.NaN]);

        Assert.That(stats.ValidPoints, Is.Zero);
        Assert.That(float.IsNaN(stats.Min), Is.True);
    }
}
