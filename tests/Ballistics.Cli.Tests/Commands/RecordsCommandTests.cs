using System.Text.Json;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class RecordsCommandTests
{
    private static readonly string[] FirearmKeys = ["make", "make_code", "model", "caliber", "caliber_code", "type_code", "serial", "serial_key", "obliterated"];
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
        Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "line", "status", "errors", "firearm", "recovery" }));
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
        Assert.That(stdout, Does.Contain("1 records, 1 ok, 0 rejected (dates read as en-US)"));
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
}
