using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using Ballistics.Cli.Corpus;
using Ballistics.Cli.Matching;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics corpus add PATH... [--manifest M.csv] [--store DIR]`: puts cartridge-case scans on file for search,
/// and `ballistics corpus eval [--store DIR]`: how well the search finds each item's mates among the others.
/// </summary>
internal static class CorpusCommand
{
    /// <summary>Rejections printed; the count says how many there were.</summary>
    private const int RejectionsShown = 50;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.ZeroOrMore, Description = "x3p (or PNG/TIFF) files, or folders of them; none: every file of the manifest" };
        var manifest = new Option<string?>("--manifest") { Description = "CSV with a file column (relative to its folder) and metadata columns: exhibit_id, kind, lab, agency, country, firearm_id, incident_id, caliber, firing_pin_class, breech_face_class, date, us_state, mx_state, mx_municipality, and a photograph's pixel_size_um and lighting" };
        var store = StoreVerbs.StoreOption();
        var pixelSize = ScanFileOptions.PixelSizeOption();
        var lighting = ScanFileOptions.LightingOption();
        var locale = new Option<string?>("--locale") { Description = "the manifest's date order: en-US or es-MX (ISO dates read under either)" };
        locale.AcceptOnlyFromAmong("en-US", "es-MX");
        var add = new Command("add", "Store scans (idempotent by content), prepare them and index their search signatures.") { paths, manifest, store, locale, pixelSize, lighting };
        add.SetAction(parse => Add(
            parse.GetValue(paths) ?? [],
            parse.GetValue(manifest),
            parse.GetValue(store)!,
            DateLocales.Parse(parse.GetValue(locale))!.Value,
            output,
            error,
            parse.GetValue(pixelSize),
            ScanFileOptions.Lighting(parse.GetValue(lighting))));
        return new Command("corpus", "The cartridge-case scans on file: add them, measure how well they are found.") { add, CorpusEvalCommand.Create(output, error) };
    }

    /// <summary>
    /// Stores the files; <paramref name="pixelSizeUm"/> and <paramref name="lighting"/> are photographs' pixel size and light
    /// where their manifest row does not state them.
    /// </summary>
    internal static int Add(
        IReadOnlyList<string> paths, string? manifestPath, string storePath, DateLocale locale, TextWriter output, TextWriter error, double? pixelSizeUm = null, ImageLighting lighting = ImageLighting.Unknown)
    {
        if (paths.Count == 0 && manifestPath is null)
        {
            error.WriteLine("error: name scan files or folders, or a --manifest listing them");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        var (submissions, problems) = ScanSubmissions.Collect(paths, manifestPath, locale, pixelSizeUm, lighting);
        if (submissions.Count == 0 && problems.Count > 0)
        {
            // Nothing to add (an unreadable manifest, no such file): say why and leave the store as it is.
            foreach (var problem in problems.Take(RejectionsShown))
            {
                error.WriteLine($"error: {problem}");
            }

            return 1;
        }

        using var opened = StoreVerbs.OpenStore(storePath, create: true, error);
        if (opened is null)
        {
            return 1;
        }

        var matcher = MatcherFactory.Create(null);
        var progress = new ConsoleProgress(error, submissions.Count, "adding");
        Store.Scans.ScanAddResult result;
        try
        {
            result = opened.Scans.Add(submissions, matcher, SignatureCodec.Default, SurfaceFileOptions.Default, progress);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException)
        {
            progress.Done();
            error.WriteLine($"error: {opened.DatabasePath}: the store failed while adding: {ex.Message}; the items added before it are kept, rerun to add the rest");
            return 1;
        }

        progress.Done();
        var rejected = problems.Concat(result.Rejected).ToList();
        foreach (var problem in rejected.Take(RejectionsShown))
        {
            error.WriteLine($"rejected: {problem}");
        }

        if (rejected.Count > RejectionsShown)
        {
            error.WriteLine($"... and {rejected.Count - RejectionsShown} more rejected");
        }

        var seconds = watch.Elapsed.TotalSeconds;
        output.WriteLine($"added {result.Added.Count}, skipped {result.Duplicates.Count} duplicates, rejected {rejected.Count} ({submissions.Count + problems.Count} given; {opened.Scans.Count} on file in {opened.Folder}; {seconds:0.0} s, {(result.Added.Count + result.Duplicates.Count) / Math.Max(seconds, 1e-3):0.0} scans/s)");
        return rejected.Count > 0 ? 1 : 0;
    }
}
