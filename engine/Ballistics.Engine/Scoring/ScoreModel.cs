using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Scoring;

/// <summary>
/// Turns comparison features into a score in [0, 1]: the probability, learned from labelled generated
/// pairs, that the two scans share a source. An investigative lead score for an examiner, never a verdict.
/// The model is an ML.NET zip; the one trained for this repository is embedded in the engine
/// (<see cref="LoadDefault"/>). Thread-safe.
/// </summary>
public sealed class ScoreModel : IDisposable
{
    /// <summary>Name of the embedded default model.</summary>
    public const string DefaultResourceName = "Ballistics.Engine.Scoring.breechface-score-model.zip";

    /// <summary>Name of the embedded model that scores photographs (2D ↔ 2D), trained on rendered photographs.</summary>
    public const string PhotographResourceName = "Ballistics.Engine.Scoring.photograph-score-model.zip";

    private static readonly Lazy<ScoreModel?> Photograph = new(() =>
    {
        using var stream = typeof(ScoreModel).Assembly.GetManifestResourceStream(PhotographResourceName);
        return stream is null ? null : Load(stream);
    });

    /// <summary>Inputs of the model: <see cref="ComparisonFeatures.ModelInputs"/>.</summary>
    private const int Inputs = 8;

    private readonly LightGbmProbability _model;

    private ScoreModel(LightGbmProbability model) => _model = model;

    /// <summary>"lightgbm-" and the first 12 hex digits of the model file's SHA-256: names exactly which model scored.</summary>
    public string Version => _model.Version;

    /// <summary>Loads a model saved by <see cref="Train"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a score model of this feature layout.</exception>
    public static ScoreModel Load(Stream stream) => new(LightGbmProbability.Load(stream, Inputs, "score model"));

    /// <summary>The model trained for this repository (see docs/accuracy.md for how it was made).</summary>
    public static ScoreModel LoadDefault()
    {
        using var stream = typeof(ScoreModel).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The engine was built without its score model ({DefaultResourceName}); run `ballistics model train`.");
        return Load(stream);
    }

    /// <summary>The embedded model for photographs; null in an engine built before it was trained (`ballistics model train --photographs`).</summary>
    public static ScoreModel? PhotographDefault => Photograph.Value;

    public double Score(ComparisonFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return _model.Predict(features.ToModelVector());
    }

    /// <summary>Trains a model on labelled features and writes it as an ML.NET zip; the same inputs and options give the same model.</summary>
    public static void Train(IReadOnlyList<(ComparisonFeatures Features, bool SameSource)> examples, ScoreModelOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(examples);
        LightGbmProbability.Train([.. examples.Select(e => (e.Features.ToModelVector(), e.SameSource))], Inputs, options, output);
    }

    public void Dispose() => _model.Dispose();
}
