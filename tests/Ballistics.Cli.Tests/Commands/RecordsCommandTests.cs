using System.Text.Json;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Store;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class RecordsCommandTests
{
    private static readonly string[] FirearmKeys = ["make", "make_code", "model", "caliber", "caliber_code", "type_code", "serial", "serial_key", "obliterated", "importer"];
    private static readonly string[] RecoveryKeys = ["date", "country", "state_code", "municipality"];

    [Test]
    public void Normalize_SpanishSeizureCsv_OneObjectPerRecordInInputOrder()
    {
        using var dir = new TempDirectory();
        var input = dir.File("aseguramientos.csv");
        File.WriteAllText(input, "Matrícula;Marca;Modelo;Calibre;Tipo de arma;Fecha de aseguramiento;Entidad federativa;Municipio;Folio\n"
            + "ABC-123 45;S&W;M&P 9;9 mm Luger;Pistola;03/04/2023;Jalisco;Guadalajara;EV-1\n"
            + "369J257;Acme;X;9x19;Pistola;03/04/2023;Jalisco;Zapopan;EV-1\n"
            + "limado;Cugir/Century Arms;WASR-10;7.62 x 39 mm;Fusil;3 de abril de 2023;Michoacán;Apatzingán;EV-2\n");
        var output = dir.File("out.ndjson");

        var (code, stdout, stderr) = InfoCommandTests.Run(["records", "normalize", input, "--kind", "seizure", "--locale", "es-MX", "--out", output]);

        Assert.That(code, Is.EqualTo(1), "a rejected record makes the exit status 1");
        Assert.That(stdout, Does.Contain("3 records, 2 ok, 1 rejected"));
        Assert.That(stderr, Does.Contain("line 3, field make: 'Acme' is not a known maker"));
        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.That(lines.Select(l => l.GetProperty("line").GetInt32()), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(lines.Select(l => l.GetProperty("status").GetString()), Is.EqualTo(new[] { "ok", "rejected", "ok" }));

        var first = lines[0];
        Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "line", "status", "errors", "firearm", "recovery", "warnings" }));
        Assert.That(first.GetProperty("firearm").EnumerateObject().Select(p => p.Name), Is.EqualTo(FirearmKeys));
        Assert.That(first.GetProperty("recovery").EnumerateObject().Select(p => p.Name), Is.EqualTo(RecoveryKeys));
        Assert.That(first.GetProperty("firearm").GetProperty("make").GetString(), Is.EqualTo("Smith & Wesson"));
        Assert.That(first.GetProperty("firearm").GetProperty("make_code").GetString(), Is.EqualTo("SW"));
        Assert.That(first.GetProperty("firearm").GetProperty("caliber").GetString(), Is.EqualTo("9x19mm Parabellum"));
        Assert.That(first.GetProperty("firearm").GetProperty("type_code").GetString(), Is.EqualTo("P"));
        Assert.That(first.GetProperty("firearm").GetProperty("serial").GetString(), Is.EqualTo("ABC12345"));
        Assert.That(first.GetProperty("recovery").GetProperty("date").GetString(), Is.EqualTo("2023-04-03"));
        Assert.That(first.GetProperty("recovery").GetProperty("state_code").GetString(), Is.EqualTo("MX-JAL"));

        var rejected = lines[1];
        Assert.That(rejected.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("make"));
        Assert.That(rejected.GetProperty("firearm").GetProperty("serial_key").GetString(), Is.EqualTo("369257"));
        Assert.That(rejected.GetProperty("firearm").GetProperty("make").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var obliterated = lines[2].GetProperty("firearm");
        Assert.That(obliterated.GetProperty("obliterated").GetBoolean(), Is.True);
        Assert.That(obliterated.GetProperty("serial").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(obliterated.GetProperty("make").GetString(), Is.EqualTo("Romarm"));
    }

    [Test]
    public void Normalize_TransactionsJson_RecoveryIsNullAndAllOkExitsZero()
    {
        using var dir = new TempDirectory();
        var input = dir.File("sales.json");
        File.WriteAllText(input, """[{"serial": "FX-1", "make": "Colt", "retail date": "03/02/2019", "purchaser": "P. Gómez"}]""");
        var output = dir.File("out.ndjson");

        var (code, stdout, _) = InfoCommandTests.Run(["records", "normalize", input, "--kind", "transactions", "--locale", "en-US", "--out", output]);

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("1 records, 1 ok, 0 rejected (dates read as en-US; text read as UTF-8)"));
        var line = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.That(line.GetProperty("recovery").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(line.GetProperty("firearm").GetProperty("serial").GetString(), Is.EqualTo("FX1"));
    }

    [Test]
    public void Normalize_AmbiguousDateWithoutLocale_RejectedWithReason()
    {
        using var dir = new TempDirectory();
        var input = dir.File("traces.csv");
        File.WriteAllText(input, "serial,make,recovery date\n123,Glock,04/03/2023\n");
        var output = dir.File("out.ndjson");

        var (code, _, _) = InfoCommandTests.Run(["records", "normalize", input, "--kind", "trace", "--out", output]);

        Assert.That(code, Is.EqualTo(1));
        var error = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("errors")[0];
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("recovery_date"));
        Assert.That(error.GetProperty("reason").GetString(), Does.Contain("ambiguous"));
    }

    [Test]
    public void Normalize_MissingFile_ErrorAndNoOutput()
    {
        using var dir = new TempDirectory();
        var output = dir.File("out.ndjson");

        var (code, _, stderr) = InfoCommandTests.Run(["records", "normalize", dir.File("none.csv"), "--kind", "trace", "--out", output]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("file not found"));
        Assert.That(File.Exists(output), Is.False);
    }

    [TestCase("--kind", "guns")]
    [TestCase("--locale", "fr-FR")]
    public void Normalize_BadOptionValue_IsUsageError(string option, string value)
    {
        using var dir = new TempDirectory();
        var input = dir.File("t.csv");
        File.WriteAllText(input, "serial,make,date\n1,Glock,2023-04-03\n");
        var output = dir.File("o.ndjson");
        string[] args = option == "--kind"
            ? ["records", "normalize", input, "--kind", value, "--out", output]
            : ["records", "normalize", input, "--kind", "trace", option, value, "--out", output];

        var (code, _, stderr) = InfoCommandTests.Run(args);

        Assert.That(code, Is.Not.Zero);
        Assert.That(stderr, Does.Contain(value));
        Assert.That(File.Exists(output), Is.False, "nothing is read or written when the command line is wrong");
    }

    [Test]
    public void Ingest_GoodAndBadRows_CountsPrintedAndRejectsLocated()
    {
        using var dir = new TempDirectory();
        var input = dir.File("sales.csv");
        File.WriteAllText(input, RecordRows.Sales + "X9,55,Acme,1,9x19,,,,,,2018-03-02,,,,\n");

        var (code, stdout, _) = InfoCommandTests.Run(["records", "ingest", input, "--kind", "transactions", "--store", dir.File("data")]);

        Assert.That(code, Is.EqualTo(1), "a rejected record makes the exit status 1");
        Assert.That(stdout, Does.Contain("4 records: 3 stored, 0 skipped as duplicates, 1 rejected"));
        var rejects = File.ReadAllLines(Path.Combine(dir.File("data"), "rejects", "sales.csv.rejects.csv"));
        Assert.That(rejects, Is.EqualTo(new[] { "file,line,field,reason", $"{input},5,make,'Acme' is not a known maker" }));
    }

    [Test]
    public void Ingest_SameFileTwice_SecondRunSkipsEveryRecord()
    {
        using var dir = new TempDirectory();
        var input = dir.File("traces.csv");
        File.WriteAllText(input, RecordRows.Traces);
        string[] args = ["records", "ingest", input, "--kind", "trace", "--store", dir.File("data"), "--rejects", dir.File("r.csv")];

        var first = InfoCommandTests.Run(args);
        var second = InfoCommandTests.Run(args);

        Assert.That(first.Code, Is.Zero);
        Assert.That(first.Output, Does.Contain("3 records: 3 stored, 0 skipped as duplicates, 0 rejected"));
        Assert.That(second.Code, Is.Zero);
        Assert.That(second.Output, Does.Contain("3 records: 0 stored, 3 skipped as duplicates, 0 rejected"));
        Assert.That(File.ReadAllLines(dir.File("r.csv")), Is.EqualTo(new[] { "file,line,field,reason" }));
    }

    [Test]
    public void Ingest_UnreadableFile_ErrorAndStoredRecordsKept()
    {
        using var dir = new TempDirectory();
        var input = dir.File("sales.csv");
        File.WriteAllText(input, RecordRows.Sales);
        InfoCommandTests.Run(["records", "ingest", input, "--kind", "transactions", "--store", dir.File("data")]);
        var broken = dir.File("broken.csv");
        File.WriteAllText(broken, "\"serial,make\n1,Glock\n");

        var missing = InfoCommandTests.Run(["records", "ingest", dir.File("none.csv"), "--kind", "transactions", "--store", dir.File("data")]);
        var unreadable = InfoCommandTests.Run(["records", "ingest", broken, "--kind", "transactions", "--store", dir.File("data")]);

        Assert.That(missing.Code, Is.EqualTo(1));
        Assert.That(missing.Error, Does.Contain("none.csv").And.Contain("file not found"));
        Assert.That(unreadable.Code, Is.EqualTo(1));
        Assert.That(unreadable.Error, Does.Contain("broken.csv"));
        using var store = DataStore.Open(dir.File("data"), create: false).Value;
        Assert.That(store.CountByKind()["transaction"], Is.EqualTo(3));
    }

    [Test]
    public void Ingest_RejectsPathIsAFolder_ErrorAndNothingStored()
    {
        using var dir = new TempDirectory();
        var input = dir.File("sales.csv");
        File.WriteAllText(input, RecordRows.Sales);
        Directory.CreateDirectory(dir.File("taken"));

        var (code, _, stderr) = InfoCommandTests.Run(["records", "ingest", input, "--kind", "transactions", "--store", dir.File("data"), "--rejects", dir.File("taken")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: "));
        using var store = DataStore.Open(dir.File("data"), create: false).Value;
        Assert.That(store.CountByKind()["transaction"], Is.Zero);
    }

    [Test]
    public void Ingest_MissingFileAndNoStore_NoStoreCreated()
    {
        using var dir = new TempDirectory();

        var (code, _, _) = InfoCommandTests.Run(["records", "ingest", dir.File("none.csv"), "--kind", "trace", "--store", dir.File("data")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(Directory.Exists(dir.File("data")), Is.False);
    }

    /// <summary>
    /// The crash test: a child `ballistics records ingest` of a large file is killed (SIGKILL)
    /// as soon as its first batch is visible to another connection. The store must then pass SQLite's
    /// integrity check with every record owning all its rows, and a rerun must store exactly the records
    /// the kill cut off and skip exactly those already stored.
    /// </summary>
    [Test]
    [CancelAfter(240_000)]
    public void Ingest_KilledMidFile_StoreWholeAndRerunStoresExactlyTheRest()
    {
        using var dir = new TempDirectory();
        var input = dir.File("big.csv");
        File.WriteAllText(input, RecordRows.TransactionCsv(150_000, seed: 7, badOneIn: 50));
        var options = new NormalizeOptions { Locale = DateLocale.EnUs };
        int good, bad;
        using (var reader = RecordFileReader.Open(input, RecordKind.Transaction, options).Value)
        {
            var results = reader.ReadAll().Select(r => r.IsOk).ToArray();
            (good, bad) = (results.Count(ok => ok), results.Count(ok => !ok));
        }

        var store = dir.File("data");
        var database = Path.Combine(store, DataStore.DatabaseFile);
        using (var child = ChildCli.Start(["records", "ingest", input, "--kind", "transactions", "--locale", "en-US", "--store", store]))
        {
            var seen = ChildCli.WaitForCommit(database, "SELECT count(*) FROM record", child, TimeSpan.FromSeconds(120));
            Assert.That(child.HasExited, Is.False, $"the ingest finished before it could be killed (saw {seen} records); the file is too small for this machine");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        long afterKill;
        using (var opened = DataStore.Open(store, create: false).Value)
        {
            Assert.That(opened.Check(), Is.EqualTo(new StoreCheck("ok", 0, 0)));
            afterKill = opened.CountByKind()["transaction"];
        }

        Assert.That(afterKill, Is.GreaterThan(0).And.LessThan(good), "killed mid-file: some but not all records stored");
        TestContext.Out.WriteLine($"killed with {afterKill} of {good} good records stored ({bad} rejected)");

        var (code, stdout, _) = InfoCommandTests.Run(["records", "ingest", input, "--kind", "transactions", "--locale", "en-US", "--store", store]);

        Assert.That(code, Is.EqualTo(1), "the file has rejected records");
        Assert.That(stdout, Does.Contain($"{good + bad} records: {good - afterKill} stored, {afterKill} skipped as duplicates, {bad} rejected"));
        using var final = DataStore.Open(store, create: false).Value;
        Assert.That(final.CountByKind()["transaction"], Is.EqualTo(good));
        Assert.That(final.Check().IsWhole, Is.True);
    }
}
