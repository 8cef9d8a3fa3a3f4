using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.FiringPin;

/// <summary>How two prepared firing-pin impressions are registered about their axes and correlated (<see cref="FiringPinComparer"/>).</summary>
public sealed record FiringPinComparisonOptions
{
    public static FiringPinComparisonOptions Default { get; } = new();

    /// <summary>
    /// Turns proposed by the polar correlation about the two axes (every 0.5° at once) that are refined, best first,
    /// at least <see cref="PeakSeparationDeg"/> apart; the breech face's angle is refined beside them when it registered.
    /// </summary>
    public int Candidates { get; init => field = (int)RegistrationOptions.InRange(value, 1, 16, nameof(Candidates)); } = 3;

    public double PeakSeparationDeg { get; init => field = RegistrationOptions.InRange(value, 0.5, 90, nameof(PeakSeparationDeg)); } = 5;

    /// <summary>
    /// The best candidate (each is first tried at its own turn) is refined this far either side, every
    /// <see cref="RefineStepDeg"/>. Refining every candidate instead cost 35 % more time per comparison for the same AUC.
    /// </summary>
    public double RefineRangeDeg { get; init => field = RegistrationOptions.InRange(value, 0, 10, nameof(RefineRangeDeg)); } = 1;

    public double RefineStepDeg { get; init => field = RegistrationOptions.InRange(value, 0.1, 5, nameof(RefineStepDeg)); } = 0.5;

    /// <summary>
    /// How far the axes may have been misplaced: each refinement searches shifts up to this far. The axis is the crater
    /// core's centroid on the 20 µm detection grid; dropouts and a lopsided crater move it by a point or two.
    /// </summary>
    public double ShiftRadiusUm { get; init => field = RegistrationOptions.InRange(value, 0, 200, nameof(ShiftRadiusUm)); } = 25;

    /// <summary>
    /// A pose counts only when the overlap holds at least this fraction of the smaller impression's points. Craters
    /// measured through clustered dropouts keep scattered points, and two such overlap in a fraction of each: at 0.3, 21
    /// of 1,128 pairs of a generated hard set found no pose.
    /// </summary>
    public double MinOverlapFraction { get; init => field = RegistrationOptions.InRange(value, 0.05, 1, nameof(MinOverlapFraction)); } = 0.15;

    /// <summary>
    /// Two tips' turning marks are correlated only over at least this many rings both hold (2.5 µm each, 60 µm), at no
    /// radial lag: a lag of a ring or two gave the same AUC and lets different pitches line up.
    /// </summary>
    public int MinRings { get; init => field = (int)RegistrationOptions.InRange(value, 8, 1_000, nameof(MinRings)); } = 24;
}
