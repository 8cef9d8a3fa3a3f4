using Ballistics.Engine.Comparison;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Matching;

/// <summary>
/// The outcome of comparing two cartridge-case scans: a lead score in [0, 1] (higher = more likely the same
/// firearm) with the evidence behind it and everything needed to reproduce it. Not a match verdict.
/// </summary>
public sealed record ComparisonResult
{
    /// <summary>
    /// Probability-like lead score: the breech face's (<see cref="ScoreBf"/>) fused with the firing pin's
    /// (<see cref="ScoreFp"/>) when the firing pins were compared, else the breech face's as it is.
    /// </summary>
    public required double Score { get; init; }

    /// <summary>The breech face's own score (the score model on the breech-face features).</summary>
    public required double ScoreBf { get; init; }

    /// <summary>The firing pin's own score; null when the firing pins were not compared (<see cref="FiringPin"/> says why).</summary>
    public double? ScoreFp { get; init; }

    /// <summary>The aperture shear's own score, reported beside <see cref="Score"/> and not fused into it; null when the bands were not compared (<see cref="ApertureShear"/> says why).</summary>
    public double? ScoreShear { get; init; }

    /// <summary>
    /// What was compared: <c>3d</c> two topographies, <c>2d</c> two photographs, <c>3d-2d</c> a topography rendered as a
    /// photograph against a photograph. Each has its own score model; their scores are not one scale.
    /// </summary>
    public string Modality { get; init; } = Modalities.Topography;

    /// <summary>How the two photographs were lit and whether that differs; null for two topographies.</summary>
    public LightingAgreement? Lighting { get; init; }

    /// <summary>
    /// The long cut-off (µm) both topographies were high-passed at because one held much less relief beyond it than the
    /// other (a scan another lab had filtered against a raw one; <see cref="CommonBandOptions"/>); null when each was
    /// compared in its prepared band.
    /// </summary>
    public double? CommonBandLongCutoffUm { get; init; }

    /// <summary>Congruent matching cells: the smaller count of the two directions.</summary>
    public required int CmcCount { get; init; }

    /// <summary>Correlation of the two filtered surfaces over their overlap after registration.</summary>
    public required double Ccf { get; init; }

    /// <summary>How B lies on A (see <see cref="Comparison.Registration"/>).</summary>
    public required Registration Registration { get; init; }

    public required ComparisonFeatures Features { get; init; }

    /// <summary>The firing-pin impressions compared (or why they were not): a second witness beside the breech face.</summary>
    public FiringPinComparison FiringPin { get; init; } = FiringPinComparison.Absent("not compared");

    /// <summary>The striae the aperture's edge sheared and a drag scored about the firing pins, compared (or why not): a third witness.</summary>
    public ApertureShearComparison ApertureShear { get; init; } = ApertureShearComparison.Absent("not compared");

    /// <summary>A's cells searched in B.</summary>
    public required CmcDirection Forward { get; init; }

    /// <summary>B's cells searched in A.</summary>
    public required CmcDirection Backward { get; init; }

    public required ComparisonOptions Options { get; init; }

    /// <summary>Share of A's breech-face region that preprocessing kept and the comparison used (<see cref="PreparedScan.KeptShare"/>).</summary>
    public required double KeptShareA { get; init; }

    /// <summary>Share of B's breech-face region kept.</summary>
    public required double KeptShareB { get; init; }

    /// <summary>What preprocessing decided for A and why (region found, firing-pin aperture, trims refused), for the examiner.</summary>
    public IReadOnlyList<string> PreprocessNotesA { get; init; } = [];

    /// <summary>What preprocessing decided for B.</summary>
    public IReadOnlyList<string> PreprocessNotesB { get; init; } = [];

    public required PreprocessOptions PreprocessOptionsA { get; init; }

    public required PreprocessOptions PreprocessOptionsB { get; init; }

    /// <summary>Versions of every algorithm that produced the result, e.g. "preprocess/1.1 compare/1.0 lightgbm-…".</summary>
    public required string AlgorithmVersion { get; init; }

    /// <summary>Wall time of the comparison (not of preprocessing).</summary>
    public required double ElapsedMs { get; init; }
}

/// <summary>The names of what a comparison compared, as every output writes them.</summary>
public static class Modalities
{
    public const string Topography = "3d";
    public const string Photograph = "2d";
    public const string TopographyAsPhotograph = "3d-2d";

    /// <summary>The modality of two prepared scans of one kind (a rendered topography counts as 3D).</summary>
    public static string Of(PreparedScan a, PreparedScan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Kind != Surfaces.SurfaceKind.Intensity2D)
        {
            return Topography;
        }

        return a.Surface.Metadata.RenderedFrom is not null || b.Surface.Metadata.RenderedFrom is not null ? TopographyAsPhotograph : Photograph;
    }
}
