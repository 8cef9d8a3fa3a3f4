using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ballistics.Reports;
using Ballistics.Reports.Texts;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics report trafficking [--store DIR] --out DIR [--language en|es]`: the analyst's trafficking report as
/// `DIR/trafficking.html`, self-contained (its plots embedded), and the same plots as PNG files beside it for slides
/// and documents. The page is the one <c>GET /v1/reports/trafficking</c> returns.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = StoreVerbs.StoreOption();
        var outDir = new Option<string>("--out") { Required = true, Description = "folder for trafficking.html and its plots (made if missing)" };
        var language = new Option<string>("--language") { Description = "en (en-US) or es (es-MX): the language of the page and its plots", DefaultValueFactory = _ => "en" };
        language.Validators.Add(result =>
        {
            if (Languages.FromTag(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"--language: '{result.GetValueOrDefault<string>()}' is neither en nor es");
            }
        });
        var trafficking = new Command("trafficking", "Time-to-crime, recoveries by state, source dealers and states, multiple sales, linkage networks, leads and hits over time (aggregates only).")
        {
            store, outDir, language,
        };
        trafficking.SetAction(parse => Trafficking(parse.GetValue(store)!, parse.GetValue(outDir)!, output, error, Languages.FromTag(parse.GetValue(language))!.Value));
        return new Command("report", "Analyst reports over the store.") { trafficking };
    }

    internal static int Trafficking(string storePath, string outDir, TextWriter output, TextWriter error, Language language = Language.English)
    {
        var watch = Stopwatch.StartNew();
        using var store = StoreVerbs.OpenStore(storePath, create: false, error);
        if (store is null)
        {
            return 1;
        }

        var summary = TraffickingReport.Summarize(store);
        var figuresDone = watch.Elapsed;
        // The page in the language asked for, and beside it the same page in the other (trafficking.es.html or
        // trafficking.en.html), each linking the other; the plots as files in the language asked for.
        var source = new ReportSource(store.Folder, store.SchemaVersion, DateTimeOffset.UtcNow);
        var other = language == Language.English ? Language.Spanish : Language.English;
        var otherFile = $"{Path.GetFileNameWithoutExtension(TraffickingReport.FileName)}.{other.Code()}.html";
        var report = TraffickingReport.Render(summary, source, language, otherFile);
        Directory.CreateDirectory(outDir);
        var page = Path.GetFullPath(Path.Combine(outDir, TraffickingReport.FileName));
        File.WriteAllText(page, report.Html);
        File.WriteAllText(Path.Combine(outDir, otherFile), TraffickingReport.Render(summary, source, other, TraffickingReport.FileName).Html);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {page}: {summary.TraceRequests} trace requests, {summary.SeizureReports} seizure reports, {summary.Transactions} transactions, {summary.Networks.Networks.Count} linkage networks ({otherFile} beside it)"));
        foreach (var figure in report.Figures)
        {
            var path = Path.GetFullPath(Path.Combine(outDir, figure.FileName));
            File.WriteAllBytes(path, figure.Png);
            output.WriteLine($"wrote {path}: {figure.Caption}");
        }

        if (summary.IsEmpty)
        {
            output.WriteLine("the store holds nothing to report yet: the page says so");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done in {watch.Elapsed.TotalSeconds:0.0} s (figures {figuresDone.TotalSeconds:0.0} s, page and plots {(watch.Elapsed - figuresDone).TotalSeconds:0.0} s)"));
        return 0;
    }
}
