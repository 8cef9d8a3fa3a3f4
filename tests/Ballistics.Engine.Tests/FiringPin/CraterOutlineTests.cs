using Ballistics.Engine.FiringPin;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.FiringPin;

[TestFixture]
public sealed class CraterOutlineTests
{
    [Test]
    public void Measure_Disc_Circular()
    {
        using var mask = new Mat(80, 80, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(mask, new Point(40, 40), 20, Scalar.All(255), -1);

        var outline = CraterOutline.Measure(mask, 20)!.Value;

        Assert.That(outline.Shape, Is.EqualTo(FiringPinShape.Circular));
        Assert.That(outline.Aspect, Is.EqualTo(1).Within(0.08));
        Assert.That(outline.EquivalentRadiusUm, Is.EqualTo(20 * 20).Within(0.05 * 400));
    }

    [Test]
    public void Measure_TiltedEllipse_Elliptical()
    {
        using var mask = new Mat(80, 80, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Ellipse(mask, new Point(40, 40), new Size(24, 14), 30, 0, 360, Scalar.All(255), -1);

        var outline = CraterOutline.Measure(mask, 20)!.Value;

        Assert.That(outline.Shape, Is.EqualTo(FiringPinShape.Elliptical));
        Assert.That(outline.Aspect, Is.EqualTo(24.0 / 14).Within(0.15));
    }

    [Test]
    public void Measure_TiltedRoundedRectangle_Rectangular()
    {
        using var mask = new Mat(100, 100, MatType.CV_8UC1, Scalar.All(0));
        // A Glock-style striker's rectangle, 36 × 22 points, corners rounded by 3, turned by 20°.
        var corners = Cv2.BoxPoints(new RotatedRect(new Point2f(50, 50), new Size2f(36, 22), 20)).Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))).ToArray();
        Cv2.FillConvexPoly(mask, corners, Scalar.All(255));
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(7, 7));
        Cv2.MorphologyEx(mask, mask, MorphTypes.Open, kernel);

        var outline = CraterOutline.Measure(mask, 20)!.Value;

        Assert.That(outline.Shape, Is.EqualTo(FiringPinShape.Rectangular), outline.ToString());
    }

    [Test]
    public void Measure_Empty_Null()
    {
        using var mask = new Mat(20, 20, MatType.CV_8UC1, Scalar.All(0));
        Assert.That(CraterOutline.Measure(mask, 20), Is.Null);
    }
}
