using System.Text.Json;
using Ballistics.Intelligence.Trafficking;
using Ballistics.Ingest.Records;
using Ballistics.Reports.Texts;
using Ballistics.Store;
using Ballistics.Testing;

namespace Ballistics.Reports.Tests;

[TestFixture]
public sealed class TraffickingReportTests
{
    private static readonly ReportSource Source = new("test store", 6, new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Every purchaser's name, licence and birth date, every possessor and every serial of the input: none is in the page or the figures.</summary>
    [Test]
    public void Render_GeneratedRecords_NoNameSerialOrPersonalFieldOfTheInput()
    {
        using var dir = new TempDirectory();
        var records = GeneratedRecords.Write(dir.Path, seed: 17, firearms: 90);
        var summary = Summarize(dir, records);

        var report = TraffickingReport.Render(summary, Source);

        var personal = records.Transactions.SelectMany(t => new[] { t["purchaser"], t["purchaser id"], t["purchaser dob"], t["serial"] })
            .Concat(records.Traces.SelectMany(t => new[] { t["possessor"], t["serial"] }))
            .Concat(records.Seizures.Select(s => s["serie"]))
            .Where(v => v.Length > 0 && v != "limado")
            .Distinct()
            .ToArray();
        var json = JsonSerializer.Serialize(summary);
        Assert.That(personal, Has.Length.GreaterThan(200));
        Assert.That(personal.Where(p => report.Html.Contains(p, StringComparison.OrdinalIgnoreCase) || json.Contains(p, StringComparison.OrdinalIgnoreCase)), Is.Empty);
        Assert.That(report.Html, Does.Contain(records.Transactions[0]["ffl"]), "the page does list what it may: dealers by licence");
        Assert.That(report.Figures.Select(f => f.FileName), Is.SupersetOf(new[] { "time-to-crime.png", "recoveries-mx.png", "source-dealers.png", "purchasers.png" }));
        Assert.That(report.Figures.Select(f => f.Png.Take(8)), Has.All.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
    }

    [Test]
    public void Render_MarkupInADealerName_Encoded()
    {
        using var dir = new TempDirectory();
        var summary = Summarize(dir, GeneratedRecords.Write(dir.Path, seed: 3, firearms: 12));
        var hostile = summary with { SourceDealers = [new SourceDealer("5-74-029-01-2C-04112", "<script>alert('x')</script> & Sons \"Guns\"", "US-TX", 3, 1, 400)] };

        var html = TraffickingReport.Render(hostile, Source with { Store = "<b>store</b>" }).Html;

        Assert.That(html, Does.Not.Contain("<script>").And.Not.Contain("<b>store"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Sons &quot;Guns&quot;").And.Contain("&lt;b&gt;store&lt;/b&gt;"));
    }

    [Test]
    public void Render_EmptyStore_SaysSoWithoutFigures()
    {
        using var dir = new TempDirectory();
        using var store = DataStore.Open(dir.File("data"), create: true).Value;

        var report = TraffickingReport.Render(TraffickingReport.Summarize(store), Source);

        Assert.That(report.Figures, Is.Empty);
        Assert.That(report.Html, Does.Contain("nothing to report yet").And.Contain(TraffickingReport.Disclaimer(Language.English)).And.Contain("2026-11-29 12:00:00 UTC"));
    }

    [Test]
    public void Render_Spanish_PageAndCaptionsInSpanishCodesAsTheyAre()
    {
        using var dir = new TempDirectory();
        var summary = Summarize(dir, GeneratedRecords.Write(dir.Path, seed: 17, firearms: 60));

        var english = TraffickingReport.Render(summary, Source, Language.English);
        var spanish = TraffickingReport.Render(summary, Source, Language.Spanish);

        Assert.That(spanish.Html, Does.Contain("<html lang=\"es-MX\">").And.Contain("<h1>Informe de tráfico de armas de fuego</h1>")
            .And.Contain("Tiempo hasta el delito").And.Contain(TraffickingReport.Disclaimer(Language.Spanish)).And.Contain("de 1 a 2 años"));
        Assert.That(spanish.Html, Does.Not.Contain("Time-to-crime").And.Not.Contain(TraffickingReport.Disclaimer(Language.English)));
        Assert.That(spanish.Html, Does.Contain("completed"), "trace outcomes are codes, the same in both languages");
        Assert.That(english.Html, Does.Contain("<html lang=\"en-US\">").And.Contain("<h1>Firearms trafficking report</h1>"));
        Assert.That(spanish.Figures.Select(f => f.Caption), Does.Contain("Tiempo hasta el delito por intervalo"));
        Assert.That(spanish.Figures.Select(f => f.FileName), Is.EqualTo(english.Figures.Select(f => f.FileName)), "the files are named alike in both");
    }

    [Test]
    public void Catalog_EveryTextInBothLanguages_NoProblems() =>
        Assert.That(ReportWords.Catalog.Problems(), Is.Empty);

    /// <summary>Counts are whole: no axis of a count may carry a tick at 0.5 or 2.5 (a handful of records draws them by default).</summary>
    [Test]
    public void Plots_SmallCounts_WholeNumberTicksOnEveryCountAxis()
    {
        using var dir = new TempDirectory();
        var summary = Summarize(dir, GeneratedRecords.Write(dir.Path, seed: 5, firearms: 24));
        var w = new ReportWords(Language.English);
        var plots = new (string Name, ScottPlot.Plot? Plot, ScottPlot.IAxis Axis)[]
        {
            ("time-to-crime", TraffickingPlots.TimeToCrime(summary.TimeToCrime, w), default!),
            ("recoveries", TraffickingPlots.Recoveries(summary.Recoveries, "MX", w), default!),
            ("dealers", TraffickingPlots.SourceDealers(summary.SourceDealers, w), default!),
            ("purchasers", TraffickingPlots.PurchasersBySales(summary.MultipleSales, w), default!),
        };

        foreach (var (name, plot, _) in plots)
        {
            Assert.That(plot, Is.Not.Null, name);
            TraffickingPlots.Png(plot!);
            // The count axis is the value axis: left for vertical bars, bottom for horizontal ones.
            var axis = name is "time-to-crime" or "purchasers" ? (ScottPlot.IAxis)plot!.Axes.Left : plot!.Axes.Bottom;
            var ticks = axis.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray();
            Assert.That(ticks, Is.Not.Empty, name);
            Assert.That(ticks, Has.All.Matches<double>(t => Math.Abs(t - Math.Round(t)) < 1e-9), $"{name}: {string.Join(", ", ticks)}");
        }
    }

    private static TraffickingSummary Summarize(TempDirectory dir, GeneratedRecords records)
    {
        using var store = DataStore.Open(dir.File("data"), create: true).Value;
        foreach (var (file, kind) in records.Files)
        {
            using var reader = RecordFileReader.Open(file, kind).Value;
            store.Ingest(reader, dir.File(Path.GetFileName(file) + ".rejects.csv"));
        }

        return TraffickingReport.Summarize(store);
    }
}
