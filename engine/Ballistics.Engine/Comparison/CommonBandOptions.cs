namespace Ballistics.Engine.Comparison;

/// <summary>
/// When two topographies are compared in the band both of them hold. A scan another lab's pipeline already filtered
/// (often a 16–300 µm band; CSAFE's is 16–500 µm) keeps almost nothing beyond its long cut-off, while a raw scan
/// prepared here keeps relief out to 600 µm: cells of the two then correlate on a band only one of them has. Such a pair
/// is compared with both scans high-passed at <see cref="LongCutoffUm"/>; a pair whose scans hold alike keeps the
/// prepared band, which separates two raw scans better (docs/accuracy.md).
/// </summary>
public sealed record CommonBandOptions
{
    public static CommonBandOptions Default { get; } = new();

    /// <summary>The long cut-off both scans of a pair are high-passed at when their bands differ; 0 never narrows.</summary>
    public double LongCutoffUm { get; init => field = RegistrationOptions.InRange(value, 0, 10_000, nameof(LongCutoffUm)); } = 300;

    /// <summary>
    /// The wavelength beyond which the two scans' relief is weighed: long enough that a scan filtered at about
    /// <see cref="LongCutoffUm"/> has let little through (a fifth of the amplitude at 450 µm) and a scan prepared at 600 µm
    /// much (two thirds).
    /// </summary>
    public double ProbeCutoffUm { get; init => field = RegistrationOptions.InRange(value, 1, 10_000, nameof(ProbeCutoffUm)); } = 450;

    /// <summary>
    /// A pair is narrowed when the scan holding less relief beyond <see cref="ProbeCutoffUm"/> (as a share of its prepared
    /// relief's variance) holds less than this fraction of what the other holds. On the generated sets with both layouts
    /// (n22) a scan another lab filtered holds 0.017–0.030 of its relief there and a raw one 0.050–0.108; so the rule is a
    /// ratio, not a level: the real files hold more everywhere (processed 0.10–0.24, raw 0.41–0.48).
    /// </summary>
    public double MaxShareRatio { get; init => field = RegistrationOptions.InRange(value, 0, 1, nameof(MaxShareRatio)); } = 0.5;
}
