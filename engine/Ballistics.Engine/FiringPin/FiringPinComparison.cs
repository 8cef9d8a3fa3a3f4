namespace Ballistics.Engine.FiringPin;

/// <summary>What came of comparing one region of two scans.</summary>
public enum RegionComparisonStatus
{
    /// <summary>Both scans hold the region and it was compared.</summary>
    Compared,

    /// <summary>One scan or both do not hold the region (a processed breech-face scan with the firing pin cut out).</summary>
    Absent,

    /// <summary>Both hold it, but no comparison could be made (too little measured, no pose with enough overlap): the reason says which.</summary>
    Failed,
}

/// <summary>
/// The firing-pin impressions of two scans compared: B's impression turned about its axis onto A's. The correlation is
/// the masked NCC of the band-passed impressions at the best pose, the mean of both directions (A's points in B, B's
/// in A). A result that is not <see cref="RegionComparisonStatus.Compared"/> carries no pose or correlation, only why.
/// </summary>
public sealed record FiringPinComparison
{
    /// <summary>1.1: the tips' turning marks (<see cref="RingNcc"/>, <see cref="RingStrength"/>).</summary>
    public const string AlgorithmVersion = "firing-pin/1.1";

    public required RegionComparisonStatus Status { get; init; }

    /// <summary>Why the impressions were not compared; null when they were.</summary>
    public string? Reason { get; init; }

    /// <summary>Masked NCC at the best pose, the mean of <see cref="NccForward"/> and <see cref="NccBackward"/>.</summary>
    public double Ncc { get; init; }

    /// <summary>A's impression against B's turned onto it.</summary>
    public double NccForward { get; init; }

    /// <summary>B's impression against A's turned back onto it.</summary>
    public double NccBackward { get; init; }

    /// <summary>How far B's impression is turned about its axis to lie on A's (counter-clockwise on screen, as the breech face's registration).</summary>
    public double RotationDeg { get; init; }

    /// <summary>How far B's axis moved from A's at the best pose (µm): the error of the two axes as found.</summary>
    public double AxisShiftUm { get; init; }

    /// <summary>
    /// How far the best turn of the polar correlation about the two axes stands above that correlation's other turns, in
    /// robust standard deviations (its median and MAD over all 720): a pin that left its marks stands out at one turn.
    /// </summary>
    public double PeakZ { get; init; }

    /// <summary>
    /// The difference between <see cref="RotationDeg"/> and the breech face's registered angle (0–180°): one firing turns
    /// the case once, so the two witnesses of one firearm agree; null when the breech face did not register.
    /// </summary>
    public double? AngleFromBreechFaceDeg { get; init; }

    /// <summary>Points of the impressions compared at the best pose.</summary>
    public int OverlapPoints { get; init; }

    /// <summary>Correlation of the two tips' turning marks (<see cref="TipRings"/>); null when either floor held too few rings.</summary>
    public double? RingNcc { get; init; }

    /// <summary>The weaker of the two floors' ring strengths (<see cref="TipRings.Strength"/>); null with <see cref="RingNcc"/>.</summary>
    public double? RingStrength { get; init; }

    public static FiringPinComparison Absent(string reason) => new() { Status = RegionComparisonStatus.Absent, Reason = reason };

    public static FiringPinComparison Failed(string reason) => new() { Status = RegionComparisonStatus.Failed, Reason = reason };
}
