using Ballistics.Engine.FiringPin;

namespace Ballistics.Engine.Comparison;

/// <summary>Options of the comparison of two prepared scans; recorded with every result.</summary>
public sealed record ComparisonOptions
{
    public static ComparisonOptions Default { get; } = new();

    public RegistrationOptions Registration { get; init => field = value ?? throw new ArgumentNullException(nameof(Registration)); } = RegistrationOptions.Default;

    public CmcOptions Cmc { get; init => field = value ?? throw new ArgumentNullException(nameof(Cmc)); } = CmcOptions.Default;

    /// <summary>How the firing-pin impressions are compared, when both scans hold one.</summary>
    public FiringPinComparisonOptions FiringPin { get; init => field = value ?? throw new ArgumentNullException(nameof(FiringPin)); } = FiringPinComparisonOptions.Default;

    /// <summary>How the aperture-shear bands' striae are compared, when both scans hold one.</summary>
    public ApertureShearComparisonOptions ApertureShear { get; init => field = value ?? throw new ArgumentNullException(nameof(ApertureShear)); } = ApertureShearComparisonOptions.Default;

    /// <summary>When two topographies are compared in the band both hold instead of each one's prepared band.</summary>
    public CommonBandOptions CommonBand { get; init => field = value ?? throw new ArgumentNullException(nameof(CommonBand)); } = CommonBandOptions.Default;
}
