using Ballistics.Ingest;
using Ballistics.Ingest.Records;
using Ballistics.Store.Database;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

/// <summary>Opening the embedded store's own file: WAL, a missing file, a newer schema, a file that is no database.</summary>
[TestFixture]
public sealed class DataStoreSqliteFileTests
{
    [Test]
    public void Open_NewFolder_CreatesWalDatabaseAtLatestSchema()
    {
        using var dir = new TempDirectory();

        using var store = TestStores.Create(dir);

        Assert.That(File.Exists(store.DatabasePath), Is.True);
        Assert.That(store.SchemaVersion, Is.EqualTo(SchemaMigrator.Latest));
        Assert.That(TestStores.Scalar(store.DatabasePath, "PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(TestStores.Count(store, "SELECT count(*) FROM schema_version"), Is.EqualTo(SchemaMigrator.Latest));
    }

    [Test]
    public void Open_MissingStoreWithoutCreate_NotFoundAndNothingCreated()
    {
        using var dir = new TempDirectory();
        var folder = dir.File("none");

        var opened = DataStore.Open(folder, create: false);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.Kind, Is.EqualTo(IngestErrorKind.NotFound));
        Assert.That(opened.Error.Source, Does.EndWith(DataStore.DatabaseFile));
        Assert.That(Directory.Exists(folder), Is.False);
    }

    [Test]
    public void Open_StoreWrittenByNewerBuild_RefusedAndDataKept()
    {
        using var dir = new TempDirectory();
        using (var store = TestStores.Create(dir))
        {
            TestStores.Ingest(store, dir, "sales.csv", RecordRows.Sales, RecordKind.Transaction);
        }

        var database = Path.Combine(dir.File("data"), DataStore.DatabaseFile);
        TestStores.Scalar(database, $"INSERT INTO schema_version VALUES ({SchemaMigrator.Latest + 1}, 'future', 'now')");

        var opened = DataStore.Open(dir.File("data"), create: true);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.Kind, Is.EqualTo(IngestErrorKind.Unsupported));
        Assert.That(opened.Error.Message, Does.Contain($"schema version {SchemaMigrator.Latest + 1} is newer"));
        Assert.That(TestStores.Scalar(database, "SELECT count(*) FROM record"), Is.EqualTo(3L));
    }

    [Test]
    public void Open_FileIsNotADatabase_ErrorNamesFileAndLeavesItUntouched()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("data"));
        var database = Path.Combine(dir.File("data"), DataStore.DatabaseFile);
        File.WriteAllText(database, "these are somebody's notes, not a database");

        var opened = DataStore.Open(dir.File("data"), create: true);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.Source, Is.EqualTo(database));
        Assert.That(opened.Error.Message, Does.Contain("cannot open the store"));
        Assert.That(File.ReadAllText(database), Is.EqualTo("these are somebody's notes, not a database"));
    }
}
