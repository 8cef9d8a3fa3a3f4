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

    /// <summary>Builds the scan's comparison view now if it has none (a search's query, before screening candidates).</summary>
    internal void EnsureComparisonView(PreparedScan scan) => scan.ComparisonView(_comparer);

    /// <summary>Features only, without a score: what the score model is trained on.</summary>
    public ComparisonFeatures Features(PreparedScan a, PreparedScan b) => Measure(a, b).Features;

    /// <summary>
    /// The scan's stage-1 signature (corpus search), or null when the scan is too small to have one. With the turning
    /// axis known and no comparison view built yet, it comes from the centred polar samples alone (the same numbers,
    /// far less work: adding a scan to a corpus needs nothing else).
    /// </summary>
    public float[]? Signature(PreparedScan scan, SignatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(options);
        if (scan.HasComparisonView || scan.TurningAxisUm is null)
        {
            return ScanSignature.Of(scan.ComparisonView(_comparer), options);
        }

        return TurnSamplesOf(scan) is { } samples ? Signature(samples, options) : null;
    }

    /// <summary>The signature of a scan's turn samples (those of <see cref="TurnSamplesOf"/>).</summary>
    public static float[] Signature(TurnSamples samples, SignatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        using var polar = samples.ToPolar();
        return ScanSignature.FromPolar(polar, samples.CoarseStepUm, options);
    }

    /// <summary>
    /// The scan sampled on rings about its firing-pin axis, as its comparison view would sample it; null when the axis
    /// is unknown (the view then centres on the valid points' centroid) or the scan is too small.
    /// </summary>
    public TurnSamples? TurnSamplesOf(PreparedScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (scan.TurningAxisUm is not { } axis)
        {
            return null;
        }

        var surface = scan.Surface;
        using var image = MaskedImage.FromHeights(surface.Values, surface.Width, surface.Height);
        var (samples, coarseStepUm) = ComparableScan.CentredPolarSamples(image, surface.LateralStepXUm, ComparisonOptions.Registration, axis);
        return samples is { } s ? new TurnSamples(s.Values, s.Valid, s.Rings, coarseStepUm) : null;
    }

    /// <summary>
    /// How sharply two scans' centred polar images correlate at their best turn about the firing-pin axis: the peak of
    /// the masked NCC over all 720 turns, in standard deviations of that profile above its mean. It is the first step
    /// of registration alone (about 1 ms a pair once the polar images exist) and ranks mates well enough to choose which
    /// candidates of a search get the full comparison (docs/benchmarks.md); null when either scan is too small.
    /// </summary>
    public double? TurnScreen(PreparedScan query, PreparedScan candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        var (a, ownA) = CentredPolar(query);
        var (b, ownB) = CentredPolar(candidate);
        return Screen(a, ownA, b, ownB);
    }

    /// <summary>The turn screen against a candidate's stored turn samples (a corpus's cache), without its surface.</summary>
    public double? TurnScreen(PreparedScan query, TurnSamples candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        var (a, ownA) = CentredPolar(query);
        return Screen(a, ownA, candidate.ToPolar(), true);
    }

    private double? Screen(CentredPolarImage? a, bool ownA, CentredPolarImage? b, bool ownB)
    {
        try
        {
            if (a is null || b is null)
            {
                return null;
            }

            Span<double> profile = stackalloc double[CentredPolarImage.Angles];
            var minOverlap = Math.Max(16, (int)(ComparisonOptions.Registration.MinOverlapFraction * Math.Min(a.ValidCount, b.ValidCount)));
            CentredPolarImage.Profile(a, b, minOverlap, profile);
            double sum = 0, squares = 0, peak = double.NegativeInfinity;
            var count = 0;
            foreach (var value in profile)
            {
                // −2 marks turns whose overlap is too small to count.
                if (value > -2)
                {
                    sum += value;
                    squares += value * value;
                    peak = Math.Max(peak, value);
                    count++;
                }
            }

            if (count < 2)
            {
                return null;
            }

            var mean = sum / count;
            var sd = Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
            return sd > 0 ? (peak - mean) / sd : 0;
        }
        finally
        {
            if (ownA)
            {
                a?.Dispose();
            }

            if (ownB)
            {
                b?.Dispose();
            }
        }
    }

    /// <summary>The view's centred polar image when the view exists (not owned), else one built for the caller (owned).</summary>
    private (CentredPolarImage? Polar, bool Owned) CentredPolar(PreparedScan scan)
    {
        if (scan.HasComparisonView || scan.TurningAxisUm is null)
        {
            return (scan.ComparisonView(_comparer).CentredPolar, false);
        }

        return TurnSamplesOf(scan) is { } samples ? (samples.ToPolar(), true) : (null, false);
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
