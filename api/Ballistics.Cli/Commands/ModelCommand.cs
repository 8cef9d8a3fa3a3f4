using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ballistics.Cli.Matching;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Evaluation;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Samples;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics model train --out MODEL.zip`: regenerates the training corpora, measures the features of the
/// chosen pairs and trains the score model. Same code, same seeds, same machine: the same file. `--difficulty`
/// keeps only the corpora of one setting, to check how a model does on the setting it never saw.
/// </summary>
internal static class ModelCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outFile = new Option<string>("--out") { Required = true, Description = "model file to write (the engine embeds engine/Ballistics.Engine/Scoring/breechface-score-model.zip)" };
        var difficulty = new Option<Difficulty?>("--difficulty") { Description = "train only on the corpora of this setting (a held-out check; the committed model uses all)" };
        var randomConditions = new Option<bool>("--random-conditions") { Description = "train on the corpora whose every scan is made under its own draw of the generator's conditions (samples generate --random-conditions) instead of two of the three fixed hard ones, whose batches all share subclass marks stronger than each firearm's own" };
        var fix = new Option<string[]>("--fix")
        {
            Description = "NAME=VALUE, repeatable: hold one condition fixed in the random-conditions corpora, so the model never sees its other values (leave-one-setting-out; e.g. layout=raw, then eval a layout=processed set)",
        };
        var featuresOut = new Option<string?>("--features-out") { Description = "also write every training pair's features and label to this CSV (same_source, then the columns of eval's features.csv), to study the training set" };
        var photographs = new Option<bool>("--photographs")
        {
            Description = "train the photographs' score model instead (the engine embeds engine/Ballistics.Engine/Scoring/photograph-score-model.zip): every scan of its corpora photographed under its own ring or side light and camera",
        };
        var train = new Command("train", "Train the score model on generated corpora whose seeds are never used for evaluation.") { outFile, difficulty, randomConditions, fix, featuresOut, photographs };
        train.SetAction(parse =>
        {
            var held = ScanConditions.None;
            foreach (var assignment in parse.GetValue(fix) ?? [])
            {
                try
                {
                    held = held.With(assignment);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
                {
                    error.WriteLine($"error: --fix {assignment}: {ex.Message.Split(" (Parameter", 2)[0]}");
                    return 2;
                }
            }

            var corpora = parse.GetValue(photographs) ? TrainingSet.PhotographCorpora : TrainingSet.Corpora(parse.GetValue(difficulty), parse.GetValue(randomConditions), held);
            return Train(parse.GetValue(outFile)!, corpora, output, error, parse.GetValue(featuresOut));
        });
        var projectionOut = new Option<string>("--out") { Required = true, Description = "projection file to write (the engine embeds engine/Ballistics.Engine/Corpus/signature-projection.bin)" };
        var signature = new Command("signature", "Train the stage-1 signature projection (principal axes) on a generated corpus whose seed is never used for evaluation.") { projectionOut };
        signature.SetAction(parse => TrainSignature(parse.GetValue(projectionOut)!, SignatureTraining, output, error));
        var firingPinOut = new Option<string>("--out-firing-pin") { Required = true, Description = "firing-pin score model to write (the engine embeds engine/Ballistics.Engine/Scoring/firingpin-score-model.zip)" };
        var shearOut = new Option<string>("--out-shear") { Required = true, Description = "aperture-shear score model to write (the engine embeds engine/Ballistics.Engine/Scoring/shear-score-model.zip)" };
        var fusionOut = new Option<string>("--out-fusion") { Required = true, Description = "fusion model to write (the engine embeds engine/Ballistics.Engine/Scoring/fusion-score-model.zip)" };
        var fusion = new Command("fusion", "Train the firing pin's and the aperture shear's scores and the fusion of the breech face's and the firing pin's on generated corpora whose seeds are never used for evaluation, the firing pin randomly missing.") { firingPinOut, shearOut, fusionOut };
        fusion.SetAction(parse => TrainFusion(parse.GetValue(firingPinOut)!, parse.GetValue(shearOut)!, parse.GetValue(fusionOut)!, TrainingSet.FusionCorpora, output, error));
        var command = new Command("model", "The trained parts: how comparison features become a lead score, how signatures shrink for the index.") { train, signature, fusion };
        return command;
    }

    /// <summary>
    /// A share of the training pairs whose firing pin the fusion sees as missing, beside those whose scans had none: the
    /// fusion must give a pair whose pin failed on one scan the breech face's evidence at its worth.
    /// </summary>
    private const double FusionMissingShare = 0.3;

    internal static int TrainFusion(string firingPinPath, string shearPath, string fusionPath, IReadOnlyList<TrainingCorpus> corpora, TextWriter output, TextWriter error)
    {
        var watch = Stopwatch.StartNew();
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault(), scoreRegions: false);
        var results = TrainingSet.BuildResults(corpora, matcher, error);
        var examples = results.Select(r => (r.Result.ScoreBf, r.Result.FiringPin, r.Result.ApertureShear, r.SameSource)).ToList();
        using (var firingPin = new MemoryStream())
        using (var shear = new MemoryStream())
        using (var fusion = new MemoryStream())
        {
            RegionFusion.Train(examples, [.. results.Select(r => r.Corpus % 2)], FusionMissingShare, ScoreModelOptions.Default.Seed, ScoreModelOptions.Default, (firingPin, shear, fusion));
            CliFiles.WriteAtomically(firingPinPath, firingPin.ToArray());
            CliFiles.WriteAtomically(shearPath, shear.ToArray());
            CliFiles.WriteAtomically(fusionPath, fusion.ToArray());
        }

        using var firingPinStream = File.OpenRead(firingPinPath);
        using var shearStream = File.OpenRead(shearPath);
        using var fusionStream = File.OpenRead(fusionPath);
        using var models = RegionFusion.Load(firingPinStream, shearStream, fusionStream);
        var fused = results.Select((r, i) =>
        {
            var fp = r.Result.FiringPin.Status == RegionComparisonStatus.Compared ? models.FiringPinScore(r.Result.FiringPin) : (double?)null;
            return new ScoredPair(i, i, models.Combine(r.Result.ScoreBf, fp, r.Result.FiringPin.AngleFromBreechFaceDeg), r.SameSource);
        }).ToArray();
        var alone = results.Select((r, i) => new ScoredPair(i, i, r.Result.ScoreBf, r.SameSource)).ToArray();
        output.WriteLine(
            $"trained {models.Version} on {results.Count} pairs ({results.Count(r => r.SameSource)} same-source; firing pins compared in {results.Count(r => r.Result.FiringPin.Status == RegionComparisonStatus.Compared)}, "
            + $"aperture shears in {results.Count(r => r.Result.ApertureShear.Status == RegionComparisonStatus.Compared)}) from {string.Join("; ", corpora)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training-set AUC {AccuracyMetrics.Auc(fused):0.0000} combined, {AccuracyMetrics.Auc(alone):0.0000} breech face alone (optimistic by construction; see `ballistics eval` on unseen seeds) in {watch.Elapsed.TotalSeconds:0} s"));
        output.WriteLine($"wrote {firingPinPath}, {shearPath} and {fusionPath}");
        return 0;
    }

    /// <summary>The corpus the signature projection learns from: 2,000 easy scans, a seed no evaluation uses.</summary>
    internal static TrainingCorpus SignatureTraining { get; } = new(9201, Difficulty.Easy, 500, 4);

    internal static int TrainSignature(string outPath, TrainingCorpus corpus, TextWriter output, TextWriter error)
    {
        var watch = Stopwatch.StartNew();
        var matcher = new BreechFaceMatcher(model: null);
        var signatures = TrainingSet.Signatures(corpus, matcher, SignatureOptions.Default, error);
        using (var buffer = new MemoryStream())
        {
            SignatureProjection.Train(signatures, SignatureOptions.Default, Dimensions, buffer);
            CliFiles.WriteAtomically(outPath, buffer.ToArray());
        }

        using var stream = File.OpenRead(outPath);
        var projection = SignatureProjection.Load(stream);
        output.WriteLine($"trained {projection.Id}: {projection.InputLength} numbers to {projection.Dimensions} axes from {signatures.Count} signatures of {corpus} in {watch.Elapsed.TotalSeconds:0} s");
        output.WriteLine($"wrote {outPath}");
        return 0;
    }

    /// <summary>Axes kept: 512 ranked mates as well as 2,976 raw numbers within 0.001 (docs/benchmarks.md); 384 lost 0.0025.</summary>
    private const int Dimensions = 512;

    internal static int Train(string outPath, IReadOnlyList<TrainingCorpus> corpora, TextWriter output, TextWriter error, string? featuresPath = null)
    {
        var watch = Stopwatch.StartNew();
        var matcher = new BreechFaceMatcher(model: null);
        var examples = TrainingSet.Build(corpora, matcher, error);
        if (featuresPath is not null)
        {
            var csv = new StringBuilder("same_source,").AppendJoin(',', ComparisonFeatures.Names).Append('\n');
            foreach (var (features, sameSource) in examples)
            {
                csv.Append(sameSource ? '1' : '0').Append(',').AppendJoin(',', features.ToVector().Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
            }

            CliFiles.WriteAtomically(featuresPath, csv.ToString());
            output.WriteLine($"wrote {featuresPath}: the features of {examples.Count} training pairs");
        }

        using (var buffer = new MemoryStream())
        {
            ScoreModel.Train(examples, ScoreModelOptions.Default, buffer);
            CliFiles.WriteAtomically(outPath, buffer.ToArray());
        }

        using var stream = File.OpenRead(outPath);
        using var model = ScoreModel.Load(stream);
        var pairs = examples.Select((e, i) => new ScoredPair(i, i, model.Score(e.Features), e.SameSource)).ToArray();
        var auc = AccuracyMetrics.Auc(pairs);
        output.WriteLine($"trained {model.Version} on {examples.Count} pairs ({examples.Count(e => e.SameSource)} same-source) from {string.Join("; ", corpora)}");
        output.WriteLine($"training-set AUC {auc:0.0000} (optimistic by construction; see `ballistics eval` on unseen seeds) in {watch.Elapsed.TotalSeconds:0} s");
        output.WriteLine($"wrote {outPath}");
        return 0;
    }
}
