using System.CommandLine;
using System.Data.Common;
using Ballistics.Cli.Records;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Store;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics records normalize FILE --kind trace|seizure|transactions [--locale L] --out OUT.ndjson` and
/// `ballistics records ingest FILE --kind ... [--locale L] [--store DIR] [--rejects FILE]`.
/// </summary>
internal static class RecordsCommand
{
    /// <summary>Located errors printed to the error stream; the output file holds them all.</summary>
    private const int ErrorsShown = 20;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "trace, seizure or transaction records: CSV, JSON or NDJSON, English or Spanish" };
        var kind = new Option<string>("--kind") { Required = true, Description = "what the file holds: trace, seizure or transactions" };
        kind.AcceptOnlyFromAmong("trace", "seizure", "transactions");
        var locale = new Option<string?>("--locale") { Description = "the file's date order: en-US (MM/DD/YYYY) or es-MX (DD/MM/YYYY); without it a date readable both ways is an error" };
        locale.AcceptOnlyFromAmong("en-US", "es-MX");
        var outFile = new Option<string>("--out") { Required = true, Description = "NDJSON file to write, one object per input record" };
        var normalize = new Command("normalize", "Validate and normalise a record file into NDJSON (stores nothing).")
        {
            file, kind, locale, outFile,
        };
        normalize.SetAction(parse => Normalize(
            parse.GetValue(file)!,
            RecordKinds.Parse(parse.GetValue(kind)!)!.Value,
            new NormalizeOptions { Locale = DateLocales.Parse(parse.GetValue(locale))!.Value },
            parse.GetValue(outFile)!,
            output,
            error));

        var ingestFile = new Argument<string>("file") { Description = file.Description };
        var store = new Option<string>("--store") { DefaultValueFactory = _ => "data", Description = "data folder (default ./data), created when missing" };
        var rejects = new Option<string?>("--rejects") { Description = "CSV of the rejected records' problems (file,line,field,reason); default DIR/rejects/FILE.rejects.csv" };
        var ingest = new Command("ingest", "Validate a record file and store its good records (idempotent); problems go to the rejects file.")
        {
            ingestFile, kind, locale, store, rejects,
        };
        ingest.SetAction(parse => Ingest(
            parse.GetValue(ingestFile)!,
            RecordKinds.Parse(parse.GetValue(kind)!)!.Value,
            new NormalizeOptions { Locale = DateLocales.Parse(parse.GetValue(locale))!.Value },
            parse.GetValue(store)!,
            parse.GetValue(rejects),
            output,
            error));

        return new Command("records", "Trace requests, seizure reports and firearm transaction records.") { normalize, ingest };
    }

    internal static int Normalize(string file, RecordKind kind, NormalizeOptions options, string outFile, TextWriter output, TextWriter error)
    {
        var opened = RecordFileReader.Open(file, kind, options);
        if (!opened.Success)
        {
            error.WriteLine($"error: {opened.Error}");
            return 1;
        }

        using var reader = opened.Value;
        if (reader.IgnoredColumns.Count > 0)
        {
            error.WriteLine($"note: {file}: ignored columns (no {kind.ToString().ToLowerInvariant()} field of that name): {string.Join(", ", reader.IgnoredColumns)}");
        }

        int ok = 0, rejected = 0, warned = 0;
        using (var stream = new FileStream(outFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var json = new NormalizedRecordJson(stream))
        {
            foreach (var result in reader.ReadAll())
            {
                json.Write(result);
                if (result.IsOk)
                {
                    ok++;
                    if (result.Warnings.Count > 0 && warned++ < ErrorsShown)
                    {
                        error.WriteLine($"warning: {file}: line {result.Line}, {string.Join("; ", result.Warnings.Select(w => $"field {w.Field}: {w.Reason}"))}");
                    }

                    continue;
                }

                foreach (var located in result.LocatedErrors())
                {
                    if (rejected < ErrorsShown)
                    {
                        error.WriteLine($"rejected: {located}");
                    }
                }

                rejected++;
            }
        }

        if (rejected > ErrorsShown)
        {
            error.WriteLine($"... and {rejected - ErrorsShown} more rejected records, all in {outFile}");
        }

        output.WriteLine($"{file}: {ok + rejected} records, {ok} ok, {rejected} rejected (dates read as {DateLocales.Name(options.Locale)}; text read as {reader.EncodingName}) -> {outFile}");
        if (warned > 0)
        {
            output.WriteLine($"warnings: {warned} records kept with a warning, each in its line's \"warnings\"");
        }
        return rejected == 0 ? 0 : 1;
    }

    internal static int Ingest(string file, RecordKind kind, NormalizeOptions options, string storeFolder, string? rejectsPath, TextWriter output, TextWriter error)
    {
        // The file is opened first: an unreadable file must not leave a new empty store behind.
        var opened = RecordFileReader.Open(file, kind, options);
        if (!opened.Success)
        {
            error.WriteLine($"error: {opened.Error}");
            return 1;
        }

        using var reader = opened.Value;
        var storeOpened = DataStore.Open(storeFolder, create: true);
        if (!storeOpened.Success)
        {
            error.WriteLine($"error: {storeOpened.Error}");
            return 1;
        }

        using var store = storeOpened.Value;
        rejectsPath ??= Path.Combine(store.Folder, "rejects", Path.GetFileName(file) + ".rejects.csv");
        if (reader.IgnoredColumns.Count > 0)
        {
            error.WriteLine($"note: {file}: ignored columns (no {kind.ToString().ToLowerInvariant()} field of that name): {string.Join(", ", reader.IgnoredColumns)}");
        }

        try
        {
            // Long files show how far the reading has come (stderr, on a terminal only), as `corpus add` does.
            var progress = new ConsoleProgress(error, 100, $"ingest {Path.GetFileName(file)} (%)");
            var counts = store.Ingest(reader, rejectsPath, progress: progress);
            progress.Done();
            output.WriteLine($"{file}: {counts.Read} records: {counts.Stored} stored, {counts.Duplicates} skipped as duplicates, {counts.Rejected} rejected (dates read as {DateLocales.Name(options.Locale)}; text read as {reader.EncodingName})");
            output.WriteLine($"store: {store.DatabasePath}; rejects: {Path.GetFullPath(rejectsPath)}");
            if (counts.Warned > 0)
            {
                output.WriteLine($"warnings: {counts.Warned} records kept with a warning (an importer named as the maker): {Path.GetFullPath(DataStore.WarningsPath(rejectsPath))}");
            }
            return counts.Rejected == 0 ? 0 : 1;
        }
        catch (DbException ex)
        {
            error.WriteLine($"error: {store.DatabasePath}: {ex.Message}; the records committed before this stay stored, and running the ingest again stores the rest");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {ex.Message}; the records committed before this stay stored");
            return 1;
        }
    }
}
