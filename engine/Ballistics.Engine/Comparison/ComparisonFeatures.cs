namespace Ballistics.Engine.Comparison;

/// <summary>
/// Numbers that describe how well two breech faces agree, in the spirit of ACES (Zemmels et al. 2023):
/// the inputs of the score model. Counts are of the reference grid's cells; "min"/"max" are over the two
/// directions of the comparison.
/// </summary>
public sealed record ComparisonFeatures
{
    /// <summary>Masked NCC at the global registration (refinement grid).</summary>
    public required double RegistrationCcf { get; init; }

    /// <summary>Pearson correlation of the two filtered surfaces over every point valid in both, after alignment at the comparison step.</summary>
    public required double AlignedCcf { get; init; }

    /// <summary>Overlap after alignment as a fraction of the smaller scan's valid area.</summary>
    public required double OverlapFraction { get; init; }

    public required int CmcMin { get; init; }

    public required int CmcMax { get; init; }

    public required double CmcFractionMin { get; init; }

    public required double CmcFractionMax { get; init; }

    public required int HighCmcMin { get; init; }

    public required int HighCmcMax { get; init; }

    public required int ValidCellsMin { get; init; }

    /// <summary>Mean over cells of each cell's best CCF, averaged over the two directions.</summary>
    public required double MeanCellCcf { get; init; }

    /// <summary>Fraction of cells whose best CCF passes the threshold (both directions pooled).</summary>
    public required double FractionCellsAboveThreshold { get; init; }

    /// <summary>Root-mean-square distance (µm) of cell translations above the CCF threshold from their median: tight for a true match.</summary>
    public required double TranslationSpreadUm { get; init; }

    /// <summary>Standard deviation (degrees) of the best-cell angles above the CCF threshold.</summary>
    public required double RotationSpreadDeg { get; init; }

    /// <summary>
    /// Mean of the three best cell CCFs (both directions pooled). Marks only one firearm has — pits, scratches —
    /// sit in a few cells; those cells correlate far better for the same firearm than for one made with the
    /// same tools, whose shared subclass pattern raises every cell a little instead.
    /// </summary>
    public required double TopCellCcf { get; init; }

    /// <summary>
    /// Pearson correlation after alignment of the two scans with their dominant parallel marks removed
    /// (<see cref="StriationFilter"/>): what remains is what a shared machining tool does not pass on.
    /// </summary>
    public required double ResidualCcf { get; init; }

    /// <summary>
    /// The area (µm²) over which the two scans' textures stay correlated together (<see cref="TextureCorrelation"/>):
    /// what sets the chance level of every correlation below. Reported, not scored.
    /// </summary>
    public required double SharedCorrelationAreaUm2 { get; init; }

    /// <summary>Registration CCF in units of its spread between unrelated scans of these textures (Fisher z × √effective points).</summary>
    public required double RegistrationZ { get; init; }

    /// <summary>Aligned CCF standardised like <see cref="RegistrationZ"/>.</summary>
    public required double AlignedZ { get; init; }

    /// <summary>Mean over found cells (both directions) of each cell's CCF standardised by the cell's valid area.</summary>
    public required double MeanCellZ { get; init; }

    /// <summary>Mean of the three best standardised cell CCFs.</summary>
    public required double TopCellZ { get; init; }

    /// <summary>Striation-residual CCF standardised like <see cref="RegistrationZ"/>.</summary>
    public required double ResidualZ { get; init; }

    /// <summary>Congruent cells (original CMC rule) whose standardised CCF is beyond chance, smaller of the two directions.</summary>
    public required int SignificantCmcMin { get; init; }

    /// <summary>As <see cref="SignificantCmcMin"/>, larger of the two directions.</summary>
    public required int SignificantCmcMax { get; init; }

    /// <summary>Pearson correlation after alignment of the two whitened scans (<see cref="SpectralWhitening"/>).</summary>
    public required double WhitenedCcf { get; init; }

    /// <summary><see cref="WhitenedCcf"/> standardised by the whitened textures' chance level.</summary>
    public required double WhitenedZ { get; init; }

    /// <summary>
    /// The aligned correlation where the two scans agree at all: the better half of twelve sectors about the turning
    /// axis, each standardised by its own area, summed over √6. Partial contact leaves marks on part of the annulus
    /// only; this does not dilute them with the rest.
    /// </summary>
    public required double AgreeingSectorsZ { get; init; }

    /// <summary>Difference of the consensus angles of the two directions (they should be opposite, i.e. sum to 0).</summary>
    public required double DirectionAngleDisagreementDeg { get; init; }

    /// <summary>The features in a fixed order for the model; names in <see cref="Names"/>.</summary>
    public float[] ToVector() =>
    [
        (float)RegistrationCcf, (float)AlignedCcf, (float)OverlapFraction, CmcMin, CmcMax, (float)CmcFractionMin, (float)CmcFractionMax,
        HighCmcMin, HighCmcMax, ValidCellsMin, (float)MeanCellCcf, (float)FractionCellsAboveThreshold, (float)TranslationSpreadUm,
        (float)RotationSpreadDeg, (float)DirectionAngleDisagreementDeg, (float)TopCellCcf, (float)ResidualCcf,
        (float)SharedCorrelationAreaUm2, (float)RegistrationZ, (float)AlignedZ, (float)MeanCellZ, (float)TopCellZ,
        (float)ResidualZ, SignificantCmcMin, SignificantCmcMax, (float)WhitenedCcf, (float)WhitenedZ,
        (float)AgreeingSectorsZ,
    ];

    /// <summary>
    /// Positions in <see cref="ToVector"/> of the features the score model reads: the correlations standardised by
    /// their chance level for the two textures (<see cref="TextureCorrelation"/>) and the congruent cells beyond
    /// chance. Raw correlations and CMC counts carry the texture as much as the agreement: unrelated real Cadre scans
    /// correlate at 0.18 and share 2–7 congruent cells, as much as same-firearm generated scans, and a model trained
    /// on generated pairs scored them 0.5–0.8. Standardised, unrelated pairs of both kinds sit at 2–4 units.
    /// Overlap, valid cell count, spreads and angle disagreement describe the scans as much as their agreement and
    /// are reported but not scored. So is the whitened correlation: trees learned from the generator that a high
    /// registration z with a moderate whitened z means shared machining marks, and scored the real Fadul pair
    /// (CCF 0.80, 21 congruent cells) 0.21 instead of 0.68 — a lead score must not fall as evidence grows.
    /// </summary>
    public static IReadOnlyList<int> ModelInputs { get; } = [18, 19, 20, 21, 22, 23, 24, 27];

    /// <summary>The model's inputs (<see cref="ModelInputs"/>) in order.</summary>
    public float[] ToModelVector()
    {
        var all = ToVector();
        return [.. ModelInputs.Select(i => all[i])];
    }

    public static IReadOnlyList<string> Names { get; } =
    [
        "registration_ccf", "aligned_ccf", "overlap_fraction", "cmc_min", "cmc_max", "cmc_fraction_min", "cmc_fraction_max",
        "high_cmc_min", "high_cmc_max", "valid_cells_min", "mean_cell_ccf", "fraction_cells_above_threshold", "translation_spread_um",
        "rotation_spread_deg", "direction_angle_disagreement_deg", "top_cell_ccf", "residual_ccf",
        "shared_correlation_area_um2", "registration_z", "aligned_z", "mean_cell_z", "top_cell_z",
        "residual_z", "significant_cmc_min", "significant_cmc_max", "whitened_ccf", "whitened_z",
        "agreeing_sectors_z",
    ];
}
