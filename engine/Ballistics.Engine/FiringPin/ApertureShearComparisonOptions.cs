using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.FiringPin;

/// <summary>How two aperture-shear bands are read as striae and correlated (<see cref="ApertureShearComparer"/>).</summary>
public sealed record ApertureShearComparisonOptions
{
    public static ApertureShearComparisonOptions Default { get; } = new();

    /// <summary>Directions tried: the joint orientation histogram's best peaks, at least <see cref="PeakSeparationDeg"/> apart.</summary>
    public int Candidates { get; init => field = (int)RegistrationOptions.InRange(value, 1, 16, nameof(Candidates)); } = 3;

    public double PeakSeparationDeg { get; init => field = RegistrationOptions.InRange(value, 1, 90, nameof(PeakSeparationDeg)); } = 10;

    /// <summary>
    /// How far the profiles may be moved along each other: the axes are the crater cores' centroids on the 20 µm detection
    /// grid, a point or two off.
    /// </summary>
    public double MaxOffsetUm { get; init => field = RegistrationOptions.InRange(value, 0, 500, nameof(MaxOffsetUm)); } = 40;

    /// <summary>A profile's point (one grid step of the band across the striae) needs this many of the band's points averaged along them.</summary>
    public int MinPointsPerBin { get; init => field = (int)RegistrationOptions.InRange(value, 1, 1000, nameof(MinPointsPerBin)); } = 6;

    /// <summary>Profiles compared over less than this length (µm) say nothing.</summary>
    public double MinOverlapUm { get; init => field = RegistrationOptions.InRange(value, 10, 5000, nameof(MinOverlapUm)); } = 200;
}
