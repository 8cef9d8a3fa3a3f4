using System.CommandLine;
using System.Globalization;
using Ballistics.Engine.Corpus;
using Ballistics.Ingest;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.X3p;
using Ballistics.Samples;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics demo [--store DIR]`: the main job end to end on the embedded default data folder.
/// Today that is: generate a labelled synthetic corpus, read every scan back through the x3p
/// reader, describe the real shared scans when they are beside the repository, compare breech
/// faces, store the corpus's linked records and trace a straw purchase, search the corpus, and tell the
/// post-seizure story through the HTTP API (<see cref="Demo.ApiStory"/>).
/// </summary>
internal static class DemoCommand
{
    /// <summary>A seed whose incidents lie on both sides of the border (5 in Mexico, 3 in the US) with straw purchases among the sales.</summary>
    private const int DemoSeed = 2;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = new Option<string>("--store") { DefaultValueFactory = _ => "data", Description = "data folder (default ./data)" };
        var command = new Command("demo", "Run the main job on the embedded default store.") { store };
        command.SetAction(parse => Run(parse.GetValue(store)!, output, error));
        return command;
    }

    internal static int Run(string store, TextWriter output, TextWriter error)
    {
        var corpusDir = Path.Combine(store, "demo", "corpus");
        output.WriteLine($"== 1. synthetic corpus (seed {DemoSeed}, 8 firearms x 3 fires) -> {Path.GetFullPath(corpusDir)}");
        var status = SamplesCommand.Generate(corpusDir, 8, 3, DemoSeed, Difficulty.Easy, output, error);
        if (status != 0)
        {
            return status;
        }

        output.WriteLine("== 2. every scan read back through the x3p reader (checksums verified)");
        var manifest = File.ReadAllLines(Path.Combine(corpusDir, "manifest.csv")).Skip(1).ToArray();
        var files = manifest.Select(l => Path.Combine(corpusDir, l.Split(',')[0])).ToArray();
        var failures = 0;
        double validSum = 0;
        foreach (var file in files)
        {
            var read = X3pReader.Read(file);
            if (!read.Success)
            {
                failures++;
                error.WriteLine($"error: {read.Error}");
                continue;
            }

            validSum += read.Value.Statistics().ValidFraction;
        }

        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} of {1} scans read back, mean valid fraction {2:0.0%}", files.Length - failures, files.Length, validSum / Math.Max(1, files.Length - failures)));
        InfoCommand.Run(files.Take(3).ToArray(), SurfaceFileOptions.Default, json: false, output, error);

        var shared = FindSharedCartridges();
        if (shared.Length > 0)
        {
            output.WriteLine($"== 3. real cartridge-case scans in {Path.GetDirectoryName(shared[0])}");
            failures += InfoCommand.Run(shared, SurfaceFileOptions.Default, json: false, output, error);
        }

        output.WriteLine("== 4. breech-face comparison: a same-firearm pair and a different-firearm pair of the corpus");
        var pairsFile = Path.Combine(corpusDir, "demo-pairs.csv");
        var firearms = manifest.Select(l => l.Split(',')).ToArray();
        File.WriteAllText(pairsFile, $"a,b\n{firearms[0][0]},{firearms[1][0]}\n{firearms[0][0]},{firearms[3][0]}\n");
        failures += CompareCommand.RunPairs(pairsFile, Path.Combine(corpusDir, "demo-scores.csv"), null, SurfaceFileOptions.Default, output, error);
        foreach (var line in File.ReadAllLines(Path.Combine(corpusDir, "demo-scores.csv")))
        {
            output.WriteLine($"  {line}");
        }

        if (shared.Length > 0)
        {
            output.WriteLine("== 5. real scans: Fadul slide 1, two cartridge cases (same source)");
            var a = shared.First(f => f.EndsWith("fadul_1-1_processed.x3p", StringComparison.Ordinal));
            var b = shared.First(f => f.EndsWith("fadul_1-2_processed.x3p", StringComparison.Ordinal));
            failures += CompareCommand.RunOne(a, b, json: false, null, SurfaceFileOptions.Default, output, error);
        }

        output.WriteLine($"== 6. the corpus's sale, seizure and trace records into the store ({Path.GetFullPath(store)}), and a trace");
        failures += Records(Path.Combine(corpusDir, LinkedRecords.Folder), store, output, error);

        var query = files[^3];
        output.WriteLine($"== 7. corpus search: the {files.Length} scans put on file, then the leads for {Path.GetFileName(query)} (itself on file, so not its own lead)");
        failures += CorpusCommand.Add([], Path.Combine(corpusDir, "manifest.csv"), store, DateLocale.Unspecified, output, error);
        failures += SearchCommand.Run(query, top: 5, CorpusSearchOptions.Default.Candidates, SearchFilter.None, store, json: false, output, error);

        output.WriteLine("== 8. the story through the HTTP API: crime scenes submitted, a pistol seized in Mexico test-fired, its lead confirmed, its trace and linkage");
        failures += Demo.ApiStory.Run(corpusDir, store, output, error).GetAwaiter().GetResult();

        // The data folder holds the traces and sales; the story's store holds the confirmed hit and its review.
        output.WriteLine("== 9. the analyst's trafficking reports: the data folder's traces, seizures and sales, and the story's leads and hit");
        failures += ReportCommand.Trafficking(store, Path.Combine(store, "demo", "report"), output, error);
        failures += ReportCommand.Trafficking(Path.Combine(store, "demo", "story-store"), Path.Combine(store, "demo", "story", "report"), output, error);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Ingests the three record files (a second run only finds duplicates) and traces the first straw purchase, else the first request.</summary>
    private static int Records(string records, string store, TextWriter output, TextWriter error)
    {
        var failures = 0;
        var options = new NormalizeOptions();
        failures += RecordsCommand.Ingest(Path.Combine(records, LinkedRecords.TransactionsFile), RecordKind.Transaction, options, store, null, output, error);
        failures += RecordsCommand.Ingest(Path.Combine(records, LinkedRecords.SeizuresFile), RecordKind.Seizure, options, store, null, output, error);
        failures += RecordsCommand.Ingest(Path.Combine(records, LinkedRecords.TracesFile), RecordKind.Trace, options, store, null, output, error);
        var sales = File.ReadLines(Path.Combine(records, LinkedRecords.TransactionsFile)).Skip(1).Select(l => l.Split(',')).ToArray();
        var straw = sales.FirstOrDefault(f => f[^1].Length > 0) ?? sales[0];
        return failures + TraceCommand.Run(null, null, LinkedRecords.TraceNumberOf(straw[0]), store, json: false, output, error);
    }

    private static string[] FindSharedCartridges()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "x3p", "cartridge");
            if (File.Exists(Path.Combine(dir.FullName, "Ballistics.sln")) && Directory.Exists(candidate))
            {
                return Directory.GetFiles(candidate, "*.x3p").Order(StringComparer.Ordinal).ToArray();
            }
        }

        return [];
    }
}
