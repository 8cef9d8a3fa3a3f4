using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Evaluation;

/// <summary>How far a registration's angle is from the one a generator used.</summary>
public static class RegistrationTruth
{
    /// <summary>
    /// The registered angle's error in degrees, in (−180, 180], for two scans of one face that were turned by
    /// <paramref name="rotationADeg"/> and <paramref name="rotationBDeg"/>: B turned by rotation_b − rotation_a lies on A.
    /// </summary>
    public static double AngleErrorDeg(double registeredDeg, double rotationADeg, double rotationBDeg) =>
        Rotation2D.Normalise(registeredDeg - (rotationBDeg - rotationADeg));
}
