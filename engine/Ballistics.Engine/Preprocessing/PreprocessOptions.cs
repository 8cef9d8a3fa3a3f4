using Ballistics.Engine.FiringPin;

namespace Ballistics.Engine.Preprocessing;

/// <summary>Where the breech-face region comes from and how it is trimmed. Lengths in micrometres.</summary>
public sealed record BreechFaceRegionOptions
{
    /// <summary>Expected primer radius (9 mm Luger small pistol primer: 4.4 mm diameter) and how far detection may stray from it.</summary>
    public double PrimerRadiusUm { get; init => field = Check.Positive(value, nameof(PrimerRadiusUm)); } = 2_200;

    /// <summary>Fraction of <see cref="PrimerRadiusUm"/> by which the detected primer edge may differ from it.</summary>
    public double PrimerRadiusTolerance { get; init => field = Check.InRange(value, 0.05, 0.6, nameof(PrimerRadiusTolerance)); } = 0.25;

    /// <summary>Band kept clear of the primer edge, where the primer rolls over into the gap.</summary>
    public double PrimerMarginUm { get; init => field = Check.NonNegative(value, nameof(PrimerMarginUm)); } = 150;

    /// <summary>Band kept clear around the firing-pin impression, whose walls are not breech-face marks.</summary>
    public double FiringPinMarginUm { get; init => field = Check.NonNegative(value, nameof(FiringPinMarginUm)); } = 120;

    /// <summary>How far beyond the firing-pin cut-out the crater's filtered ring is looked for and trimmed (<see cref="FiringPinHalo"/>).</summary>
    public double FiringPinHaloMaxUm { get; init => field = Check.NonNegative(value, nameof(FiringPinHaloMaxUm)); } = 600;

    /// <summary>A ring around the pin is trimmed while its RMS height exceeds this multiple of the breech face's robust RMS.</summary>
    public double FiringPinHaloRmsRatio { get; init => field = Check.InRange(value, 1, 10, nameof(FiringPinHaloRmsRatio)); } = 1.5;

    /// <summary>
    /// A halo trim that would remove more than this share of a region given with the scan (mask or another pipeline's
    /// crop) is not made: it would leave a crescent of the annulus. Measured on the shared processed scans: trims
    /// remove 0 % of most, 8 % of Baldwin K013 A2's masked region, about 20–26 % of the triplet's questioned case
    /// and Fadul E (which then failed to register against two others).
    /// </summary>
    public double MaxHaloTrimShare { get; init => field = Check.InRange(value, 0, 1, nameof(MaxHaloTrimShare)); } = 0.15;

    /// <summary>
    /// Depth below the primer's level at which a ray from the primer's rough centre has reached the gap to the case head
    /// (the primer edge's refinement). The firing-pin crater is found by <see cref="ApertureMinDeviationUm"/> since
    /// preprocessing 1.3; the name is kept because it is part of the options every prepared scan records.
    /// </summary>
    public double FiringPinDepthUm { get; init => field = Check.Positive(value, nameof(FiringPinDepthUm)); } = 20;

    /// <summary>
    /// A raw scan's firing-pin aperture zone (crater, flow-back, drag) is where heights leave the primer breech-face
    /// ring's level by more than the larger of this and <see cref="ApertureDeviationSigmas"/> times that ring's robust
    /// spread. Fadul's raw NanoFocus scans: the ring's spread is 2.3–2.5 µm, the flow-back lip stands 20–80 µm proud.
    /// </summary>
    public double ApertureMinDeviationUm { get; init => field = Check.Positive(value, nameof(ApertureMinDeviationUm)); } = 20;

    /// <summary>See <see cref="ApertureMinDeviationUm"/>.</summary>
    public double ApertureDeviationSigmas { get; init => field = Check.InRange(value, 2, 50, nameof(ApertureDeviationSigmas)); } = 6;

    /// <summary>
    /// Scans whose robust height range (1st to 99th percentile) is below this are taken as already cropped and filtered:
    /// the eight processed shared scans measure 5–9 µm, a raw case head with its primer step and crater far more.
    /// </summary>
    public double ProcessedRangeUm { get; init => field = Check.Positive(value, nameof(ProcessedRangeUm)); } = 40;

    /// <summary>The region's own edges (its outline, the firing-pin cut-out, large gaps) are eroded by this much: edges carry filter and instrument artefacts.</summary>
    public double EdgeErosionUm { get; init => field = Check.NonNegative(value, nameof(EdgeErosionUm)); } = 40;

    /// <summary>
    /// Gaps inside the region no larger than this (dropouts, removed spikes, dust) are not edges and are not eroded:
    /// the masked band-pass already ignores them, and eroding around each one by <see cref="EdgeErosionUm"/> left a
    /// speckled scan with holes everywhere (10 % speckle: 94–98 % of the clean breech face kept instead of far less;
    /// eroding their rims by one point kept 90–97 % and narrowed the real scans' margin). Default: a disc of 150 µm
    /// radius, far below any firing-pin cut-out.
    /// </summary>
    public double MaxDropoutAreaUm2 { get; init => field = Check.NonNegative(value, nameof(MaxDropoutAreaUm2)); } = Math.PI * 150 * 150;
}

/// <summary>Points far from their neighbourhood are removed: spikes, dust, instrument dropouts that read as values.</summary>
public sealed record OutlierOptions
{
    /// <summary>
    /// Robust z-score (residual from the local median over 1.4826·MAD of all residuals) above which a point is
    /// invalid. Default 5: far above ordinary roughness; on the band-passed shared real scans it removes 2–4 % of points (many beside region edges).
    /// </summary>
    public double MaxRobustZ { get; init => field = Check.InRange(value, 1, 100, nameof(MaxRobustZ)); } = 5;

    /// <summary>Side of the local median window (5 points at 10 µm; OpenCV's float median takes 3 or 5 only).</summary>
    public double WindowUm { get; init => field = Check.Positive(value, nameof(WindowUm)); } = 50;
}

/// <summary>Robust removal of the form: a plane (or a quadratic) fitted by iteratively reweighted least squares.</summary>
public sealed record LevellingOptions
{
    /// <summary>1 = plane, 2 = quadratic (default: primer curvature too, so the band-pass starts from a flat surface and its edges behave).</summary>
    public int Order { get; init => field = (int)Check.InRange(value, 1, 2, nameof(Order)); } = 2;

    public int Iterations { get; init => field = (int)Check.InRange(value, 1, 20, nameof(Iterations)); } = 4;
}

/// <summary>
/// The primer's form about its centre, taken off a region found in a raw scan's heights before the band-pass
/// (<see cref="AxisymmetricForm"/>). A region given with the scan (a mask, another pipeline's crop) is left as given.
/// </summary>
public sealed record RadialFormOptions
{
    /// <summary>
    /// Gaussian σ across rings of the ring means taken off; 0 takes nothing off. Default 50 µm: the roll-over towards
    /// the primer's edge falls over 300 µm, while concentric marks repeating every 150 µm or less keep nine tenths of
    /// themselves (marks that vary round the ring are not touched).
    /// </summary>
    public double SmoothingUm { get; init => field = Check.NonNegative(value, nameof(SmoothingUm)); } = 50;
}

/// <summary>
/// Gaussian band-pass after ISO 16610-21: weighting exp(−π(x/(αλc))²), α = √(ln 2 / π), so a wavelength equal
/// to a cut-off keeps half its amplitude. Normalised convolution ignores invalid points.
/// </summary>
public sealed record BandPassOptions
{
    /// <summary>
    /// Wavelengths shorter than this are attenuated. Default 20 µm: twice the default 10 µm grid step, the shortest
    /// wavelength that grid holds; shorter waves would alias and are mostly instrument noise (the Fadul scans were
    /// filtered at 16 µm on their 6.25 µm grid). Scale it with <see cref="ResampleOptions.TargetStepUm"/>.
    /// </summary>
    public double ShortCutoffUm { get; init => field = Check.Positive(value, nameof(ShortCutoffUm)); } = 20;

    /// <summary>
    /// Wavelengths longer than this are removed. Default 600 µm: well below the 1–1.5 mm width of the breech-face
    /// annulus, so primer curvature, tilt and waviness go, and well above the tens to few hundred µm of breech-face
    /// marks, which stay (the Fadul scans used 500 µm). A starting value, to be re-tuned on labelled pairs.
    /// </summary>
    public double LongCutoffUm { get; init => field = Check.Positive(value, nameof(LongCutoffUm)); } = 600;

    /// <summary>A filtered point needs at least this fraction of the kernel's weight on valid points.</summary>
    public double MinWeight { get; init => field = Check.InRange(value, 0.01, 1, nameof(MinWeight)); } = 0.3;
}

/// <summary>The common grid of every prepared scan, so scans from instruments at 3.1–7.4 µm compare.</summary>
public sealed record ResampleOptions
{
    /// <summary>
    /// Grid step of every prepared scan, both axes. Default 10 µm: coarser than every instrument in the data
    /// (3.1–7.4 µm), so each scan is averaged down rather than interpolated up, fine enough for marks above the
    /// 20 µm short cut-off, and a 3.4 mm breech face becomes about 340² points, which keeps the comparison fast.
    /// </summary>
    public double TargetStepUm { get; init => field = Check.InRange(value, 1, 100, nameof(TargetStepUm)); } = 10;

    /// <summary>An output point is valid when at least this fraction of the input it covers was valid.</summary>
    public double MinValidFraction { get; init => field = Check.InRange(value, 0.01, 1, nameof(MinValidFraction)); } = 0.5;
}

/// <summary>All preprocessing options; recorded with every prepared scan and every comparison.</summary>
public sealed record PreprocessOptions
{
    public static PreprocessOptions Default { get; } = new();

    public BreechFaceRegionOptions Region { get; init => field = value ?? throw new ArgumentNullException(nameof(Region)); } = new();

    public OutlierOptions Outliers { get; init => field = value ?? throw new ArgumentNullException(nameof(Outliers)); } = new();

    public LevellingOptions Levelling { get; init => field = value ?? throw new ArgumentNullException(nameof(Levelling)); } = new();

    public RadialFormOptions RadialForm { get; init => field = value ?? throw new ArgumentNullException(nameof(RadialForm)); } = new();

    public BandPassOptions BandPass
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value.ShortCutoffUm < value.LongCutoffUm
                ? value
                : throw new ArgumentOutOfRangeException(nameof(BandPass), $"The short cut-off ({value.ShortCutoffUm} µm) must be below the long one ({value.LongCutoffUm} µm).");
        }
    } = new();

    public ResampleOptions Resample { get; init => field = value ?? throw new ArgumentNullException(nameof(Resample)); } = new();

    /// <summary>How a raw scan's firing-pin impression is cut out and prepared (a second witness beside the breech face).</summary>
    public FiringPinOptions FiringPin
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value.ShortCutoffUm < value.LongCutoffUm
                ? value
                : throw new ArgumentOutOfRangeException(nameof(FiringPin), $"The firing pin's short cut-off ({value.ShortCutoffUm} µm) must be below its long one ({value.LongCutoffUm} µm).");
        }
    } = new();

    /// <summary>How a photograph (a 2D image) is prepared instead of a topography.</summary>
    public PhotographOptions Photograph { get; init => field = value ?? throw new ArgumentNullException(nameof(Photograph)); } = new();

    /// <summary>How the band about a raw scan's firing-pin crater is prepared for its shear and drag striae (a third witness).</summary>
    public ApertureShearOptions ApertureShear
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value.ShortCutoffUm < value.LongCutoffUm
                ? value
                : throw new ArgumentOutOfRangeException(nameof(ApertureShear), $"The aperture shear's short cut-off ({value.ShortCutoffUm} µm) must be below its long one ({value.LongCutoffUm} µm).");
        }
    } = new();
}

internal static class Check
{
    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");

    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive.");

    public static double InRange(double value, double min, double max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
}
