using System.Globalization;
using OpenCvSharp;

namespace Ballistics.Engine.FiringPin;

/// <summary>The shape class of a firing-pin impression's crater, as measured in the scan.</summary>
public enum FiringPinShape
{
    /// <summary>Round (most hammer and striker pins: Ruger, SIG, Beretta).</summary>
    Circular,

    /// <summary>Round but drawn out along one direction (an oval tip, or a round one dragged as the barrel unlocked).</summary>
    Elliptical,

    /// <summary>Rectangular with rounded corners (Glock-style strikers).</summary>
    Rectangular,
}

/// <summary>The crater's outline measured: its shape class and the two numbers it was decided on.</summary>
/// <param name="Shape">The class.</param>
/// <param name="Aspect">Long over short side of the outline's smallest enclosing rectangle (1 for a circle or square).</param>
/// <param name="RectangleFill">The outline's area over that rectangle's (π/4 ≈ 0.79 for a disc or an ellipse, 1 for a rectangle).</param>
/// <param name="EquivalentRadiusUm">Radius of the disc of the crater's area.</param>
public readonly record struct CraterOutline(FiringPinShape Shape, double Aspect, double RectangleFill, double EquivalentRadiusUm)
{
    /// <summary>
    /// A crater filling more of its enclosing rectangle than this is rectangular. A disc fills π/4 ≈ 0.79 (0.80–0.84 once
    /// drawn on a grid of 20–40 points across), a rectangle with corners rounded to a fifth of its short side 0.97.
    /// </summary>
    public const double RectangularFill = 0.9;

    /// <summary>A rounded crater whose long side exceeds its short one by more than this factor is elliptical (a circle drawn on a grid measures up to about 1.08).</summary>
    public const double EllipticalAspect = 1.2;

    /// <summary>The outline of the largest region of <paramref name="crater"/> (8-bit, non-zero inside), or null when it is empty or too small to judge.</summary>
    public static CraterOutline? Measure(Mat crater, double stepUm)
    {
        Cv2.FindContours(crater, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxNone);
        Point[]? largest = null;
        var largestArea = 0.0;
        foreach (var contour in contours)
        {
            var area = Cv2.ContourArea(contour);
            if (area > largestArea)
            {
                (largest, largestArea) = (contour, area);
            }
        }

        // Below about five points across, a grid cannot tell a circle from a square.
        if (largest is null || largestArea < 20)
        {
            return null;
        }

        var box = Cv2.MinAreaRect(largest);
        var longSide = Math.Max(box.Size.Width, box.Size.Height);
        var shortSide = Math.Min(box.Size.Width, box.Size.Height);
        if (shortSide <= 0)
        {
            return null;
        }

        // The contour runs through the outermost points' centres: half a point all round is outside it.
        var filledArea = largestArea + (0.5 * Cv2.ArcLength(largest, closed: true));
        var aspect = longSide / shortSide;
        var fill = Math.Min(1, filledArea / ((longSide + 1) * (shortSide + 1)));
        var shape = fill >= RectangularFill ? FiringPinShape.Rectangular
            : aspect >= EllipticalAspect ? FiringPinShape.Elliptical
            : FiringPinShape.Circular;
        return new CraterOutline(shape, aspect, fill, Math.Sqrt(filledArea / Math.PI) * stepUm);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Shape.ToString().ToLowerInvariant()} (aspect {Aspect:0.00}, rectangle fill {RectangleFill:0.00}, radius {EquivalentRadiusUm:0} µm)");
}
