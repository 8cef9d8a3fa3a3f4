using System.CommandLine;
using Ballistics.Cli.Records;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Cli.Commands;

/// <summary>`ballistics records normalize FILE --kind trace|seizure|transactions [--locale L] --out OUT.ndjson`.</summary>
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

        return new Command("records", "Trace requests, seizure reports and firearm transaction records.") { normalize };
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

        int ok = 0, rejected = 0;
        using (var stream = new FileStream(outFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var json = new NormalizedRecordJson(stream))
        {
            foreach (var result in reader.ReadAll())
            {
                json.Write(result);
                if (result.IsOk)
                {
                    ok++;
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

        output.WriteLine($"{file}: {ok + rejected} records, {ok} ok, {rejected} rejected (dates read as {DateLocales.Name(options.Locale)}) -> {outFile}");
        return rejected == 0 ? 0 : 1;
    }
}
