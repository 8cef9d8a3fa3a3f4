using Ballistics.Reports;
using Ballistics.Store;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class ReportCommandTests
{
    /// <summary>Generated records put on file with `records ingest`, then the report: the page and each plot written and listed, no purchaser named.</summary>
    [Test]
    public void ReportTrafficking_GeneratedStore_PageAndPlotsWrittenAndListed()
    {
        using var dir = new TempDirectory();
        var records = GeneratedRecords.Write(dir.Path, seed: 23, firearms: 50);
        var store = dir.File("data");
        foreach (var (file, kind) in new[] { (records.TransactionsFile, "transactions"), (records.SeizuresFile, "seizure"), (records.TracesFile, "trace") })
        {
            var (ingested, _, ingestError) = InfoCommandTests.Run(["records", "ingest", file, "--kind", kind, "--store", store]);
            Assert.That(ingested, Is.Zero, ingestError);
        }

        var outDir = dir.File("report");
        var (code, output, error) = InfoCommandTests.Run(["report", "trafficking", "--store", store, "--out", outDir]);

        Assert.That(code, Is.Zero, error);
        var page = Path.Combine(outDir, TraffickingReport.FileName);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo($"wrote {page}: 50 trace requests, 50 seizure reports, 50 transactions, 0 linkage networks (trafficking.es.html beside it)"));
        var plots = lines.Skip(1).Where(l => l.StartsWith("wrote ", StringComparison.Ordinal)).Select(l => l["wrote ".Length..l.IndexOf(": ", StringComparison.Ordinal)]).ToArray();
        Assert.That(plots, Has.Length.GreaterThanOrEqualTo(5).And.All.EndsWith(".png"));
        Assert.That(plots.Select(File.Exists), Is.All.True);
        Assert.That(lines[^1], Does.StartWith("done in "));
        var html = File.ReadAllText(page);
        Assert.That(html, Does.Contain(TraffickingReport.Disclaimer(Ballistics.Reports.Texts.Language.English)).And.Contain("href=\"trafficking.es.html\""));
        var spanish = File.ReadAllText(Path.Combine(outDir, "trafficking.es.html"));
        Assert.That(spanish, Does.Contain(TraffickingReport.Disclaimer(Ballistics.Reports.Texts.Language.Spanish)).And.Contain("href=\"trafficking.html\""));
        Assert.That(records.Transactions.Select(t => t["purchaser"]).Distinct().Where(name => html.Contains(name, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void ReportTrafficking_NoStore_ErrorAndNothingWritten()
    {
        using var dir = new TempDirectory();

        var (code, _, error) = InfoCommandTests.Run(["report", "trafficking", "--store", dir.File("missing"), "--out", dir.File("report")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("no store here"));
        Assert.That(Directory.Exists(dir.File("report")), Is.False);
        Assert.That(Directory.Exists(dir.File("missing")), Is.False, "a report never leaves an empty store behind");
    }

    [Test]
    public void ReportTrafficking_FolderWithAnotherFileAsDatabase_Error()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("data"));
        File.WriteAllText(Path.Combine(dir.File("data"), DataStore.DatabaseFile), "not a database, a note someone left here\n");

        var (code, _, error) = InfoCommandTests.Run(["report", "trafficking", "--store", dir.File("data"), "--out", dir.File("report")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("cannot open the store"));
    }

    [Test]
    public void ReportTrafficking_EmptyStore_PageSaysSo()
    {
        using var dir = new TempDirectory();
        DataStore.Open(dir.File("data"), create: true).Value.Dispose();

        var (code, output, _) = InfoCommandTests.Run(["report", "trafficking", "--store", dir.File("data"), "--out", dir.File("report")]);

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("the store holds nothing to report yet"));
        Assert.That(File.ReadAllText(dir.File("report/trafficking.html")), Does.Contain("nothing to report yet"));
        Assert.That(Directory.GetFiles(dir.File("report")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "trafficking.html", "trafficking.es.html" }), "the two pages, no plot of nothing");
    }

    [Test]
    public void ReportTrafficking_NoOut_UsageError()
    {
        var (code, _, error) = InfoCommandTests.Run(["report", "trafficking"]);

        Assert.That(code, Is.Not.Zero);
        Assert.That(error, Does.Contain("--out"));
    }
}
