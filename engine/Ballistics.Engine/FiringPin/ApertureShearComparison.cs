namespace Ballistics.Engine.FiringPin;

/// <summary>
/// The aperture-shear bands of two scans compared as striae: each band's heights averaged along the striae's direction
/// into a profile across them, measured from the pin's axis, on the side of the axis the striae lie; the profiles'
/// correlation at the best offset. A result that is not <see cref="RegionComparisonStatus.Compared"/> carries only why.
/// </summary>
public sealed record ApertureShearComparison
{
    public const string AlgorithmVersion = "aperture-shear/1.0";

    public required RegionComparisonStatus Status { get; init; }

    /// <summary>Why the bands were not compared; null when they were.</summary>
    public string? Reason { get; init; }

    /// <summary>Pearson correlation of the two profiles at <see cref="OffsetUm"/> (the cross-correlation's peak).</summary>
    public double Ncc { get; init; }

    /// <summary>The striae's direction in A's frame (degrees from x towards y, 0–179): the profiles run across it.</summary>
    public double DirectionDeg { get; init; }

    /// <summary>How far B's profile is moved along A's at the peak (µm): the error of the two axes across the striae.</summary>
    public double OffsetUm { get; init; }

    /// <summary>Length of the profiles compared at the peak (µm).</summary>
    public double OverlapUm { get; init; }

    /// <summary>
    /// How strongly the two bands' relief is oriented across <see cref="DirectionDeg"/>: the joint orientation share there
    /// over an even spread's (1 for relief with no direction; striae stand out above it).
    /// </summary>
    public double Coherence { get; init; }

    /// <summary>The turn the striae were read at (B onto A, degrees): the firing pin's when its impressions were compared, else the breech face's.</summary>
    public double RotationDeg { get; init; }

    public static ApertureShearComparison Absent(string reason) => new() { Status = RegionComparisonStatus.Absent, Reason = reason };

    public static ApertureShearComparison Failed(string reason) => new() { Status = RegionComparisonStatus.Failed, Reason = reason };
}
