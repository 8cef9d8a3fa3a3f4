using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.ExceptionServices;
using Ballistics.Ingest.Tables;
using Ballistics.Ingest.X3p;

namespace Ballistics.Samples;

/// <summary>
/// Writes a synthetic corpus: DIR/scans/F0001_fire01.x3p, … and DIR/manifest.csv (plus DIR/ground_truth.csv),
/// and the sale, seizure and trace records of its firearms in DIR/records/ (<see cref="LinkedRecords"/>).
/// Every file is a function of the options alone, so the same options give the same bytes; firearms are built
/// in parallel, each shot with its own random streams, which keeps that promise.
/// </summary>
public static class CorpusGenerator
{
    public const string ScansFolder = "scans";

    public const string ManifestFileName = "manifest.csv";

    public const string GroundTruthFileName = "ground_truth.csv";

    /// <summary>
    /// float32 heights (still metres by the standard through the Z increment) halve the files, and fast
    /// compression keeps writing from dominating the run; heights are stored to 1/128 µm, which float32 holds exactly.
    /// </summary>
    public static X3pWriteOptions WriteOptions { get; } = new() { HeightType = X3pHeightType.Float32, Compression = CompressionLevel.Fastest };

    public static string ScanFileName(int firearmNumber, int fireIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"{ScansFolder}/{Firearm.FormatId(firearmNumber)}_fire{fireIndex:D2}.x3p");

    /// <summary>Firearm <paramref name="number"/> of a corpus, with the subclass strength and pin turning its conditions give it.</summary>
    public static Firearm FirearmOf(CorpusOptions options, int number)
    {
        ArgumentNullException.ThrowIfNull(options);
        var own = ConditionsFor(options, number, 0);
        return Firearm.Create(options.Seed, number, options.Difficulty, own.SubclassStrength, own.PinTurning);
    }

    /// <summary>Shot <paramref name="fireIndex"/> of a corpus's firearm: its ammunition and conditions as the corpus draws them.</summary>
    public static SimulatedFiring Fire(CorpusOptions options, Firearm firearm, int fireIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(firearm);
        var ammo = AmmunitionCatalogue.ChooseFor(options.Seed, firearm.Number, fireIndex, options.Difficulty);
        var own = ConditionsFor(options, firearm.Number, 0);
        var conditions = ConditionsFor(options, firearm.Number, fireIndex) with { SubclassStrength = own.SubclassStrength, PinTurning = own.PinTurning };
        return CartridgeCaseSimulator.Fire(firearm, fireIndex, ammo.Name, options.Seed, conditions);
    }

    /// <summary>
    /// The conditions of one scan (or, for fire 0, of the firearm): the corpus's fixed ones, over a random draw of its
    /// own stream when the corpus randomises them, with each of its ranges drawn on top.
    /// </summary>
    public static ScanConditions ConditionsFor(CorpusOptions options, int firearmNumber, int fireIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        var conditions = options.RandomConditions
            ? options.Conditions.Over(ScanConditions.Random(StableHash.Random(options.Seed, RandomStream.Conditions, firearmNumber, fireIndex)))
            : options.Conditions;
        if (options.Ranges.Count == 0)
        {
            return conditions;
        }

        // A stream of its own, so that a corpus without ranges draws everything else exactly as before.
        var rng = StableHash.Random(options.Seed, RandomStream.ConditionRanges, firearmNumber, fireIndex);
        foreach (var range in options.Ranges)
        {
            conditions = range.DrawOnto(conditions, rng);
        }

        return conditions;
    }

    /// <param name="options">What to generate.</param>
    /// <param name="outputDirectory">Created if missing; files of the same names are replaced, other files are left alone.</param>
    /// <param name="progress">Told the number of scans written so far after each scan, from the worker threads.</param>
    public static CorpusSummary Generate(CorpusOptions options, string outputDirectory, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var root = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(Path.Combine(root, ScansFolder));

        var clock = Stopwatch.StartNew();
        var fires = options.FiresPerFirearm;
        var rows = new ManifestRow[options.ScanCount];
        var truth = new GroundTruthRow[options.ScanCount];
        var written = 0;
        try
        {
            Parallel.For(1, options.Firearms + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, number =>
            {
                var firearm = FirearmOf(options, number);
                for (var fire = 1; fire <= fires; fire++)
                {
                    var firing = Fire(options, firearm, fire);
                    var ammo = AmmunitionCatalogue.Find(firing.Ammo);
                    var file = ScanFileName(number, fire);
                    X3pWriter.Write(firing.Surface, Path.Combine(root, file), WriteOptions);

                    var index = ((number - 1) * fires) + (fire - 1);
                    rows[index] = new ManifestRow(file, firearm.Id, firearm.MakeModel.Name, firearm.Caliber, ammo.Name, fire);
                    truth[index] = new GroundTruthRow(
                        file,
                        firearm.GroupNumber,
                        firing.RotationDeg,
                        firing.TranslationXUm,
                        firing.TranslationYUm,
                        firing.Surface.LateralStepXUm,
                        firing.Surface.Width,
                        firing.Surface.Height,
                        firing.Surface.Metadata.Instrument?.ToString() ?? string.Empty,
                        firing.HasDragMark,
                        firing.HasPartialContact,
                        firing.Conditions,
                        firing.WeakContact,
                        firearm.MakeModel.FiringPin,
                        firing.HasApertureShear);
                    progress?.Report(Interlocked.Increment(ref written));
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Callers expect the failure itself (a full disk, a bad path), not the parallel loop's wrapper.
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        File.WriteAllText(Path.Combine(root, ManifestFileName), CorpusManifest.Format(rows), CsvText.Utf8);
        File.WriteAllText(Path.Combine(root, GroundTruthFileName), CorpusManifest.FormatGroundTruth(truth), CsvText.Utf8);
        LinkedRecords.Write(options.Seed, rows, root);

        var perMake = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.FireIndex == 1))
        {
            perMake[row.MakeModel] = perMake.GetValueOrDefault(row.MakeModel) + 1;
        }

        var perAmmo = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            perAmmo[row.Ammo] = perAmmo.GetValueOrDefault(row.Ammo) + 1;
        }

        return new CorpusSummary(root, rows, truth, perMake, perAmmo, options, clock.Elapsed);
    }
}
