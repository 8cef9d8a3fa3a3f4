using Ballistics.Engine.FiringPin;

namespace Ballistics.Engine.Scoring;

/// <summary>
/// The regions beside the breech face: the firing pin's own score and the aperture shear's — each the probability of a
/// common source from its comparison alone — and the fusion of the breech face's and the firing pin's scores into the
/// combined score. All are LightGBM models trained on generated pairs (`ballistics model fusion`), the fusion's with the
/// firing pin randomly missing, and embedded in the engine. The shear's score is reported beside the others but not
/// fused: fused as a third input it lowered the combined AUC on five of seven generated sets never trained on
/// (docs/accuracy.md, ninth session). A comparison whose firing pins were not compared keeps the breech face's score as
/// it is: the fusion is asked only when there is something to fuse. Thread-safe.
/// </summary>
public sealed class RegionFusion : IDisposable
{
    public const string FiringPinResourceName = "Ballistics.Engine.Scoring.firingpin-score-model.zip";

    public const string ShearResourceName = "Ballistics.Engine.Scoring.shear-score-model.zip";

    public const string FusionResourceName = "Ballistics.Engine.Scoring.fusion-score-model.zip";

    /// <summary>
    /// The firing pin's inputs: NCC of both directions, the weaker direction's, the polar peak's z, log₁₀ of the points
    /// compared, the tips' turning marks' correlation and the weaker floor's ring strength (NaN when either floor held too
    /// few rings).
    /// </summary>
    internal const int FiringPinInputs = 6;

    /// <summary>The aperture shear's inputs: the profiles' correlation, the relief's orientation coherence, log₁₀ of the length compared, the offset's size.</summary>
    internal const int ShearInputs = 4;

    /// <summary>
    /// The fusion's inputs: the breech face's and the firing pin's scores as log-odds (NaN when absent), the angle between
    /// the two witnesses' turns (NaN when either is missing). The weaker floor's ring strength as a fourth input changed
    /// nothing beyond a new draw (2026-12-07: seed 61 −0.002, x41h +0.001, the same without turning marks ±0.001).
    /// </summary>
    internal const int FusionInputs = 3;

    private static readonly Lazy<RegionFusion?> Embedded = new(LoadEmbedded);

    private readonly LightGbmProbability _firingPin;
    private readonly LightGbmProbability _shear;
    private readonly LightGbmProbability _fusion;

    private RegionFusion(LightGbmProbability firingPin, LightGbmProbability shear, LightGbmProbability fusion)
    {
        _firingPin = firingPin;
        _shear = shear;
        _fusion = fusion;
    }

    /// <summary>The models embedded in the engine; null in an engine built before they were trained.</summary>
    public static RegionFusion? Default => Embedded.Value;

    /// <summary>The three models' versions, e.g. "fp lightgbm-… shear lightgbm-… fusion lightgbm-…".</summary>
    public string Version => $"fp {_firingPin.Version} shear {_shear.Version} fusion {_fusion.Version}";

    /// <exception cref="InvalidDataException">A stream is not a model of its layout.</exception>
    public static RegionFusion Load(Stream firingPin, Stream shear, Stream fusion) =>
        new(
            LightGbmProbability.Load(firingPin, FiringPinInputs, "firing-pin score model"),
            LightGbmProbability.Load(shear, ShearInputs, "aperture-shear score model"),
            LightGbmProbability.Load(fusion, FusionInputs, "fusion model"));

    /// <summary>The firing pin's own score; only for a comparison that was made.</summary>
    public double FiringPinScore(FiringPinComparison comparison) => _firingPin.Predict(FiringPinInputsOf(comparison));

    /// <summary>The aperture shear's own score; only for a comparison that was made.</summary>
    public double ShearScore(ApertureShearComparison comparison) => _shear.Predict(ShearInputsOf(comparison));

    /// <summary>The combined score of the breech face's score and, when compared, the firing pin's.</summary>
    public double Combine(double breechFaceScore, double? firingPinScore, double? angleBetweenDeg) =>
        firingPinScore is null ? breechFaceScore : _fusion.Predict(FusionInputsOf(breechFaceScore, firingPinScore, angleBetweenDeg));

    internal static float[] FiringPinInputsOf(FiringPinComparison c)
    {
        if (c.Status != RegionComparisonStatus.Compared)
        {
            throw new ArgumentException("Only a firing-pin comparison that was made has a score.", nameof(c));
        }

        return
        [
            (float)c.Ncc, (float)Math.Min(c.NccForward, c.NccBackward), (float)c.PeakZ, (float)Math.Log10(Math.Max(1, c.OverlapPoints)),
            c.RingNcc is { } ring ? (float)ring : float.NaN, c.RingStrength is { } strength ? (float)strength : float.NaN,
        ];
    }

    internal static float[] ShearInputsOf(ApertureShearComparison c)
    {
        if (c.Status != RegionComparisonStatus.Compared)
        {
            throw new ArgumentException("Only an aperture-shear comparison that was made has a score.", nameof(c));
        }

        return [(float)c.Ncc, (float)c.Coherence, (float)Math.Log10(Math.Max(1, c.OverlapUm)), (float)Math.Abs(c.OffsetUm)];
    }

    internal static float[] FusionInputsOf(double breechFaceScore, double? firingPinScore, double? angleBetweenDeg) =>
        [Logit(breechFaceScore), firingPinScore is { } fp ? Logit(fp) : float.NaN, firingPinScore is not null && angleBetweenDeg is { } angle ? (float)angle : float.NaN];

    /// <summary>
    /// Trains the three models and writes them. The fusion learns from firing-pin scores their model did not see: each half
    /// of the pairs (by <paramref name="fold"/>) is scored by a firing-pin model trained on the other half, so it does not
    /// learn to trust the firing pin's training-set optimism; the firing-pin model written is then trained on all. The
    /// shear's model is trained on every pair whose shears were compared.
    /// </summary>
    /// <param name="examples">Each pair's breech-face score, its firing-pin and aperture-shear comparisons (any status) and its label.</param>
    /// <param name="fold">Which half each example belongs to (0 or 1): keep a corpus in one half, so no firearm is in both.</param>
    /// <param name="missingShare">Share of the pairs whose firing pin the fusion sees as missing, drawn with <paramref name="seed"/>.</param>
    /// <param name="seed">Seed of that draw.</param>
    /// <param name="options">The trees' settings, for every model.</param>
    /// <param name="outputs">Where the firing-pin, the shear and the fusion model are written.</param>
    public static void Train(
        IReadOnlyList<(double BreechFace, FiringPinComparison FiringPin, ApertureShearComparison Shear, bool SameSource)> examples, IReadOnlyList<int> fold, double missingShare, int seed,
        ScoreModelOptions options, (Stream FiringPin, Stream Shear, Stream Fusion) outputs)
    {
        var labels = examples.Select(e => e.SameSource).ToArray();
        var firingPin = OutOfFold(
            [.. examples.Select(e => e.FiringPin.Status == RegionComparisonStatus.Compared ? FiringPinInputsOf(e.FiringPin) : null)], labels, fold, FiringPinInputs, "firing-pin score model", options, outputs.FiringPin);
        LightGbmProbability.Train(
            [.. examples.Where(e => e.Shear.Status == RegionComparisonStatus.Compared).Select(e => (ShearInputsOf(e.Shear), e.SameSource))], ShearInputs, options, outputs.Shear);
        var random = new Random(seed);
        var fusion = examples.Select((e, i) =>
        {
            var fp = firingPin[i] is { } f && random.NextDouble() >= missingShare ? f : (double?)null;
            return (FusionInputsOf(e.BreechFace, fp, e.FiringPin.AngleFromBreechFaceDeg), e.SameSource);
        }).ToList();
        LightGbmProbability.Train(fusion, FusionInputs, options, outputs.Fusion);
    }

    /// <summary>
    /// One region's model: each fold's examples scored by a model trained on the other fold (null where the region was not
    /// compared), then the model on all of them written to <paramref name="output"/>.
    /// </summary>
    private static double?[] OutOfFold(
        float[]?[] features, bool[] labels, IReadOnlyList<int> fold, int inputs, string what, ScoreModelOptions options, Stream output)
    {
        var compared = Enumerable.Range(0, features.Length).Where(i => features[i] is not null).ToArray();
        var outOfFold = new double?[features.Length];
        for (var half = 0; half < 2; half++)
        {
            using var buffer = new MemoryStream();
            LightGbmProbability.Train([.. compared.Where(i => fold[i] != half).Select(i => (features[i]!, labels[i]))], inputs, options, buffer);
            buffer.Position = 0;
            using var model = LightGbmProbability.Load(buffer, inputs, what);
            foreach (var i in compared.Where(i => fold[i] == half))
            {
                outOfFold[i] = model.Predict(features[i]!);
            }
        }

        LightGbmProbability.Train([.. compared.Select(i => (features[i]!, labels[i]))], inputs, options, output);
        return outOfFold;
    }

    private static float Logit(double p)
    {
        var q = Math.Clamp(p, 1e-4, 1 - 1e-4);
        return (float)Math.Log(q / (1 - q));
    }

    private static RegionFusion? LoadEmbedded()
    {
        var assembly = typeof(RegionFusion).Assembly;
        using var firingPin = assembly.GetManifestResourceStream(FiringPinResourceName);
        using var shear = assembly.GetManifestResourceStream(ShearResourceName);
        using var fusion = assembly.GetManifestResourceStream(FusionResourceName);
        return firingPin is null || shear is null || fusion is null ? null : Load(firingPin, shear, fusion);
    }

    public void Dispose()
    {
        _firingPin.Dispose();
        _shear.Dispose();
        _fusion.Dispose();
    }
}
