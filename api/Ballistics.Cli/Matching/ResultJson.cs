using Ballistics.Engine.Comparison;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Matching;

namespace Ballistics.Cli.Matching;

/// <summary>
/// The JSON shape of one comparison, as `compare --json` prints it. A pair that could not be registered has
/// `registration.status` "failed" with its reason, and no pose (null theta, dx, dy). `common_band_long_cutoff_um` is the
/// long cut-off both scans were high-passed at because their bands differed, null when each kept its prepared band.
/// </summary>
internal sealed record ResultJson(
    string A,
    string B,
    string Modality,
    double Score,
    double ScoreBf,
    double? ScoreFp,
    double? ScoreShear,
    int Cmc,
    double Ccf,
    double? ThetaDeg,
    double? DxUm,
    double? DyUm,
    RegistrationOutcome Registration,
    LightingJson? Lighting,
    FiringPinJson FiringPin,
    ApertureShearJson ApertureShear,
    double KeptShareA,
    double KeptShareB,
    double? CommonBandLongCutoffUm,
    IReadOnlyList<string> PreprocessNotesA,
    IReadOnlyList<string> PreprocessNotesB,
    double Ms,
    ComparisonFeatures Features,
    CmcDirection Forward,
    CmcDirection Backward,
    object Options,
    string AlgorithmVersion,
    string Note)
{
    public const string LeadNote = "An investigative lead score for a firearms examiner, not an identification.";

    public static ResultJson From(string a, string b, ComparisonResult r)
    {
        var registration = RegistrationOutcome.Of(r.Registration);
        return new(
            a, b, r.Modality, r.Score, r.ScoreBf, r.ScoreFp, r.ScoreShear, r.CmcCount, r.Ccf,
            registration.Pose(r.Registration.RotationDeg),
            registration.Pose(r.Registration.DxUm),
            registration.Pose(r.Registration.DyUm),
            registration, LightingJson.Of(r.Lighting), FiringPinJson.Of(r.FiringPin), ApertureShearJson.Of(r.ApertureShear), r.KeptShareA, r.KeptShareB, r.CommonBandLongCutoffUm, r.PreprocessNotesA, r.PreprocessNotesB, r.ElapsedMs,
            r.Features, r.Forward with { Cells = [.. r.Forward.Cells.Where(c => c.Found)] }, r.Backward with { Cells = [.. r.Backward.Cells.Where(c => c.Found)] },
            new { comparison = r.Options, preprocess_a = r.PreprocessOptionsA, preprocess_b = r.PreprocessOptionsB }, r.AlgorithmVersion, LeadNote);
    }
}

/// <summary>
/// How two photographs were lit (`ring`, `side`, `unknown`) and whether that differs (null: cannot be told), whether B's
/// shading was inverted, for a scan rendered as a photograph the direction its light was kept brighter from (or that the
/// rendering under an even ring was kept), and for a
/// photograph relit from another side the turn (nulls otherwise); absent for two topographies.
/// </summary>
internal sealed record LightingJson(string A, string B, bool? Differs, string Note, bool ShadingInverted, double? RenderedLightAzimuthDeg, bool RenderedEvenRing, double? SteeredDeg)
{
    public static LightingJson? Of(LightingAgreement? l) => l is null ? null : new(Name(l.A), Name(l.B), l.Differs, l.Note, l.ShadingInverted, l.RenderedLightAzimuthDeg, l.RenderedEvenRing, l.SteeredDeg);

    private static string Name(Engine.Surfaces.ImageLighting light) => Engine.Surfaces.ImageLightingNames.Name(light);
}

/// <summary>
/// The firing-pin impressions' comparison as JSON: `status` (`compared`, `absent`, `failed`) with the reason when not
/// compared, and then no pose or correlation (nulls), never zeros that read like a result.
/// </summary>
internal sealed record FiringPinJson(
    string Status,
    string? Reason,
    double? Ncc,
    double? NccForward,
    double? NccBackward,
    double? RotationDeg,
    double? AxisShiftUm,
    double? PeakZ,
    double? AngleFromBreechFaceDeg,
    int? OverlapPoints,
    double? RingNcc,
    double? RingStrength)
{
    /// <remarks>`ring_ncc` and `ring_strength` are null also for a comparison made when either floor held too few rings.</remarks>
    public static FiringPinJson Of(FiringPinComparison c) => c.Status == RegionComparisonStatus.Compared
        ? new("compared", null, c.Ncc, c.NccForward, c.NccBackward, c.RotationDeg, c.AxisShiftUm, c.PeakZ, c.AngleFromBreechFaceDeg, c.OverlapPoints, c.RingNcc, c.RingStrength)
        : new(c.Status.ToString().ToLowerInvariant(), c.Reason, null, null, null, null, null, null, null, null, null, null);
}

/// <summary>
/// The aperture-shear bands' comparison as JSON: `status` (`compared`, `absent`, `failed`) with the reason when not
/// compared, and then no direction or correlation (nulls).
/// </summary>
internal sealed record ApertureShearJson(
    string Status,
    string? Reason,
    double? Ncc,
    double? DirectionDeg,
    double? OffsetUm,
    double? OverlapUm,
    double? Coherence,
    double? RotationDeg)
{
    public static ApertureShearJson Of(ApertureShearComparison c) => c.Status == RegionComparisonStatus.Compared
        ? new("compared", null, c.Ncc, c.DirectionDeg, c.OffsetUm, c.OverlapUm, c.Coherence, c.RotationDeg)
        : new(c.Status.ToString().ToLowerInvariant(), c.Reason, null, null, null, null, null, null);
}
