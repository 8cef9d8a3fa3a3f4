using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class StoreCommandTests
{
    [Test]
    public void StoreInit_Postgres_EveryVerbThenUsesTheServerThroughTheFolder()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("sales.csv"), RecordRows.Sales);
        File.WriteAllText(dir.File("traces.csv"), RecordRows.Traces);

        var (code, output, error) = InfoCommandTests.Run(["store", "init", "--store", dir.File("data"), "--postgres", PostgresTestServer.CreateDatabase()]);
        InfoCommandTests.Run(["records", "ingest", dir.File("sales.csv"), "--kind", "transactions", "--store", dir.File("data")]);
        InfoCommandTests.Run(["records", "ingest", dir.File("traces.csv"), "--kind", "trace", "--store", dir.File("data")]);
        var (traced, trace, _) = InfoCommandTests.Run(["trace", "--request", "T-2", "--store", dir.File("data")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("rows in PostgreSQL (schema version"));
        Assert.That(File.Exists(dir.File("data/ballistics.db")), Is.False, "no local database beside the server's");
        Assert.That(traced, Is.Zero);
        Assert.That(trace, Does.Contain("ttc         700 days, short (short is under 3 years)"), "the same answer as from the embedded store");
    }

    [Test]
    public void StoreInit_FolderIsAStoreAlready_RefusedNamingItsDatabase()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("sales.csv"), RecordRows.Sales);
        InfoCommandTests.Run(["records", "ingest", dir.File("sales.csv"), "--kind", "transactions", "--store", dir.File("data")]);

        var (code, _, error) = InfoCommandTests.Run(["store", "init", "--store", dir.File("data"), "--postgres", "Host=127.0.0.1;Port=1;Database=x"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain(dir.File("data/ballistics.db")).And.Contain("a store already"));
    }
}
