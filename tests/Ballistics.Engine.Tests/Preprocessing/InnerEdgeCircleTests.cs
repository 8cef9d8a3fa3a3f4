using Ballistics.Engine.Preprocessing;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class InnerEdgeCircleTests
{
    /// <summary>An annulus of outer radius 120 about (150, 150) with its cut-out of radius 80 about (140, 160), less a sector.</summary>
    private static Mat Crescent(double missingFromDeg, double missingToDeg)
    {
        var region = new Mat(300, 300, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(region, new Point(150, 150), 120, Scalar.All(255), -1);
        Cv2.Circle(region, new Point(140, 160), 80, Scalar.All(0), -1);
        if (missingToDeg > missingFromDeg)
        {
            Cv2.Ellipse(region, new Point(140, 160), new Size(200, 200), 0, missingFromDeg, missingToDeg, Scalar.All(0), -1);
        }

        return region;
    }

    [Test]
    public void Fit_CrescentOpenOverAHundredDegrees_TheCutOutsCircle()
    {
        using var region = Crescent(120, 220);

        var circle = InnerEdgeCircle.Fit(region, new Point2d(150, 150), 120);

        Assert.That(circle, Is.Not.Null);
        Assert.That(circle!.Value.Centre.DistanceTo(new Point2d(140, 160)), Is.LessThan(1.5));
        Assert.That(circle.Value.Radius, Is.EqualTo(80).Within(1.5));
    }

    [Test]
    public void Fit_RegionWithoutAnInnerEdge_Null()
    {
        using var disc = new Mat(300, 300, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(disc, new Point(150, 150), 120, Scalar.All(255), -1);

        Assert.That(InnerEdgeCircle.Fit(disc, new Point2d(150, 150), 120), Is.Null);
    }

    [Test]
    public void Fit_OnlyAShortArcLeft_Null()
    {
        // 300° of the annulus gone: the 60° left bends too little to place a centre.
        using var region = Crescent(0, 300);

        Assert.That(InnerEdgeCircle.Fit(region, new Point2d(150, 150), 120), Is.Null);
    }
}
