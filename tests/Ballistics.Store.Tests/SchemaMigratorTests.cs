using Ballistics.Store.Database;
using Ballistics.Store.Sqlite;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture]
public sealed class SchemaMigratorTests
{
    [Test]
    public void Migrate_FreshThenAgain_EachVersionAppliedOnce()
    {
        using var dir = new TempDirectory();
        using var connection = SqliteDatabase.Open(dir.File("m.db"), create: true);

        var first = SchemaMigrator.Migrate(connection, StoreDialect.Sqlite, out var firstVersion);
        var second = SchemaMigrator.Migrate(connection, StoreDialect.Sqlite, out var secondVersion);

        Assert.That(first, Is.Null);
        Assert.That(second, Is.Null);
        Assert.That(firstVersion, Is.EqualTo(SchemaMigrator.Latest));
        Assert.That(secondVersion, Is.EqualTo(SchemaMigrator.Latest));
        Assert.That(DbCommands.Scalar(connection, "SELECT count(*) FROM schema_version"), Is.EqualTo(SchemaMigrator.Latest));
        Assert.That(DbCommands.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'record'"), Is.EqualTo(1));
    }

    [Test]
    public void Migrate_VersionNewerThanKnown_ReasonGivenAndNothingChanged()
    {
        using var dir = new TempDirectory();
        using var connection = SqliteDatabase.Open(dir.File("m.db"), create: true);
        SchemaMigrator.Migrate(connection, StoreDialect.Sqlite, out _);
        DbCommands.Execute(connection, $"INSERT INTO schema_version VALUES ({SchemaMigrator.Latest + 4}, 'future', 'now')");

        var reason = SchemaMigrator.Migrate(connection, StoreDialect.Sqlite, out var version);

        Assert.That(reason, Does.Contain($"schema version {SchemaMigrator.Latest + 4} is newer than this build knows ({SchemaMigrator.Latest})"));
        Assert.That(version, Is.EqualTo(SchemaMigrator.Latest + 4));
    }

    [Test]
    public void Open_Connection_EnforcesForeignKeys()
    {
        using var dir = new TempDirectory();
        using var connection = SqliteDatabase.Open(dir.File("m.db"), create: true);
        SchemaMigrator.Migrate(connection, StoreDialect.Sqlite, out _);

        Assert.That(DbCommands.Scalar(connection, "PRAGMA foreign_keys"), Is.EqualTo(1));
        Assert.That(
            () => DbCommands.Execute(connection, "INSERT INTO sale (record_id) VALUES (42)"),
            Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>().With.Message.Contains("FOREIGN KEY"));
    }
}
