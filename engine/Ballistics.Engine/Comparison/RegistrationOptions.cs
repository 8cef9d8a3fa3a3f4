namespace Ballistics.Engine.Comparison;

/// <summary>
/// Global registration of two prepared scans: angles proposed by the polar spectra, scored with the shift on a
/// coarse grid, the best refined there, and the shift read again on the scans' own grid. Lengths in
/// micrometres, angles in degrees.
/// </summary>
public sealed record RegistrationOptions
{
    public static RegistrationOptions Default { get; } = new();

    /// <summary>Grid step of the full-circle sweep. Coarse enough for speed, fine enough that breech-face texture survives.</summary>
    public double CoarseStepUm { get; init => field = Positive(value, nameof(CoarseStepUm)); } = 20;

    /// <summary>
    /// Registration and the whole-scan correlations see the prepared scan high-passed here; the CMC cells keep the
    /// prepared band (20–600 µm by default). Study-processed and raw files of one scan agree far better without the
    /// longest waves (Baldwin K013 A1: 0.85 against 0.52), and every real same-source pair then registers at its
    /// true angle, while cells of the best real pair keep their congruence (17; 5 with the whole scan at 400 µm).
    /// </summary>
    public double WholeScanLongCutoffUm { get; init => field = Positive(value, nameof(WholeScanLongCutoffUm)); } = 400;

    /// <summary>Angle step of the full coarse sweep, used only when the polar spectra are too small to propose angles.</summary>
    public double CoarseAngleStepDeg { get; init => field = InRange(value, 0.5, 30, nameof(CoarseAngleStepDeg)); } = 4;

    /// <summary>
    /// Local maxima of the centred polar correlation (<see cref="CentredPolarImage"/>) that are scored on the coarse
    /// Cartesian grid. With 8 of these and 8 of <see cref="PolarCandidates"/> (was 16 of those alone) the generated hard
    /// set's same-firearm pairs registered more than 3° from the true angle fell from 17 of 72 to 7.
    /// </summary>
    public int CentredCandidates { get; init => field = (int)InRange(value, 0, 90, nameof(CentredCandidates)); } = 8;

    /// <summary>Local maxima of the polar spectra's angle sweep that are scored on the coarse Cartesian grid.</summary>
    public int PolarCandidates { get; init => field = (int)InRange(value, 0, 90, nameof(PolarCandidates)); } = 8;

    /// <summary>Best angles of the coarse sweep that are refined (the sweep is multimodal for repetitive marks).</summary>
    public int Candidates { get; init => field = (int)InRange(value, 1, 16, nameof(Candidates)); } = 4;

    /// <summary>Finer scans are area-averaged to this step before their polar spectrum is taken.</summary>
    public double SpectrumStepUm { get; init => field = Positive(value, nameof(SpectrumStepUm)); } = 10;

    /// <summary>Angle step either side of the best candidate for the parabolic angle refinement on the coarse grid.</summary>
    public double FineAngleStepDeg { get; init => field = InRange(value, 0.05, 10, nameof(FineAngleStepDeg)); } = 1;

    /// <summary>
    /// Largest offset between the two scans' centres that is searched. Prepared scans are centred on the breech face,
    /// and same-source pairs of the real and generated hard sets sit within 230 µm of each other; 500 µm instead of
    /// 800 gave unrelated pairs fewer far-off chance peaks (hard set AUC 0.936 → 0.941 with the same model) and a
    /// smaller sweep canvas (216² instead of 240² for the Fadul pair).
    /// </summary>
    public double MaxShiftUm { get; init => field = Positive(value, nameof(MaxShiftUm)); } = 500;

    /// <summary>
    /// Whether the exactly scored candidates are chosen between by their agreement in the better half of angular
    /// sectors about the turning axis (<see cref="DirectLevel.SectorAgreement"/>) rather than by the NCC of the whole
    /// overlap. Partial contact leaves marks on part of the annulus; measured 2026-12-06 (same model): 8 % dropouts with
    /// 50 % contact 46 → 51 of 72 same-source pairs registered within 3°, hard seed 7 62 → 63 (AUC 0.928 → 0.938),
    /// random hard conditions 58 → 59, real sets unchanged. Eight candidates instead of four gained nothing more.
    /// </summary>
    public bool SelectBySectors { get; init; } = true;

    /// <summary>
    /// Shifts whose overlap is below this fraction of the smaller scan's valid area are not considered. 0.2 since
    /// compare 1.7 (0.35 before): two crops of one breech face sharing 26 % register at the right angle instead of
    /// failing (<c>GlobalRegistrarTests.Register_TwoCropsSharingAQuarter_…</c>), and with the sector choice no
    /// evaluated set scored differently (8 % dropouts with 50 % contact, hard seed 7, the real files: the same AUC and
    /// registrations, measured 2026-12-06).
    /// </summary>
    public double MinOverlapFraction { get; init => field = InRange(value, 0.05, 1, nameof(MinOverlapFraction)); } = 0.2;

    internal static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");

    internal static double InRange(double value, double min, double max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
}
