using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Ballistics.Store.Database;

/// <summary>
/// Brings a store's schema forward to the version this build knows, one migration at a time, each in
/// its own transaction with its row in <c>schema_version</c>. Migrations only go forward; a store
/// written by a newer build is refused rather than misread.
/// </summary>
internal static class SchemaMigrator
{
    private static readonly Lazy<Migration[]> SqliteMigrations = new(() => Load(StoreDialect.Sqlite.MigrationsPrefix));
    private static readonly Lazy<Migration[]> PostgresMigrations = new(() => Load(StoreDialect.Postgres.MigrationsPrefix));

    /// <summary>The schema version this build writes (the same for both engines: each migration is written for both).</summary>
    public static int Latest => SqliteMigrations.Value[^1].Version;

    private static Migration[] Known(StoreDialect dialect) => dialect.Engine == StoreEngine.Sqlite ? SqliteMigrations.Value : PostgresMigrations.Value;

    /// <summary>Applies the migrations the store lacks; returns the version it is at, or the reason it cannot be used.</summary>
    public static string? Migrate(DbConnection connection, StoreDialect dialect, out int version)
    {
        if (Known(dialect).Length != SqliteMigrations.Value.Length)
        {
            throw new InvalidOperationException($"the {dialect.Engine} migrations stop at {Known(dialect).Length}, the SQLite ones at {SqliteMigrations.Value.Length}: write each migration for both engines");
        }

        DbCommands.Execute(connection, dialect.SchemaVersionTable);
        var found = Current(connection);
        version = found;
        if (found > Latest)
        {
            return $"schema version {found} is newer than this build knows ({Latest}): use a newer ballistics";
        }

        foreach (var migration in Known(dialect).Where(m => m.Version > found))
        {
            using var transaction = connection.BeginTransaction();
            dialect.LockForWrite(connection, transaction, "schema_version");

            // Another process may have migrated while this one waited for the write lock.
            if (Current(connection, transaction) >= migration.Version)
            {
                continue;
            }

            DbCommands.Execute(connection, migration.Sql, transaction);
            using var mark = connection.CreateCommand();
            mark.Transaction = transaction;
            mark.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t)";
            mark.With("@v", migration.Version);
            mark.With("@d", migration.Description);
            mark.With("@t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            mark.ExecuteNonQuery();
            transaction.Commit();
        }

        version = Current(connection);
        return null;
    }

    private static int Current(DbConnection connection, DbTransaction? transaction = null) =>
        (int)DbCommands.Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version", transaction);

    /// <summary>Embedded files named <c>NNN_description.sql</c>, in version order.</summary>
    private static Migration[] Load(string prefix)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, prefix, n))
            .OrderBy(m => m.Version)
            .ToArray();
        for (var i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"store migrations must be numbered 1, 2, 3 ... without gaps; found {migrations[i].Version} at position {i + 1}");
            }
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string prefix, string resource)
    {
        var name = resource[prefix.Length..^".sql".Length];
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, name[(underscore + 1)..].Replace('_', ' '), reader.ReadToEnd());
    }

    private readonly record struct Migration(int Version, string Description, string Sql);
}
