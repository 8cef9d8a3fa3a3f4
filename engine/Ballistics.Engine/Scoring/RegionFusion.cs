using Ballistics.Engine.FiringPin;

namespace Ballistics.Engine.Scoring;

/// <summary>
/// The regions beside the breech face: the firing pin's own score — the probability of a common source from its
/// comparison alone — and the fusion of the regions' scores into the combined score. Both are LightGBM models trained
/// on generated pairs (`ballistics model fusion`), the fusion's with the firing pin randomly missing, and embedded in the
/// engine. A comparison whose firing pin was not compared keeps the breech face's score as it is: the fusion is asked
/// only when there is something to fuse. Thread-safe.
/// </summary>
public sealed class RegionFusion : IDisposable
{
    public const string FiringPinResourceName = "Ballistics.Engine.Scoring.firingpin-score-model.zip";

    public const string FusionResourceName = "Ballistics.Engine.Scoring.fusion-score-model.zip";

    /// <summary>The firing pin's inputs: NCC of both directions, the weaker direction's, the polar peak's z, log₁₀ of the points compared.</summary>
    internal const int FiringPinInputs = 4;

    /// <summary>The fusion's inputs: the breech face's and the firing pin's scores as log-odds (NaN when absent), the angle between the two witnesses' turns (NaN when either is missing).</summary>
    internal const int FusionInputs = 3;

    private static readonly Lazy<RegionFusion?> Embedded = new(LoadEmbedded);

    private readonly LightGbmProbability _firingPin;
    private readonly LightGbmProbability _fusion;

    private RegionFusion(LightGbmProbability firingPin, LightGbmProbability fusion)
    {
        _firingPin = firingPin;
        _fusion = fusion;
    }

    /// <summary>The models embedded in the engine; null in an engine built before they were trained.</summary>
    public static RegionFusion? Default => Embedded.Value;

    /// <summary>Both models' versions, e.g. "fp lightgbm-… fusion lightgbm-…".</summary>
    public string Version => $"fp {_firingPin.Version} fusion {_fusion.Version}";

    /// <exception cref="InvalidDataException">Either stream is not a model of its layout.</exception>
    public static RegionFusion Load(Stream firingPin, Stream fusion) =>
        new(LightGbmProbability.Load(firingPin, FiringPinInputs, "firing-pin score model"), LightGbmProbability.Load(fusion, FusionInputs, "fusion model"));

    /// <summary>The firing pin's own score; only for a comparison that was made.</summary>
    public double FiringPinScore(FiringPinComparison comparison) => _firingPin.Predict(FiringPinInputsOf(comparison));

    /// <summary>The combined score of the breech face's score and, when compared, the firing pin's.</summary>
    public double Combine(double breechFaceScore, double? firingPinScore, double? angleBetweenDeg) =>
        firingPinScore is null ? breechFaceScore : _fusion.Predict(FusionInputsOf(breechFaceScore, firingPinScore, angleBetweenDeg));

    internal static float[] FiringPinInputsOf(FiringPinComparison c)
    {
        if (c.Status != RegionComparisonStatus.Compared)
        {
            throw new ArgumentException("Only a firing-pin comparison that was made has a score.", nameof(c));
        }

        return [(float)c.Ncc, (float)Math.Min(c.NccForward, c.NccBackward), (float)c.PeakZ, (float)Math.Log10(Math.Max(1, c.OverlapPoints))];
    }

    internal static float[] FusionInputsOf(double breechFaceScore, double? firingPinScore, double? angleBetweenDeg) =>
        [Logit(breechFaceScore), firingPinScore is { } fp ? Logit(fp) : float.NaN, firingPinScore is not null && angleBetweenDeg is { } angle ? (float)angle : float.NaN];

    /// <summary>
    /// Trains both models and writes them. The fusion learns from firing-pin scores its model did not see: each half of
    /// the pairs (by <paramref name="fold"/>) is scored by a firing-pin model trained on the other half, so it does not
    /// learn to trust the firing pin's training-set optimism; the firing-pin model written is then trained on all.
    /// </summary>
    /// <param name="examples">Each pair's breech-face score, its firing-pin comparison (any status) and its label.</param>
    /// <param name="fold">Which half each example belongs to (0 or 1): keep a corpus in one half, so no firearm is in both.</param>
    /// <param name="missingShare">Share of the pairs whose firing pin the fusion sees as missing, drawn with <paramref name="seed"/>.</param>
    /// <param name="seed">Seed of that draw.</param>
    /// <param name="options">The trees' settings, for both models.</param>
    /// <param name="firingPinOutput">Where the firing-pin model is written.</param>
    /// <param name="fusionOutput">Where the fusion model is written.</param>
    public static void Train(
        IReadOnlyList<(double BreechFace, FiringPinComparison FiringPin, bool SameSource)> examples, IReadOnlyList<int> fold, double missingShare, int seed,
        ScoreModelOptions options, Stream firingPinOutput, Stream fusionOutput)
    {
        var compared = Enumerable.Range(0, examples.Count).Where(i => examples[i].FiringPin.Status == RegionComparisonStatus.Compared).ToArray();
        var outOfFold = new double?[examples.Count];
        for (var half = 0; half < 2; half++)
        {
            var training = compared.Where(i => fold[i] != half).Select(i => (FiringPinInputsOf(examples[i].FiringPin), examples[i].SameSource)).ToList();
            using var buffer = new MemoryStream();
            LightGbmProbability.Train(training, FiringPinInputs, options, buffer);
            buffer.Position = 0;
            using var model = LightGbmProbability.Load(buffer, FiringPinInputs, "firing-pin score model");
            foreach (var i in compared.Where(i => fold[i] == half))
            {
                outOfFold[i] = model.Predict(FiringPinInputsOf(examples[i].FiringPin));
            }
        }

        LightGbmProbability.Train([.. compared.Select(i => (FiringPinInputsOf(examples[i].FiringPin), examples[i].SameSource))], FiringPinInputs, options, firingPinOutput);
        var random = new Random(seed);
        var fusion = examples.Select((e, i) =>
        {
            var fp = outOfFold[i] is { } score && random.NextDouble() >= missingShare ? score : (double?)null;
            return (FusionInputsOf(e.BreechFace, fp, e.FiringPin.AngleFromBreechFaceDeg), e.SameSource);
        }).ToList();
        LightGbmProbability.Train(fusion, FusionInputs, options, fusionOutput);
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
        using var fusion = assembly.GetManifestResourceStream(FusionResourceName);
        return firingPin is null || fusion is null ? null : Load(firingPin, fusion);
    }

    public void Dispose()
    {
        _firingPin.Dispose();
        _fusion.Dispose();
    }
}
