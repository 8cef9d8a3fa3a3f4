using System.Text.Json;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class TraceCommandTests
{
    [Test]
    public void Trace_StoredRequest_ChainTimeToCrimeMultipleSaleAndEarlierTrace()
    {
        using var dir = Filled();

        var (code, stdout, _) = InfoCommandTests.Run(["trace", "--request", "T-2", "--store", dir.File("data")]);

        Assert.That(code, Is.Zero);
        var lines = stdout.Split('\n');
        Assert.That(lines[0], Is.EqualTo("status      completed (traced to the first retail purchaser)"));
        Assert.That(lines[1], Is.EqualTo("request     T-2, recovered 2021-01-01"));
        Assert.That(stdout, Does.Contain("chain       role          date        licence               name"));
        Assert.That(stdout, Does.Contain("            dealer        2019-01-10  5-74-123-01-2B-12345  Border Guns"));
        Assert.That(stdout, Does.Contain("            purchaser     2019-02-01  -                     Juan Pérez"));
        Assert.That(stdout, Does.Contain("ttc         700 days, short (short is under 3 years)"));
        Assert.That(stdout, Does.Contain("multiple    report MS-1 with 2 firearm(s); purchaser bought 2 firearm(s), 1 other(s) within 5 business days"));
        Assert.That(stdout, Does.Contain("            2020-06-01  T-1           MX-JAL  purchaser  Glock FX9"));
    }

    [Test]
    public void Trace_SerialAndMakeAsJson_ContractFields()
    {
        using var dir = Filled();

        var (code, stdout, _) = InfoCommandTests.Run(["trace", "--serial", "fx-9", "--make", "GLOCK", "--store", dir.File("data"), "--json"]);

        Assert.That(code, Is.Zero);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "status", "outcome", "detail", "request", "firearm", "chain", "time_to_crime_days", "short_ttc", "multiple_sale", "earlier_traces", "candidates",
        }));
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(json.GetProperty("firearm").GetProperty("make_code").GetString(), Is.EqualTo("GLC"));
        Assert.That(json.GetProperty("chain").EnumerateArray().Select(s => s.GetProperty("role").GetString()), Is.EqualTo(new[] { "manufacturer", "distributor", "dealer", "purchaser" }));
        Assert.That(json.GetProperty("time_to_crime_days").ValueKind, Is.EqualTo(JsonValueKind.Null), "a look-up by serial has no recovery date");
        Assert.That(json.GetProperty("multiple_sale").GetProperty("purchases_within_five_business_days").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("earlier_traces").EnumerateArray().Select(t => t.GetProperty("trace_number").GetString()), Is.EqualTo(new[] { "T-1", "T-2" }));
    }

    [TestCase("T-3", "obliterated_serial")]
    [TestCase("T-1", "completed")]
    public void Trace_Request_Outcome(string request, string outcome)
    {
        using var dir = Filled();

        var (_, stdout, _) = InfoCommandTests.Run(["trace", "--request", request, "--store", dir.File("data"), "--json"]);

        Assert.That(JsonDocument.Parse(stdout).RootElement.GetProperty("outcome").GetString(), Is.EqualTo(outcome));
    }

    [Test]
    public void Trace_SerialNotOnFile_NoRecord()
    {
        using var dir = Filled();

        var (code, stdout, _) = InfoCommandTests.Run(["trace", "--serial", "999", "--make", "Colt", "--store", dir.File("data")]);

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.StartWith("status      not completed: no record (no sale of Colt serial 999 on file)"));
    }

    [Test]
    public void Trace_UnknownMaker_ErrorNamesTheFlag()
    {
        using var dir = Filled();

        var (code, _, stderr) = InfoCommandTests.Run(["trace", "--serial", "1", "--make", "Acme", "--store", dir.File("data")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("error: --make: 'Acme' is not a known maker"));
    }

    [Test]
    public void Trace_NoStore_ErrorAndNoStoreCreated()
    {
        using var dir = new TempDirectory();

        var (code, _, stderr) = InfoCommandTests.Run(["trace", "--serial", "1", "--make", "Colt", "--store", dir.File("data")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("no store here"));
        Assert.That(Directory.Exists(dir.File("data")), Is.False);
    }

    [Test]
    public void Trace_UnknownRequest_Error()
    {
        using var dir = Filled();

        var (code, _, stderr) = InfoCommandTests.Run(["trace", "--request", "T-404", "--store", dir.File("data")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("--request T-404: no stored trace request"));
    }

    [TestCase]
    [TestCase("--serial", "1")]
    [TestCase("--request", "T-1", "--serial", "1", "--make", "Colt")]
    public void Trace_WrongFlagCombination_UsageError(params string[] flags)
    {
        var (code, _, stderr) = InfoCommandTests.Run(["trace", .. flags]);

        Assert.That(code, Is.Not.Zero);
        Assert.That(stderr, Does.Contain("--"));
    }

    private static TempDirectory Filled()
    {
        var dir = new TempDirectory();
        File.WriteAllText(dir.File("sales.csv"), RecordRows.Sales);
        File.WriteAllText(dir.File("traces.csv"), RecordRows.Traces);
        InfoCommandTests.Run(["records", "ingest", dir.File("sales.csv"), "--kind", "transactions", "--store", dir.File("data")]);
        InfoCommandTests.Run(["records", "ingest", dir.File("traces.csv"), "--kind", "trace", "--store", dir.File("data")]);
        return dir;
    }
}
