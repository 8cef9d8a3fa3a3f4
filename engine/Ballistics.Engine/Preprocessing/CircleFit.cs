using MathNet.Numerics.LinearAlgebra;
using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>Kåsa's algebraic circle fit: linear least squares on x² + y² + Dx + Ey + F = 0.</summary>
internal static class CircleFit
{
    /// <summary>Beyond this condition number the points lie too nearly on a line to place a centre.</summary>
    private const double MaxConditionNumber = 1e12;

    /// <summary>The circle through <paramref name="points"/> in the least-squares sense; null for fewer than three or collinear points.</summary>
    public static (Point2d Centre, double Radius)? Fit(IReadOnlyList<Point2d> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3)
        {
            return null;
        }

        // About the points' mean: the normal equations of raw grid positions (hundreds of points) are badly scaled.
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var design = Matrix<double>.Build.Dense(points.Count, 3);
        var target = Vector<double>.Build.Dense(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var (u, v) = (points[i].X - mx, points[i].Y - my);
            design[i, 0] = u;
            design[i, 1] = v;
            design[i, 2] = 1;
            target[i] = -((u * u) + (v * v));
        }

        var normal = design.TransposeThisAndMultiply(design);
        if (!(normal.ConditionNumber() < MaxConditionNumber))
        {
            return null;
        }

        var solution = normal.Solve(design.TransposeThisAndMultiply(target));
        var (cu, cv) = (-solution[0] / 2, -solution[1] / 2);
        var squared = (cu * cu) + (cv * cv) - solution[2];
        return squared > 0 ? (new Point2d(cu + mx, cv + my), Math.Sqrt(squared)) : null;
    }
}
