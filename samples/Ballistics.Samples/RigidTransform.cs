namespace Ballistics.Samples;

/// <summary>
/// A rotation about the origin followed by a translation, on positions in micrometres:
/// p' = R(θ)·p + t with R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]].
/// </summary>
public readonly record struct RigidTransform(double RotationDeg, double TranslationXUm, double TranslationYUm)
{
    public static RigidTransform Identity { get; } = new(0, 0, 0);

    public (double X, double Y) Apply(double xUm, double yUm)
    {
        var (sin, cos) = Math.SinCos(RotationDeg * Math.PI / 180);
        return ((cos * xUm) - (sin * yUm) + TranslationXUm, (sin * xUm) + (cos * yUm) + TranslationYUm);
    }

    public RigidTransform Inverse()
    {
        var (sin, cos) = Math.SinCos(-RotationDeg * Math.PI / 180);
        var x = -((cos * TranslationXUm) - (sin * TranslationYUm));
        var y = -((sin * TranslationXUm) + (cos * TranslationYUm));
        return new RigidTransform(NormaliseDeg(-RotationDeg), x, y);
    }

    /// <summary>This transform applied after <paramref name="first"/>.</summary>
    public RigidTransform After(RigidTransform first)
    {
        var (x, y) = Apply(first.TranslationXUm, first.TranslationYUm);
        return new RigidTransform(NormaliseDeg(RotationDeg + first.RotationDeg), x, y);
    }

    /// <summary>An angle in degrees brought into [0, 360).</summary>
    public static double NormaliseDeg(double angleDeg)
    {
        var a = angleDeg % 360;
        return a < 0 ? a + 360 : a;
    }
}
