using System.IO.Compression;
using System.Security.Cryptography;
using Ballistics.Engine.Comparison;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Ballistics.Engine.Scoring;

/// <summary>
/// Turns comparison features into a score in [0, 1]: the probability, learned from labelled generated
/// pairs, that the two scans share a source. An investigative lead score for an examiner, never a verdict.
/// The model is an ML.NET zip; the one trained for this repository is embedded in the engine
/// (<see cref="LoadDefault"/>). Thread-safe: each thread gets its own prediction engine.
/// </summary>
public sealed class ScoreModel : IDisposable
{
    /// <summary>Name of the embedded default model.</summary>
    public const string DefaultResourceName = "Ballistics.Engine.Scoring.breechface-score-model.zip";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ThreadLocal<PredictionEngine<FeatureRow, Prediction>> _engines;

    private ScoreModel(MLContext ml, ITransformer model, string version)
    {
        _ml = ml;
        _model = model;
        Version = version;
        _engines = new ThreadLocal<PredictionEngine<FeatureRow, Prediction>>(() => _ml.Model.CreatePredictionEngine<FeatureRow, Prediction>(_model), trackAllValues: true);
    }

    /// <summary>"lightgbm-" and the first 12 hex digits of the model file's SHA-256: names exactly which model scored.</summary>
    public string Version { get; }

    private static readonly DateTimeOffset FixedEntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Loads a model saved by <see cref="Train"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a score model of this feature layout.</exception>
    public static ScoreModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var ml = new MLContext(seed: 0);
        ITransformer model;
        try
        {
            model = ml.Model.Load(new MemoryStream(bytes), out var schema);
            var column = schema.GetColumnOrNull(nameof(FeatureRow.Features));
            if (column is null || column.Value.Type is not VectorDataViewType vector || vector.Size != FeatureRow.Count)
            {
                throw new InvalidDataException($"The score model expects a different feature layout; this engine has {FeatureRow.Count} features.");
            }
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw new InvalidDataException($"Not a score model: {ex.Message}", ex);
        }

        return new ScoreModel(ml, model, "lightgbm-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
    }

    /// <summary>The model trained for this repository (see docs/accuracy.md for how it was made).</summary>
    public static ScoreModel LoadDefault()
    {
        using var stream = typeof(ScoreModel).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The engine was built without its score model ({DefaultResourceName}); run `ballistics model train`.");
        return Load(stream);
    }

    public double Score(ComparisonFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var prediction = _engines.Value!.Predict(new FeatureRow { Features = features.ToModelVector() });
        return Math.Clamp(prediction.Probability, 0, 1);
    }

    /// <summary>Trains a model on labelled features and writes it as an ML.NET zip; the same inputs and options give the same model.</summary>
    public static void Train(IReadOnlyList<(ComparisonFeatures Features, bool SameSource)> examples, ScoreModelOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (!examples.Any(e => e.SameSource) || !examples.Any(e => !e.SameSource))
        {
            throw new ArgumentException("Training needs both same-source and different-source pairs.", nameof(examples));
        }

        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new FeatureRow { Features = e.Features.ToModelVector(), Label = e.SameSource }));
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = options.NumberOfLeaves,
            NumberOfIterations = options.NumberOfIterations,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            Seed = options.Seed,
            // One thread keeps LightGBM's histogram sums in one order, so retraining gives the same file.
            NumberOfThreads = 1,
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
        });
        var model = trainer.Fit(data);
        // ML.NET writes the zip with the time of writing on every entry; a fixed time makes the same training give
        // the same bytes, so the version (a hash of the file) names the model rather than the moment.
        using var buffer = new MemoryStream();
        ml.Model.Save(model, data.Schema, buffer);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in archive.Entries)
            {
                entry.LastWriteTime = FixedEntryTime;
            }
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    public void Dispose()
    {
        foreach (var engine in _engines.Values)
        {
            engine.Dispose();
        }

        _engines.Dispose();
    }

    private sealed class FeatureRow
    {
        public const int Count = 8;

        [VectorType(Count)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
