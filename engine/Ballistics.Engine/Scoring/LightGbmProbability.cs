using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Ballistics.Engine.Scoring;

/// <summary>
/// One LightGBM binary classifier (through ML.NET) over a fixed number of inputs: how every trained score here — the
/// breech face's, the firing pin's, their fusion — is trained, saved, loaded and asked. Missing inputs are NaN, which
/// LightGBM sends down a branch of their own. Thread-safe: each thread gets its own prediction engine.
/// </summary>
internal sealed class LightGbmProbability : IDisposable
{
    private static readonly DateTimeOffset FixedEntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ThreadLocal<PredictionEngine<Row, Prediction>> _engines;

    private LightGbmProbability(MLContext ml, ITransformer model, SchemaDefinition schema, string version, int inputs)
    {
        Version = version;
        Inputs = inputs;
        _engines = new ThreadLocal<PredictionEngine<Row, Prediction>>(() => ml.Model.CreatePredictionEngine<Row, Prediction>(model, inputSchemaDefinition: schema), trackAllValues: true);
    }

    /// <summary>"lightgbm-" and the first 12 hex digits of the model file's SHA-256: names exactly which model scored.</summary>
    public string Version { get; }

    public int Inputs { get; }

    /// <summary>Loads a model written by <see cref="Train"/> with <paramref name="inputs"/> inputs.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such a model; the message names <paramref name="what"/>.</exception>
    public static LightGbmProbability Load(Stream stream, int inputs, string what)
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
            var column = schema.GetColumnOrNull(nameof(Row.Features));
            if (column is null || column.Value.Type is not VectorDataViewType vector || vector.Size != inputs)
            {
                throw new InvalidDataException($"The {what} expects a different feature layout; this engine has {inputs} features.");
            }
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw new InvalidDataException($"Not a {what}: {ex.Message}", ex);
        }

        return new LightGbmProbability(ml, model, Schema(inputs), "lightgbm-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12], inputs);
    }

    /// <summary>The probability of the positive class, in [0, 1].</summary>
    public double Predict(float[] features)
    {
        if (features.Length != Inputs)
        {
            throw new ArgumentException($"The model takes {Inputs} inputs, not {features.Length}.", nameof(features));
        }

        return Math.Clamp(_engines.Value!.Predict(new Row { Features = features }).Probability, 0, 1);
    }

    /// <summary>Trains on labelled inputs and writes the ML.NET zip; the same inputs and options give the same bytes.</summary>
    public static void Train(IReadOnlyList<(float[] Features, bool Label)> examples, int inputs, ScoreModelOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (!examples.Any(e => e.Label) || !examples.Any(e => !e.Label))
        {
            throw new ArgumentException("Training needs both same-source and different-source pairs.", nameof(examples));
        }

        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Row { Features = e.Features, Label = e.Label }), Schema(inputs));
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = options.NumberOfLeaves,
            NumberOfIterations = options.NumberOfIterations,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            Seed = options.Seed,
            // One thread keeps LightGBM's histogram sums in one order, so retraining gives the same file.
            NumberOfThreads = 1,
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
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

    /// <summary>The rows' schema with the input vector's length fixed, as the saved models declare it.</summary>
    private static SchemaDefinition Schema(int inputs)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, inputs);
        return schema;
    }

    private sealed class Row
    {
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
