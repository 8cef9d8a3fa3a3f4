using System.Diagnostics;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Matching;

/// <summary>
/// The matching core in one place: prepare a scan once, compare prepared scans as often as needed, and put a
/// lead score on each comparison. Thread-safe: comparisons may run on all cores at once.
/// </summary>
public sealed class BreechFaceMatcher
{
    public const string ComparisonVersion = "compare/1.6";

    private readonly SurfaceComparer _comparer;

    /// <param name="model">Null for a matcher that only measures features (training).</param>
    /// <param name="preprocess">Preprocessing options; the defaults when null.</param>
    /// <param name="comparison">Comparison options; the defaults when null.</param>
    public BreechFaceMatcher(ScoreModel? model, PreprocessOptions? preprocess = null, ComparisonOptions? comparison = null)
    {
        Model = model;
        PreprocessOptions = preprocess ?? PreprocessOptions.Default;
        ComparisonOptions = comparison ?? ComparisonOptions.Default;
        _comparer = new SurfaceComparer(ComparisonOptions);
    }

    public ScoreModel? Model { get; }

    public PreprocessOptions PreprocessOptions { get; }

    public ComparisonOptions ComparisonOptions { get; }

    /// <summary>
    /// Breech-face region, levelling, filtering and resampling of one raw or processed scan, and the scan's own
    /// share of every later comparison (its coarse level and polar spectrum), done here once.
    /// </summary>
    /// <param name="surface">The scan as read.</param>
    /// <param name="withComparisonView">
    /// False when the scan is only stored and signed (corpus add): the view is then built by the first comparison.
    /// </param>
    public PreparedScan Prepare(Surface surface, bool withComparisonView = true)
    {
        var prepared = Preprocessor.Prepare(surface, PreprocessOptions);
        if (withComparisonView)
        {
            prepared.ComparisonView(_comparer);
        }

        return prepared;
    }

    /// <summary>Features only, without a score: what the score model is trained on.</summary>
    public ComparisonFeatures Features(PreparedScan a, PreparedScan b) => Measure(a, b).Features;

    /// <summary>
    /// The scan's stage-1 signature (corpus search), or null when the scan is too small to have one. With the turning
    /// axis known and no comparison view built yet, only the centred polar image is made (the same numbers, far less
    /// work: adding a scan to a corpus needs nothing else).
    /// </summary>
    public float[]? Signature(PreparedScan scan, SignatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(options);
        if (scan.HasComparisonView || scan.TurningAxisUm is not { } axis)
        {
            return ScanSignature.Of(scan.ComparisonView(_comparer), options);
        }

        var surface = scan.Surface;
        using var image = MaskedImage.FromHeights(surface.Values, surface.Width, surface.Height);
        var (polar, coarseStepUm) = ComparableScan.CentredPolarOnly(image, surface.LateralStepXUm, ComparisonOptions.Registration, axis);
        using (polar)
        {
            return polar is null ? null : ScanSignature.FromPolar(polar, coarseStepUm, options);
        }
    }

    public ComparisonResult Compare(PreparedScan a, PreparedScan b)
    {
        var model = Model ?? throw new InvalidOperationException("This matcher was made without a score model; it measures features only.");
        var watch = Stopwatch.StartNew();
        var measured = Measure(a, b);
        var score = model.Score(measured.Features);
        return new ComparisonResult
        {
            Score = score,
            CmcCount = measured.Features.CmcMin,
            Ccf = measured.Features.AlignedCcf,
            Registration = measured.Registration,
            Features = measured.Features,
            Forward = measured.Forward,
            Backward = measured.Backward,
            Options = ComparisonOptions,
            PreprocessOptionsA = a.Options,
            PreprocessOptionsB = b.Options,
            AlgorithmVersion = $"{a.AlgorithmVersion} {ComparisonVersion} {model.Version}",
            ElapsedMs = watch.Elapsed.TotalMilliseconds,
        };
    }

    private SurfaceComparison Measure(PreparedScan a, PreparedScan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Surface.LateralStepXUm - b.Surface.LateralStepXUm) > 1e-6 * a.Surface.LateralStepXUm)
        {
            throw new ArgumentException($"Prepared scans must share one step; got {a.Surface.LateralStepXUm} µm and {b.Surface.LateralStepXUm} µm. Prepare both with the same options.", nameof(b));
        }

        return _comparer.Compare(a.ComparisonView(_comparer), b.ComparisonView(_comparer));
    }
}
