using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.FiringPin;

/// <summary>How two aperture-shear bands are read as striae and correlated (<see cref="ApertureShearComparer"/>).</summary>
public sealed record ApertureShearComparisonOptions
{
    public static ApertureShearComparisonOptions Default { get; } = new();

    /// <summary>
    /// Every direction this far apart over half a turn is tried (B's read at the nearest degree of the same direction
    /// turned by the registration). On hard generated raw scans (seed 61, a prototype at the true turn) the three
    /// directions the bands' relief is most oriented along found the striae of pairs where both firings were sheared at
    /// AUC 0.949; every 2° found them at 0.987.
    /// </summary>
    public double DirectionStepDeg { get; init => field = RegistrationOptions.InRange(value, 1, 45, nameof(DirectionStepDeg)); } = 2;

    /// <summary>
    /// How far the profiles may be moved along each other: the axes are the crater cores' centroids on the 20 µm detection
    /// grid, a point or two off.
    /// </summary>
    public double MaxOffsetUm { get; init => field = RegistrationOptions.InRange(value, 0, 500, nameof(MaxOffsetUm)); } = 40;

    /// <summary>Profiles compared over less than this length (µm) say nothing.</summary>
    public double MinOverlapUm { get; init => field = RegistrationOptions.InRange(value, 10, 5000, nameof(MinOverlapUm)); } = 200;
}
