using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// The rotation R(θ) = [[cos θ, sin θ], [−sin θ, cos θ]] used throughout the comparison: in image
/// coordinates (x right, y down) a positive angle turns content counter-clockwise on screen, which is
/// OpenCV's getRotationMatrix2D convention.
/// </summary>
internal readonly record struct Rotation2D(double Cos, double Sin)
{
    public static Rotation2D FromDegrees(double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        return new Rotation2D(cos, sin);
    }

    public (double X, double Y) Apply(double x, double y) => ((Cos * x) + (Sin * y), (-Sin * x) + (Cos * y));

    /// <summary>
    /// Affine 2×3 (CV_64F) taking a source pixel p to R·(p − sourceCentre) + destinationCentre + shift.
    /// </summary>
    public Mat Affine(double sourceCentreX, double sourceCentreY, double destinationX, double destinationY)
    {
        var (rx, ry) = Apply(sourceCentreX, sourceCentreY);
        var m = new Mat(2, 3, MatType.CV_64FC1);
        m.Set(0, 0, Cos);
        m.Set(0, 1, Sin);
        m.Set(0, 2, destinationX - rx);
        m.Set(1, 0, -Sin);
        m.Set(1, 1, Cos);
        m.Set(1, 2, destinationY - ry);
        return m;
    }

    /// <summary>Angle normalised to (−180, 180].</summary>
    public static double Normalise(double degrees)
    {
        var a = degrees % 360;
        if (a <= -180)
        {
            a += 360;
        }
        else if (a > 180)
        {
            a -= 360;
        }

        return a;
    }
}
