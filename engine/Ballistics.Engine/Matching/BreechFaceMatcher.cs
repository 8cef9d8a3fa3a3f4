using System.Diagnostics;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Rendering;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Matching;

/// <summary>
/// The matching core in one place: prepare a scan once, compare prepared scans as often as needed, and put a
/// lead score on each comparison. Thread-safe: comparisons may run on all cores at once.
/// </summary>
public sealed class BreechFaceMatcher
{
    /// <summary>
    /// 1.16: two topographies whose bands differ (one filtered by another lab's pipeline) are measured in the band both hold (<see cref="CommonBandOptions"/>);
    /// 1.15: a topography rendered to meet a ring photograph is rendered under an even ring too (<see cref="LightingModel.EvenRing"/>);
    /// 1.14: every rendering of a topography turned (side light too), and a photograph's shading as recorded relit from other sides; one side of a pair only;
    /// 1.13: a topography rendered to meet a photograph is rendered under four turns of its light and the best kept (<see cref="PreparedScan.Relit"/>);
    /// 1.12: a photograph whose shading is compared as recorded is compared with another photograph both ways round (<see cref="PreparedScan.Inverted"/>);
    /// 1.11: the firing pins' comparison adds their tips' turning marks (<see cref="FiringPin.TipRings"/>).
    /// </summary>
    public const string ComparisonVersion = "compare/1.16";

    private readonly SurfaceComparer _comparer;
    private readonly FiringPinComparer _firingPins;
    private readonly ApertureShearComparer _shears;

    static BreechFaceMatcher() => OpenCvThreads.Configure();

    /// <param name="model">Null for a matcher that only measures features (training).</param>
    /// <param name="preprocess">Preprocessing options; the defaults when null.</param>
    /// <param name="comparison">Comparison options; the defaults when null.</param>
    /// <param name="fusion">The firing pin's score and the fusion; the engine's embedded ones when null (none for a matcher without a score model).</param>
    /// <param name="photographModel">The score of two photographs; the engine's embedded one when null (none for a matcher without a score model).</param>
    /// <param name="scoreRegions">
    /// False for a matcher that compares the firing pin and the shear but leaves them unscored (the score is the breech
    /// face's): what the region models learn from, which must not need the models they replace.
    /// </param>
    public BreechFaceMatcher(ScoreModel? model, PreprocessOptions? preprocess = null, ComparisonOptions? comparison = null, RegionFusion? fusion = null, ScoreModel? photographModel = null, bool scoreRegions = true)
    {
        Model = model;
        PhotographModel = model is null ? null : photographModel ?? ScoreModel.PhotographDefault;
        Fusion = model is null || !scoreRegions ? null : fusion ?? RegionFusion.Default;
        PreprocessOptions = preprocess ?? PreprocessOptions.Default;
        ComparisonOptions = comparison ?? ComparisonOptions.Default;
        _comparer = new SurfaceComparer(ComparisonOptions);
        _firingPins = new FiringPinComparer(ComparisonOptions.FiringPin);
        _shears = new ApertureShearComparer(ComparisonOptions.ApertureShear);
    }

    public ScoreModel? Model { get; }

    /// <summary>What scores two photographs (2D ↔ 2D): a model of its own, trained on rendered photographs; null when there is none.</summary>
    public ScoreModel? PhotographModel { get; }

    /// <summary>The firing pin's score and the fusion of the regions' scores; null when the engine has none (then the score is the breech face's).</summary>
    public RegionFusion? Fusion { get; }

    /// <summary>
    /// The versions of every model that may score a comparison (the breech face's, and the firing pin's and the fusion's
    /// when there are any): what a search records, so that any of its comparisons made again is recognised as the same.
    /// </summary>
    public string ScoringVersion => Fusion is null ? Model?.Version ?? string.Empty : $"{Model?.Version} {Fusion.Version}";

    /// <summary>
    /// <see cref="ScoringVersion"/> for the comparisons of <paramref name="query"/>: a photograph's (or a topography rendered
    /// as one) are scored by <see cref="PhotographModel"/> alone.
    /// </summary>
    public string ScoringVersionFor(PreparedScan query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Kind == SurfaceKind.Intensity2D ? PhotographModel?.Version ?? string.Empty : ScoringVersion;
    }

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

    /// <summary>
    /// A topography prepared as a photograph, to be compared with photographs (3D ↔ 2D): rendered under
    /// <paramref name="lighting"/>'s typical light (<see cref="LightingModel.Typical"/>; a ring when unknown) on the
    /// comparison grid's pixels, then prepared and scored as any photograph. It is rendered with the light turned to each
    /// of <see cref="LightingModel.TurnsDeg"/> (<see cref="PreparedScan.Relit"/>): a photograph's shading follows where
    /// its light was brighter, which no photograph states in the case's frame, and even a relief integrated along a side
    /// lamp keeps least of what lay across it; a comparison keeps the rendering that agrees best. To meet a ring (or an
    /// unknown) light it is also rendered under an even ring: a ring lit evenly all round shades the slopes' squares, which
    /// no turn of an uneven one resembles (e8 rendered under rings 0–5 % uneven: AUC 0.845 without it, 0.888 with it).
    /// </summary>
    public PreparedScan PrepareAsPhotograph(Surface topography, ImageLighting lighting, bool withComparisonView = true)
    {
        ArgumentNullException.ThrowIfNull(topography);
        var turns = LightingModel.TurnsDeg;
        var first = Rendered(LightingModel.Typical(lighting, turns[0]));
        var relit = new List<PreparedScan>(turns.Count);
        for (var t = 1; t < turns.Count; t++)
        {
            relit.Add(Viewed(Rendered(LightingModel.Typical(lighting, turns[t])).WithRenderedLight(turns[t], [])));
        }

        if (lighting != ImageLighting.Side)
        {
            relit.Add(Viewed(Rendered(LightingModel.EvenRing).WithRenderedEvenRing()));
        }

        return Viewed(first.WithRenderedLight(turns[0], relit));

        PreparedScan Rendered(LightingModel light) =>
            Prepare(PhotographRendering.AsPhotograph(topography, light, PreprocessOptions.Resample.TargetStepUm), withComparisonView: false);

        PreparedScan Viewed(PreparedScan scan)
        {
            if (withComparisonView)
            {
                scan.ComparisonView(_comparer);
            }

            return scan;
        }
    }

    /// <summary>Builds the scan's comparison view now if it has none (a search's query, before screening candidates).</summary>
    internal void EnsureComparisonView(PreparedScan scan) => scan.ComparisonView(_comparer);

    /// <summary>
    /// Why two prepared scans cannot be compared, or null when they can: a photograph's intensities and a topography's
    /// heights are not one measure, and their scores are never put on one scale.
    /// </summary>
    public static string? Incomparable(PreparedScan a, PreparedScan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Kind == b.Kind ? null : "A photograph (2D) and a topography (3D) cannot be compared directly; compare photographs with photographs and scans with scans.";
    }

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

        // The polar samples alone: the coarse level a screen also keeps would cost a high-pass for nothing here.
        var surface = scan.Surface;
        using var image = MaskedImage.FromHeights(surface.Values, surface.Width, surface.Height);
        if (ComparableScan.CentredPolarSamples(image, surface.LateralStepXUm, ComparisonOptions.Registration, scan.TurningAxisUm.Value) is not { } polar)
        {
            return null;
        }

        using var polarImage = CentredPolarImage.FromSamples(polar.Values, polar.Valid, polar.Rings);
        return ScanSignature.FromPolar(polarImage, polar.CoarseStepUm, options);
    }

    /// <summary>The signature of a scan's screen samples (those of <see cref="ScreenSamplesOf"/>).</summary>
    public static float[] Signature(ScreenSamples samples, SignatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        using var polar = samples.ToPolar();
        return ScanSignature.FromPolar(polar, samples.CoarseStepUm, options);
    }

    /// <summary>
    /// What a corpus keeps of a scan for its signature and for the search's screen, as its comparison view would make
    /// it; null when the axis is unknown (the view then centres on the valid points' centroid) or the scan is too small.
    /// </summary>
    public ScreenSamples? ScreenSamplesOf(PreparedScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (scan.TurningAxisUm is not { } axis)
        {
            return null;
        }

        var surface = scan.Surface;
        using var image = MaskedImage.FromHeights(surface.Values, surface.Width, surface.Height);
        if (ComparableScan.ScreenPartsOf(image, surface.LateralStepXUm, ComparisonOptions.Registration, axis) is not { } parts)
        {
            return null;
        }

        using (parts.Coarse)
        {
            return ScreenSamples.From(parts);
        }
    }

    /// <summary>
    /// How well a candidate agrees with the query at the poses their firing-pin axes allow: the exact masked NCC of the
    /// coarse levels near the best few turns of the centred polar correlation — registration without its sweep and
    /// fine level, a few ms a pair — by which a search chooses the candidates that get the full comparison
    /// (docs/benchmarks.md). Null when either scan is too small.
    /// </summary>
    public double? Screen(PreparedScan query, ScreenSamples candidate, ScreenOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        using var polar = candidate.ToPolar();
        using var coarse = candidate.ToCoarse();
        return BestVariant(query.Variants(), view => Screen(view, (coarse, polar, candidate.CoarseAxis), candidate.CoarseStepUm, options));
    }

    /// <summary>The screen against a prepared candidate: from its view when it has one, else from its screen samples.</summary>
    public double? Screen(PreparedScan query, PreparedScan candidate, ScreenOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        if (!candidate.HasComparisonView && ScreenSamplesOf(candidate) is { } samples)
        {
            return Screen(query, samples, options);
        }

        var (queries, candidates) = Relit(query, candidate);
        double? best = null;
        foreach (var variant in candidates)
        {
            var view = variant.ComparisonView(_comparer);
            if (view.CentredPolar is { } polar && BestVariant(queries, q => Screen(q, (view.Coarse, polar, view.CoarseAxis), view.CoarseStepUm, options)) is { } s && !(s <= best))
            {
                best = s;
            }
        }

        return best;
    }

    /// <summary>
    /// The best screen of a query's variants the full comparison tries too (<see cref="Measure"/>): lit from other sides
    /// (<see cref="PreparedScan.Relit"/>), and for a photograph whose shading is as recorded, its negative. A candidate is
    /// of the query's modality; one integrated to relief is screened both ways as well, which only widens the candidates
    /// the full comparison sees.
    /// </summary>
    private double? BestVariant(IEnumerable<PreparedScan> queries, Func<ComparableScan, double?> screen)
    {
        double? best = null;
        foreach (var variant in queries)
        {
            Consider(screen(variant.ComparisonView(_comparer)));
            if (variant.ShadingAsIs)
            {
                Consider(screen(variant.Inverted().ComparisonView(_comparer)));
            }
        }

        return best;

        void Consider(double? score)
        {
            if (score is { } s && !(s <= best))
            {
                best = s;
            }
        }
    }

    private double? Screen(ComparableScan query, (MaskedImage Coarse, CentredPolarImage Polar, (double X, double Y) Axis) candidate, double candidateStepUm, ScreenOptions options)
    {
        if (Math.Abs(query.CoarseStepUm - candidateStepUm) > 1e-6 * query.CoarseStepUm)
        {
            throw new ArgumentException($"The candidate was sampled at {candidateStepUm} µm, the query at {query.CoarseStepUm} µm. Prepare both with the same options.", nameof(candidate));
        }

        if (query.CentredPolar is not { } polar)
        {
            return null;
        }

        return PoseScreen.Score((query.Coarse, polar, query.CoarseAxis), candidate, query.CoarseStepUm, options.Turns, options.ShiftRadiusUm, ComparisonOptions.Registration.MinOverlapFraction);
    }

    /// <summary>The striae about the firing pins, read at the firing pins' turn when they were compared, else at the breech faces'.</summary>
    private ApertureShearComparison CompareShears(PreparedScan a, PreparedScan b, FiringPinComparison firingPin, Registration breechFace) =>
        _shears.Compare(
            a.FiringPin.Shear,
            b.FiringPin.Shear,
            firingPin.Status == RegionComparisonStatus.Compared ? firingPin.RotationDeg : breechFace.Registered ? breechFace.RotationDeg : null);

    public ComparisonResult Compare(PreparedScan a, PreparedScan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var watch = Stopwatch.StartNew();
        var model = a.Kind == SurfaceKind.Intensity2D
            ? PhotographModel ?? throw new InvalidOperationException(Model is null
                ? "This matcher was made without a score model; it measures features only."
                : "This engine has no score model for photographs; train one with `ballistics model train --photographs`.")
            : Model ?? throw new InvalidOperationException("This matcher was made without a score model; it measures features only.");
        var measured = Measure(a, b);
        var scoreBf = model.Score(measured.Features);
        var firingPin = _firingPins.Compare(a.FiringPin, b.FiringPin, measured.Registration);
        double? scoreFp = Fusion is not null && firingPin.Status == RegionComparisonStatus.Compared ? Fusion.FiringPinScore(firingPin) : null;
        var shear = CompareShears(a, b, firingPin, measured.Registration);
        double? scoreShear = Fusion is not null && shear.Status == RegionComparisonStatus.Compared ? Fusion.ShearScore(shear) : null;
        return new ComparisonResult
        {
            FiringPin = firingPin,
            ApertureShear = shear,
            Modality = Modalities.Of(a, b),
            Lighting = a.Kind == SurfaceKind.Intensity2D ? LightingAgreement.Of(a.Surface.Metadata.Lighting, b.Surface.Metadata.Lighting, measured.Registration, measured.ShadingInverted, measured.RenderedLightAzimuthDeg, measured.SteeredDeg, measured.RenderedEvenRing) : null,
            CommonBandLongCutoffUm = measured.CommonBandLongCutoffUm,
            Score = Fusion?.Combine(scoreBf, scoreFp, firingPin.AngleFromBreechFaceDeg) ?? scoreBf,
            ScoreBf = scoreBf,
            ScoreFp = scoreFp,
            ScoreShear = scoreShear,
            CmcCount = measured.Features.CmcMin,
            Ccf = measured.Features.AlignedCcf,
            Registration = measured.Registration,
            Features = measured.Features,
            Forward = measured.Forward,
            Backward = measured.Backward,
            Options = ComparisonOptions,
            KeptShareA = a.KeptShare,
            KeptShareB = b.KeptShare,
            PreprocessNotesA = a.Notes,
            PreprocessNotesB = b.Notes,
            PreprocessOptionsA = a.Options,
            PreprocessOptionsB = b.Options,
            AlgorithmVersion = scoreFp is null && scoreShear is null ? $"{a.AlgorithmVersion} {ComparisonVersion} {model.Version}" : $"{a.AlgorithmVersion} {ComparisonVersion} {model.Version} {Fusion!.Version}",
            ElapsedMs = watch.Elapsed.TotalMilliseconds,
        };
    }

    private SurfaceComparison Measure(PreparedScan a, PreparedScan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Incomparable(a, b) is { } reason)
        {
            throw new ArgumentException(reason, nameof(b));
        }

        if (Math.Abs(a.Surface.LateralStepXUm - b.Surface.LateralStepXUm) > 1e-6 * a.Surface.LateralStepXUm)
        {
            throw new ArgumentException($"Prepared scans must share one step; got {a.Surface.LateralStepXUm} µm and {b.Surface.LateralStepXUm} µm. Prepare both with the same options.", nameof(b));
        }

        // A photograph's shading as recorded has the sign its light and metal gave it (PreparedScan.Inverted), against
        // another such photograph or a relief integrated from a side light alike: both signs are compared. A topography
        // rendered as a photograph is compared under each turn of its light (PreparedScan.Relit). The variant that agrees
        // best is kept, by the correlation alone so training and scoring choose alike; that needs each variant registered
        // only, and the rest of the comparison is measured for the one kept.
        var (left, right) = Relit(a, b);
        SurfaceComparer.Alignment? best = null;
        (bool Inverted, double? Turn, bool Even, double? Steered) kept = default;
        try
        {
            foreach (var va in left)
            {
                foreach (var vb in right)
                {
                    var turn = va.RenderedLightAzimuthDeg ?? vb.RenderedLightAzimuthDeg;
                    var even = va.RenderedEvenRing || vb.RenderedEvenRing;
                    var steered = va.SteeredDeg ?? vb.SteeredDeg;
                    Consider(_comparer.Align(va.ComparisonView(_comparer), vb.ComparisonView(_comparer)), (false, turn, even, steered));
                    if (va.ShadingAsIs || vb.ShadingAsIs)
                    {
                        Consider(_comparer.Align(va.ComparisonView(_comparer), vb.Inverted().ComparisonView(_comparer)), (true, turn, even, steered));
                    }
                }
            }

            // Two topographies whose bands differ are measured in the band both hold, at the pose of whichever registration
            // agrees better there: the one in their prepared bands or the one in the common band. Each alone lost a
            // same-source pair of the shared files read without their masks (Baldwin A1 raw against A2 as processed
            // registered at −165° with a 26 % overlap once narrowed; A1 as processed against A2 raw 4° off in the
            // prepared bands).
            var band = CommonBand(a, b);
            if (band is { } narrowed)
            {
                var (viewA, viewB) = (narrowed.A.ComparisonView(_comparer), narrowed.B.ComparisonView(_comparer));
                var prepared = best!;
                best = null;
                Consider(_comparer.AlignAt(viewA, viewB, prepared.Registration), kept);
                Consider(_comparer.Align(viewA, viewB), kept);
                prepared.Dispose();
            }

            return _comparer.Complete(best!) with { CommonBandLongCutoffUm = band?.LongCutoffUm, ShadingInverted = kept.Inverted, RenderedLightAzimuthDeg = kept.Turn, RenderedEvenRing = kept.Even, SteeredDeg = kept.Steered };
        }
        finally
        {
            best?.Dispose();
        }

        void Consider(SurfaceComparer.Alignment alignment, (bool Inverted, double? Turn, bool Even, double? Steered) variant)
        {
            if (best is null || Agreement(alignment) > Agreement(best))
            {
                best?.Dispose();
                best = alignment;
                kept = variant;
            }
            else
            {
                alignment.Dispose();
            }
        }
    }

    /// <summary>
    /// Two topographies high-passed at <see cref="CommonBandOptions.LongCutoffUm"/> when one of them holds much less relief
    /// beyond that wavelength than the other (a scan another lab already filtered against a raw one), else null: the pair
    /// is then compared in the band both hold. Photographs are prepared in a band of their own and keep it.
    /// </summary>
    private (PreparedScan A, PreparedScan B, double LongCutoffUm)? CommonBand(PreparedScan a, PreparedScan b)
    {
        var options = ComparisonOptions.CommonBand;
        if (a.Kind == SurfaceKind.Intensity2D || options.LongCutoffUm <= 0 || options.LongCutoffUm >= PreprocessOptions.BandPass.LongCutoffUm)
        {
            return null;
        }

        var (shareA, shareB) = (a.LongWaveShare(options.ProbeCutoffUm), b.LongWaveShare(options.ProbeCutoffUm));
        if (Math.Min(shareA, shareB) >= options.MaxShareRatio * Math.Max(shareA, shareB))
        {
            return null;
        }

        return (a.Narrowed(options.LongCutoffUm), b.Narrowed(options.LongCutoffUm), options.LongCutoffUm);
    }

    /// <summary>
    /// Which side of a pair is tried lit from other sides (<see cref="PreparedScan.Relit"/>), never both: a topography
    /// rendered as a photograph under its light's turns when either is one, else B's shading relit.
    /// </summary>
    private static (IEnumerable<PreparedScan> A, IEnumerable<PreparedScan> B) Relit(PreparedScan a, PreparedScan b) =>
        a.RenderedLightAzimuthDeg is not null || (b.RenderedLightAzimuthDeg is null && b.Relit.Count == 0)
            ? (a.Variants(), [b])
            : ([a], b.Variants());

    private static double Agreement(SurfaceComparer.Alignment alignment) =>
        alignment.Registration.Registered ? alignment.AlignedCcf : double.NegativeInfinity;
}
