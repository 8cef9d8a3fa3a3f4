namespace Ballistics.Engine.Comparison;

/// <summary>
/// How scan B lies on scan A: a point p of A (µm from A's centre, x right, y down) corresponds to
/// q = R(−θ)·(p − t) in B (µm from B's centre), i.e. B turned by <see cref="RotationDeg"/> about its
/// centre (counter-clockwise on screen) and moved by (<see cref="DxUm"/>, <see cref="DyUm"/>) lands on A.
/// </summary>
public readonly record struct Registration(double RotationDeg, double DxUm, double DyUm, double Ccf, double OverlapFraction)
{
    /// <summary>The same registration seen from B: A onto B.</summary>
    public Registration Inverse()
    {
        var back = Rotation2D.FromDegrees(-RotationDeg);
        var (x, y) = back.Apply(DxUm, DyUm);
        return new Registration(Rotation2D.Normalise(-RotationDeg), -x, -y, Ccf, OverlapFraction);
    }

    /// <summary>Where point p of A (µm from A's centre) lies in B (µm from B's centre).</summary>
    public (double X, double Y) MapToB(double xUm, double yUm) => Rotation2D.FromDegrees(-RotationDeg).Apply(xUm - DxUm, yUm - DyUm);
}
