using Ballistics.Store.Database;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture]
public sealed class StoreLocationTests
{
    [Test]
    public void Of_FolderWithoutDescription_TheEmbeddedDatabase()
    {
        using var dir = new TempDirectory();

        var (location, error) = StoreLocation.Of(dir.Path);

        Assert.That((location?.Engine, location?.ConnectionString, error), Is.EqualTo(((StoreEngine?)StoreEngine.Sqlite, (string?)null, (string?)null)));
    }

    [TestCase("""{"engine": "postgres"}""", "field connection")]
    [TestCase("""{"connection": "Host=x"}""", "field engine")]
    [TestCase("""{"engine": "oracle", "connection": "x"}""", "not a store description")]
    [TestCase("engine=postgres", "not a store description")]
    public void Of_BadDescription_ErrorNamesTheFileAndField(string text, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, StoreLocation.FileName), text);

        var (location, error) = StoreLocation.Of(dir.Path);

        Assert.That(location, Is.Null);
        Assert.That(error, Does.StartWith(Path.Combine(dir.Path, StoreLocation.FileName)).And.Contain(expected));
    }

    [Test]
    public void Open_BadDescription_RefusedAndNoDatabaseMade()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("data"));
        File.WriteAllText(Path.Combine(dir.File("data"), StoreLocation.FileName), """{"engine": "postgres"}""");

        var opened = DataStore.Open(dir.File("data"), create: true);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.Message, Does.Contain("field connection"));
        Assert.That(File.Exists(Path.Combine(dir.File("data"), DataStore.DatabaseFile)), Is.False, "a store that names a server is never silently made a local one");
    }

    [Test]
    public void Open_ServerUnreachable_ErrorNamesTheDescriptionNotThePassword()
    {
        using var dir = new TempDirectory();
        StoreLocation.WritePostgres(dir.File("data"), "Host=127.0.0.1;Port=1;Username=ballistics;Password=s3cret-value;Database=nowhere;Timeout=3");

        var opened = DataStore.Open(dir.File("data"), create: true);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.ToString(), Does.Contain(StoreLocation.FileName).And.Contain("PostgreSQL").And.Contain("cannot open the store").And.Not.Contain("s3cret-value"));
    }

    [Test]
    public void PostgresConnection_PostgresStore_TheDescriptionsConnection()
    {
        using var dir = new TempDirectory();
        StoreLocation.WritePostgres(dir.File("data"), "Host=db.example;Database=ballistics");

        var connection = DataStore.PostgresConnection(dir.File("data"));

        Assert.That(connection.Value, Is.EqualTo("Host=db.example;Database=ballistics"));
    }

    [Test]
    public void PostgresConnection_EmbeddedStore_RefusedNamingTheDescriptionAndTheRemedy()
    {
        using var dir = new TempDirectory();
        DataStore.Open(dir.File("data"), create: true).Value.Dispose();

        var connection = DataStore.PostgresConnection(dir.File("data"));

        Assert.That(connection.Success, Is.False);
        Assert.That(connection.Error!.Source, Is.EqualTo(Path.Combine(dir.File("data"), StoreLocation.FileName)));
        Assert.That(connection.Error.Message, Does.Contain("SQLite").And.Contain("store init --postgres"));
    }

    [Test]
    public void PostgresConnection_BadDescription_ErrorNamesTheFieldOnce()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("data"));
        File.WriteAllText(Path.Combine(dir.File("data"), StoreLocation.FileName), """{"engine": "postgres"}""");

        var connection = DataStore.PostgresConnection(dir.File("data"));

        Assert.That(connection.Error!.ToString(), Is.EqualTo($"{Path.Combine(dir.File("data"), StoreLocation.FileName)}: field connection: the PostgreSQL connection string is missing"));
    }

    [Test]
    public void Open_PostgresStoreOfANewerBuild_Refused()
    {
        using var dir = new TempDirectory();
        using (var store = TestStores.Create(dir, StoreEngine.Postgres))
        {
            TestStores.Ingest(store, dir, "sales.csv", RecordRows.Sales, Ingest.Records.RecordKind.Transaction);
            TestStores.Scalar(store, $"INSERT INTO schema_version VALUES ({SchemaMigrator.Latest + 1}, 'future', 'now')");
        }

        var opened = DataStore.Open(dir.File("data"), create: false);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.Message, Does.Contain($"schema version {SchemaMigrator.Latest + 1} is newer"));
    }

    [Test]
    public void CreatePostgres_EmptyDatabase_LatestSchemaAndReopenedByItsFolder()
    {
        using var dir = new TempDirectory();
        var connection = PostgresTestServer.CreateDatabase();

        using (var created = DataStore.CreatePostgres(dir.File("data"), connection).Value)
        {
            Assert.That((created.Engine, created.SchemaVersion), Is.EqualTo((StoreEngine.Postgres, SchemaMigrator.Latest)));
            TestStores.Ingest(created, dir, "sales.csv", RecordRows.Sales, Ingest.Records.RecordKind.Transaction);
        }

        using var reopened = DataStore.Open(dir.File("data"), create: false).Value;
        Assert.That(reopened.Engine, Is.EqualTo(StoreEngine.Postgres));
        Assert.That(TestStores.Count(reopened, "SELECT count(*) FROM sale"), Is.EqualTo(3));
        Assert.That(File.Exists(Path.Combine(dir.File("data"), DataStore.DatabaseFile)), Is.False);
    }

    [Test]
    public void CreatePostgres_FolderIsAStoreAlready_RefusedAndItsRowsKept()
    {
        using var dir = new TempDirectory();
        using (var local = TestStores.Create(dir))
        {
            TestStores.Ingest(local, dir, "sales.csv", RecordRows.Sales, Ingest.Records.RecordKind.Transaction);
        }

        var created = DataStore.CreatePostgres(dir.File("data"), "Host=127.0.0.1;Port=1;Database=x");

        Assert.That(created.Success, Is.False);
        Assert.That(created.Error!.ToString(), Does.Contain(DataStore.DatabaseFile).And.Contain("a store already"));
        using var reopened = TestStores.Create(dir);
        Assert.That((reopened.Engine, TestStores.Count(reopened, "SELECT count(*) FROM sale")), Is.EqualTo((StoreEngine.Sqlite, 3L)));
    }

    [Test]
    public void CreatePostgres_ServerUnreachable_NothingLeftBehind()
    {
        using var dir = new TempDirectory();

        var created = DataStore.CreatePostgres(dir.File("data"), "Host=127.0.0.1;Port=1;Username=u;Database=x;Timeout=3");

        Assert.That(created.Success, Is.False);
        Assert.That(File.Exists(Path.Combine(dir.File("data"), StoreLocation.FileName)), Is.False, "a folder that names an unusable server is no store");
        Assert.That(File.Exists(Path.Combine(dir.File("data"), DataStore.DatabaseFile)), Is.False);
    }
}
