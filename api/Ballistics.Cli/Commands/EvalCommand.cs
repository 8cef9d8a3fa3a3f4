using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ballistics.Cli.Matching;
using Ballistics.Cli.Reports;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Evaluation;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Ingest.Tables;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics eval --manifest DIR/manifest.csv [--out DIR]`: scores every pair of a labelled set and reports
/// AUC, equal error rate, error rates at the default threshold and top-1 / top-10 hit rates, for the score and
/// for the whole-scan best-rotation CCF baseline measured in the same run. With a generator's ground truth beside the
/// manifest (or named by --truth) it also splits the AUC by production group and counts the same-source pairs
/// registered within <see cref="RegistrationToleranceDeg"/> of the angle the generator turned them by.
/// </summary>
internal static class EvalCommand
{
    /// <summary>
    /// How each photograph of a manifest is read when its row states its light (`lighting`: ring, side, unknown) or its
    /// pixel size (`pixel_size_um`) — what a PNG cannot say about its light. A row with a value neither is left out,
    /// its line and field named.
    /// </summary>
    private static (Dictionary<string, SurfaceFileOptions> Options, HashSet<string> Refused) StatedPerFile(
        IReadOnlyList<ManifestEntry> entries, SurfaceFileOptions fileOptions, string manifestPath, TextWriter error)
    {
        var options = new Dictionary<string, SurfaceFileOptions>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var light = e.Fields.GetValueOrDefault("lighting") ?? string.Empty;
            var pixel = e.Fields.GetValueOrDefault("pixel_size_um") ?? string.Empty;
            if (light.Length == 0 && pixel.Length == 0)
            {
                continue;
            }

            if (light.Length > 0 && !Engine.Surfaces.ImageLightingNames.TryParse(light, out _))
            {
                error.WriteLine($"error: {manifestPath}: line {e.Line}, field lighting: '{light}' is not ring, side or unknown");
                refused.Add(e.FullPath);
                continue;
            }

            double? pixelSizeUm = null;
            if (pixel.Length > 0)
            {
                if (!double.TryParse(pixel, NumberStyles.Float, CultureInfo.InvariantCulture, out var um) || !(um > 0) || !double.IsFinite(um))
                {
                    error.WriteLine($"error: {manifestPath}: line {e.Line}, field pixel_size_um: '{pixel}' is not a positive number of micrometres");
                    refused.Add(e.FullPath);
                    continue;
                }

                pixelSizeUm = um;
            }

            options[e.FullPath] = fileOptions with { ImageLighting = ScanFileOptions.Lighting(light), ImagePixelSizeUm = pixelSizeUm ?? fileOptions.ImagePixelSizeUm };
        }

        return (options, refused);
    }

    /// <summary>Whether <paramref name="photograph"/>'s manifest row names <paramref name="scan"/> as what it was taken of (its `source` column).</summary>
    private static bool PhotographOf(ManifestEntry photograph, ManifestEntry scan, string folder) =>
        photograph.Fields.TryGetValue("source", out var source) && source.Length > 0
        && string.Equals(Path.GetFullPath(source, folder), scan.FullPath, StringComparison.Ordinal);

    /// <summary>Score at or above which a pair is reported as a lead.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>A same-source pair counts as registered when its angle is this close to the generator's.</summary>
    public const double RegistrationToleranceDeg = 3;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var manifest = new Option<string>("--manifest") { Required = true, Description = "labelled scans: file,firearm_id (as `samples generate` writes)" };
        var outDir = new Option<string?>("--out") { Description = "folder for scores.csv, features.csv, accuracy.png and accuracy.md (default: beside the manifest, in eval/)" };
        var model = new Option<string?>("--model") { Description = "score model file (default: the model built into the engine)" };
        var photographModel = new Option<string?>("--photograph-model") { Description = "the photographs' score model file (default: the one built into the engine; `model train --photographs` writes one)" };
        var truth = new Option<string?>("--truth") { Description = "ground truth with group and rotation_deg columns (default: ground_truth.csv beside the manifest, when there is one)" };
        var ignoreMask = ScanFileOptions.IgnoreMaskOption();
        var command = new Command("eval", "Score all pairs of a labelled set and report accuracy against a whole-scan CCF baseline.") { manifest, outDir, model, photographModel, truth, ignoreMask };
        command.SetAction(parse => Run(
            parse.GetValue(manifest)!, parse.GetValue(outDir), parse.GetValue(model), output, error, parse.GetValue(truth),
            new SurfaceFileOptions { X3p = Ingest.X3p.X3pReadOptions.Default with { IgnoreMask = parse.GetValue(ignoreMask) } }, parse.GetValue(photographModel)));
        return command;
    }

    internal static int Run(string manifestPath, string? outDir, string? modelPath, TextWriter output, TextWriter error, string? truthPath = null, SurfaceFileOptions? fileOptions = null, string? photographModelPath = null)
    {
        var read = ScanManifest.Read(manifestPath);
        if (!read.Success)
        {
            error.WriteLine($"error: {read.Error}");
            return 1;
        }

        foreach (var problem in read.Value.Errors)
        {
            error.WriteLine($"error: {problem}");
        }

        var besideManifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, "ground_truth.csv");
        SampleTruthResult? truth = null;
        if (truthPath is not null || File.Exists(besideManifest))
        {
            var truthRead = SampleTruth.Read(truthPath ?? besideManifest);
            if (!truthRead.Success)
            {
                error.WriteLine($"error: {truthRead.Error}");
                return 1;
            }

            truth = truthRead.Value;
            foreach (var problem in truth.Errors)
            {
                error.WriteLine($"error: {problem}");
            }
        }

        var watch = Stopwatch.StartNew();
        var matcher = MatcherFactory.Create(modelPath, photographModelPath);
        var entries = read.Value.Entries;
        var stated = StatedPerFile(entries, fileOptions ?? SurfaceFileOptions.Default, manifestPath, error);
        entries = [.. entries.Where(e => stated.Refused.Contains(e.FullPath) is false)];
        var preparing = new ConsoleProgress(error, entries.Count, "preparing");
        var scans = PreparedScans.Load(entries.Select(e => e.FullPath), matcher, fileOptions ?? SurfaceFileOptions.Default, preparing, perFile: stated.Options);
        preparing.Done();
        foreach (var message in scans.Errors.Values.Order(StringComparer.Ordinal))
        {
            error.WriteLine($"error: {message}");
        }

        var items = entries.Where(e => scans.TryGet(e.FullPath, out _)).ToArray();
        if (items.Length < 2)
        {
            error.WriteLine("error: fewer than two readable scans; nothing to evaluate");
            return 1;
        }

        var isPhotograph = items.Select(e => scans.TryGet(e.FullPath, out var s) && s.Kind == Engine.Surfaces.SurfaceKind.Intensity2D).ToArray();
        var manifestFolder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var pairs = new List<(int A, int B)>();
        for (var i = 0; i < items.Length; i++)
        {
            for (var j = i + 1; j < items.Length; j++)
            {
                // Photographs and scans together: only their pairs (3D ↔ 2D), never a photograph with the scan it was taken of.
                if (!scans.Mixed || (isPhotograph[i] != isPhotograph[j] && !PhotographOf(items[i], items[j], manifestFolder) && !PhotographOf(items[j], items[i], manifestFolder)))
                {
                    pairs.Add((i, j));
                }
            }
        }

        if (scans.Mixed)
        {
            output.WriteLine($"modality: 3d-2d — {isPhotograph.Count(p => p)} photographs against {isPhotograph.Count(p => !p)} scans rendered in their light; {pairs.Count} pairs, none of a photograph with its own scan");
        }

        var results = new ComparisonResult[pairs.Count];
        var progress = new ConsoleProgress(error, pairs.Count, "comparing");
        var done = 0;
        Parallel.For(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            scans.TryGetPair(items[pairs[k].A].FullPath, items[pairs[k].B].FullPath, out var a, out var b);
            results[k] = matcher.Compare(a, b);
            progress.Report(Interlocked.Increment(ref done));
        });
        progress.Done();

        var scored = pairs.Select((p, k) => new ScoredPair(p.A, p.B, results[k].Score, items[p.A].FirearmId == items[p.B].FirearmId)).ToArray();
        var baseline = pairs.Select((p, k) => new ScoredPair(p.A, p.B, results[k].Registration.Ccf, items[p.A].FirearmId == items[p.B].FirearmId)).ToArray();
        // The breech face's own score in the same run: what the firing pin adds is read against it.
        var breechFace = pairs.Select((p, k) => new ScoredPair(p.A, p.B, results[k].ScoreBf, items[p.A].FirearmId == items[p.B].FirearmId)).ToArray();
        int[] topK = [1, 10];
        var report = AccuracyMetrics.Compute(scored, items.Length, DefaultThreshold, topK);
        var baselineReport = AccuracyMetrics.Compute(baseline, items.Length, BaselineThreshold(baseline), topK);
        var breechFaceReport = AccuracyMetrics.Compute(breechFace, items.Length, DefaultThreshold, topK);

        var folder = Path.GetFullPath(outDir ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, "eval"));
        Directory.CreateDirectory(folder);
        var scoresCsv = new StringBuilder(CompareCommand.ScoresHeader).Append('\n');
        for (var k = 0; k < pairs.Count; k++)
        {
            scoresCsv.Append(CompareCommand.ScoreLine(items[pairs[k].A].File, items[pairs[k].B].File, results[k])).Append('\n');
        }

        CliFiles.WriteAtomically(Path.Combine(folder, "scores.csv"), scoresCsv.ToString());

        // Every feature of every pair with its label: what an analyst needs to see why the score did what it did.
        var featuresCsv = new StringBuilder("a,b,same_source,").AppendJoin(',', ComparisonFeatures.Names).Append('\n');
        for (var k = 0; k < pairs.Count; k++)
        {
            featuresCsv.Append(CsvText.Field(items[pairs[k].A].File)).Append(',').Append(CsvText.Field(items[pairs[k].B].File)).Append(',')
                .Append(scored[k].SameSource ? '1' : '0').Append(',')
                .AppendJoin(',', results[k].Features.ToVector().Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }

        CliFiles.WriteAtomically(Path.Combine(folder, "features.csv"), featuresCsv.ToString());
        AccuracyPlot.Write(
            Path.Combine(folder, "accuracy.png"),
            [("CMC + score model", report, scored), ("whole-scan CCF baseline", baselineReport, baseline)],
            $"{items.Length} scans, {pairs.Count} pairs: {Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(manifestPath)))}");
        IEnumerable<string> truthLines = truth is null ? [] : TruthLines(truth, items, pairs, scored, baseline, breechFace, results);
        var calibration = Calibration.Compute(scored);
        AccuracyPlot.WriteReliability(Path.Combine(folder, "reliability.png"), calibration, $"Reliability of the score: {Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(manifestPath)))}");
        string[] lines =
        [
            Line("score", report),
            Line("score_bf", breechFaceReport),
            Line("baseline_ccf", baselineReport),
            FiringPinLine(results),
            ShearLine(results),
            string.Create(CultureInfo.InvariantCulture, $"calibration: brier={calibration.Brier:0.0000} ece={calibration.ExpectedCalibrationError:0.0000} bins={string.Join(' ', calibration.Bins.Where(b => b.Pairs > 0).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.From:0.0}-{b.To:0.0}:{b.SameSourceRate:0.00}/{b.Pairs}")))}"),
            .. truthLines,
            string.Create(CultureInfo.InvariantCulture, $"registration_failed={results.Count(r => !r.Registration.Registered)} (same source {pairs.Where((p, k) => !results[k].Registration.Registered && items[p.A].FirearmId == items[p.B].FirearmId).Count()})"),
            string.Create(CultureInfo.InvariantCulture, $"scans={items.Length} pairs={pairs.Count} same_source={report.SameSourcePairs} seconds={watch.Elapsed.TotalSeconds:0.0} ms_per_pair_per_core={results.Average(r => r.ElapsedMs):0.0}"),
            $"algorithm: {results[0].AlgorithmVersion}",
        ];

        CliFiles.WriteAtomically(Path.Combine(folder, "accuracy.md"), string.Join('\n', lines.Prepend("# Accuracy").Prepend(string.Empty).Skip(1)) + "\n");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"wrote {Path.Combine(folder, "scores.csv")}, features.csv, accuracy.png, reliability.png and accuracy.md");
        return scans.Errors.Count == 0 && read.Value.Errors.Count == 0 && (truth is null || truth.Errors.Count == 0) ? 0 : 1;
    }

    /// <summary>
    /// The AUC split by production group (score and baseline: the same-batch setting is reported against the plain
    /// correlation in the same run), by the conditions the scans were made under, and how many same-source pairs
    /// registered at the generator's angle.
    /// </summary>
    private static IEnumerable<string> TruthLines(
        SampleTruthResult truth, ManifestEntry[] items, List<(int A, int B)> pairs, ScoredPair[] scored, ScoredPair[] baseline, ScoredPair[] breechFace, ComparisonResult[] results)
    {
        var known = items.Select(e => truth.Entries.TryGetValue(e.FullPath, out var t) ? t : (SampleTruthEntry?)null).ToArray();
        var groups = known.Select(t => t?.Group).ToArray();
        if (groups.Any(g => g is not null))
        {
            var split = GroupBreakdown.Compute(scored, groups);
            var plain = GroupBreakdown.Compute(baseline, groups);
            var alone = GroupBreakdown.Compute(breechFace, groups);
            yield return string.Create(CultureInfo.InvariantCulture, $"by_group: same_vs_same_group auc={split.SameGroupAuc:0.0000} ({split.SameGroupPairs} pairs) same_vs_other_groups auc={split.OtherGroupsAuc:0.0000} ({split.OtherGroupsPairs} pairs); breech face alone {alone.SameGroupAuc:0.0000} / {alone.OtherGroupsAuc:0.0000}; baseline {plain.SameGroupAuc:0.0000} / {plain.OtherGroupsAuc:0.0000}");
        }

        foreach (var condition in ConditionBreakdown.Compute(scored, known.Select(t => t?.Conditions).ToArray()).GroupBy(c => c.Condition))
        {
            yield return $"condition {condition.Key}: " + string.Join("  ", condition.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} auc={c.Auc:0.0000} ({c.SameSourcePairs}/{c.Pairs})")));
        }

        if (known.Any(t => t?.WeakContact is not null))
        {
            // Each firing presses its own share of the primer on the breech face: two firings can agree only where both did.
            // Only same-source pairs share a frame in which their sectors can be compared.
            var shared = pairs.Select((p, k) => scored[k].SameSource && known[p.A] is { } a && known[p.B] is { } b ? WeakContactSector.SharedContact(a.WeakContact, b.WeakContact) : (double?)null).ToArray();
            var bands = SameSourceBands.Compute(scored, shared, [0, 0.25, 0.5, 0.75, 1]);
            yield return "shared_contact: " + string.Join("  ", bands.Select(band => string.Create(CultureInfo.InvariantCulture, $"{band.From * 100:0}-{band.To * 100:0}% auc={band.Auc:0.0000} ({band.SameSourcePairs} same)")));
        }

        var checkable = 0;
        var registered = 0;
        for (var k = 0; k < pairs.Count; k++)
        {
            if (scored[k].SameSource && known[pairs[k].A]?.RotationDeg is { } rotationA && known[pairs[k].B]?.RotationDeg is { } rotationB)
            {
                checkable++;
                registered += results[k].Registration.Registered && Math.Abs(RegistrationTruth.AngleErrorDeg(results[k].Registration.RotationDeg, rotationA, rotationB)) <= RegistrationToleranceDeg ? 1 : 0;
            }
        }

        if (checkable > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"registration: {registered} of {checkable} same-source pairs within {RegistrationToleranceDeg:0}° of the generator's angle");
        }
    }

    /// <summary>The baseline has no calibrated threshold: its error rates are read at its own equal-error threshold.</summary>
    private static double BaselineThreshold(IReadOnlyList<ScoredPair> pairs) =>
        AccuracyMetrics.Compute(pairs, pairs.Max(p => Math.Max(p.A, p.B)) + 1, 0, []).EqualErrorThreshold;

    /// <summary>How many pairs had their firing pins compared, and why the others did not (absent: a processed scan; failed: too little measured).</summary>
    private static string FiringPinLine(ComparisonResult[] results) => string.Create(
        CultureInfo.InvariantCulture,
        $"firing_pin: compared={results.Count(r => r.FiringPin.Status == RegionComparisonStatus.Compared)} absent={results.Count(r => r.FiringPin.Status == RegionComparisonStatus.Absent)} failed={results.Count(r => r.FiringPin.Status == RegionComparisonStatus.Failed)}");

    /// <summary>How many pairs had their aperture shears compared, and why the others did not.</summary>
    private static string ShearLine(ComparisonResult[] results) => string.Create(
        CultureInfo.InvariantCulture,
        $"aperture_shear: compared={results.Count(r => r.ApertureShear.Status == RegionComparisonStatus.Compared)} absent={results.Count(r => r.ApertureShear.Status == RegionComparisonStatus.Absent)} failed={results.Count(r => r.ApertureShear.Status == RegionComparisonStatus.Failed)}");

    private static string Line(string method, AccuracyReport r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{method}: auc={r.Auc:0.0000} eer={r.EqualErrorRate:0.0000} threshold={r.Threshold:0.###} fpr={r.FalsePositiveRate:0.0000} fnr={r.FalseNegativeRate:0.0000} top1={r.TopK[1]:0.0000} top10={r.TopK[10]:0.0000} gap={r.SeparationGap:0.0000}");
}
