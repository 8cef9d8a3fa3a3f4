using System.Data.Common;

namespace Ballistics.Store.Database;

/// <summary>
/// The little that differs between the two engines once the SQL is written portably: where the migrations are, and how a
/// writer keeps others out while it reads-then-writes (SQLite's transactions already take the file's write lock at
/// BEGIN; PostgreSQL's read-committed transactions take no lock until asked).
/// </summary>
internal sealed class StoreDialect
{
    public static StoreDialect Sqlite { get; } = new(StoreEngine.Sqlite);

    public static StoreDialect Postgres { get; } = new(StoreEngine.Postgres);

    private StoreDialect(StoreEngine engine) => Engine = engine;

    public StoreEngine Engine { get; }

    /// <summary>Where this engine's migrations are embedded (<c>NNN_description.sql</c>).</summary>
    public string MigrationsPrefix => Engine == StoreEngine.Sqlite ? "Ballistics.Store.Sqlite.Migrations." : "Ballistics.Store.Postgres.Migrations.";

    /// <summary>The table of applied migrations, created before any migration runs.</summary>
    public string SchemaVersionTable => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        + (Engine == StoreEngine.Sqlite ? " STRICT" : string.Empty);

    /// <summary>
    /// Keeps other writers of <paramref name="table"/> out until <paramref name="transaction"/> ends, readers not: for a
    /// read-then-write (the audit log's hash chain, a job found or started, a migration) that must not interleave.
    /// </summary>
    public void LockForWrite(DbConnection connection, DbTransaction transaction, string table)
    {
        if (Engine == StoreEngine.Sqlite)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE";
        command.ExecuteNonQuery();
    }
}
