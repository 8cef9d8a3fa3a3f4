using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Ballistics.Store.Database;

namespace Ballistics.Store.Sqlite;

/// <summary>
/// Brings a store's schema forward to the version this build knows, one migration at a time, each in
/// its own transaction with its row in <c>schema_version</c>. Migrations only go forward; a store
/// written by a newer build is refused rather than misread.
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "Ballistics.Store.Sqlite.Migrations.";

    private static readonly Lazy<Migration[]> Known = new(Load);

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Known.Value[^1].Version;

    /// <summary>Applies the migrations the store lacks; returns the version it is at, or the reason it cannot be used.</summary>
    public static string? Migrate(DbConnection connection, out int version)
    {
        SqliteDatabase.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT");
        var found = Current(connection);
        version = found;
        if (found > Latest)
        {
            return $"schema version {found} is newer than this build knows ({Latest}): use a newer ballistics";
        }

        foreach (var migration in Known.Value.Where(m => m.Version > found))
        {
            using var transaction = connection.BeginTransaction();

            // Another process may have migrated while this one waited for the write lock.
            if (Current(connection, transaction) >= migration.Version)
            {
                continue;
            }

            SqliteDatabase.Execute(connection, migration.Sql, transaction);
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
        (int)SqliteDatabase.Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version", transaction);

    /// <summary>Embedded files named <c>NNN_description.sql</c>, in version order.</summary>
    private static Migration[] Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
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

    private static Migration Read(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, name[(underscore + 1)..].Replace('_', ' '), reader.ReadToEnd());
    }

    private readonly record struct Migration(int Version, string Description, string Sql);
}
