namespace Ballistics.Engine.Comparison;

/// <summary>
/// How scan B lies on scan A: a point p of A (µm from A's centre, x right, y down) corresponds to
/// q = R(−θ)·(p − t) in B (µm from B's centre), i.e. B turned by <see cref="RotationDeg"/> about its
/// centre (counter-clockwise on screen) and moved by (<see cref="DxUm"/>, <see cref="DyUm"/>) lands on A.
/// A registration that could not be made says so (<see cref="Status"/>, <see cref="FailureReason"/>): its pose is
/// no result and no output may print it as one.
/// </summary>
public readonly record struct Registration(double RotationDeg, double DxUm, double DyUm, double Ccf, double OverlapFraction)
{
    /// <summary>Whether a pose was found; <see cref="RegistrationStatus.Failed"/> leaves the pose at zero, to be ignored.</summary>
    public RegistrationStatus Status { get; init; }

    /// <summary>Why no pose was found (null when one was).</summary>
    public string? FailureReason { get; init; }

    public bool Registered => Status == RegistrationStatus.Registered;

    /// <summary>No pose: the comparison measured nothing at a real alignment and must say so.</summary>
    public static Registration Failed(string reason) => new(0, 0, 0, -1, 0) { Status = RegistrationStatus.Failed, FailureReason = reason };

    /// <summary>The same registration seen from B: A onto B.</summary>
    public Registration Inverse()
    {
        var back = Rotation2D.FromDegrees(-RotationDeg);
        var (x, y) = back.Apply(DxUm, DyUm);
        return new Registration(Rotation2D.Normalise(-RotationDeg), -x, -y, Ccf, OverlapFraction) { Status = Status, FailureReason = FailureReason };
    }

    /// <summary>Where point p of A (µm from A's centre) lies in B (µm from B's centre).</summary>
    public (double X, double Y) MapToB(double xUm, double yUm) => Rotation2D.FromDegrees(-RotationDeg).Apply(xUm - DxUm, yUm - DyUm);
}

/// <summary>Whether a comparison's registration found a pose.</summary>
public enum RegistrationStatus
{
    Registered,
    Failed,
}
