using Ballistics.Engine.Preprocessing;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class CircleFitTests
{
    [Test]
    public void Fit_PointsOnAQuarterArc_CentreAndRadius()
    {
        var points = Enumerable.Range(0, 20).Select(k => Math.PI / 2 * k / 19).Select(a => new Point2d(310 + (120 * Math.Cos(a)), 95 + (120 * Math.Sin(a)))).ToList();

        var circle = CircleFit.Fit(points);

        Assert.That(circle, Is.Not.Null);
        Assert.That(circle!.Value.Centre.X, Is.EqualTo(310).Within(1e-6));
        Assert.That(circle.Value.Centre.Y, Is.EqualTo(95).Within(1e-6));
        Assert.That(circle.Value.Radius, Is.EqualTo(120).Within(1e-6));
    }

    [Test]
    public void Fit_CollinearOrTooFew_Null()
    {
        Assert.That(CircleFit.Fit([.. Enumerable.Range(0, 10).Select(i => new Point2d(i, (2 * i) + 1))]), Is.Null);
        Assert.That(CircleFit.Fit([new Point2d(0, 0), new Point2d(1, 1)]), Is.Null);
    }
}
