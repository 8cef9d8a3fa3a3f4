using Npgsql;

namespace Ballistics.Cluster.Hosting;

/// <summary>
/// The cluster's PostgreSQL database, where Orleans' ADO.NET providers keep the membership and the grain state.
/// The providers read their SQL from the database's OrleansQuery table, and Orleans ships no PostgreSQL script in its
/// packages (only in its source), so the silos install our own (Schema/orleans-postgres.sql) before the providers start.
/// </summary>
internal static class ClusterDatabase
{
    /// <summary>The ADO.NET invariant by which the providers find Npgsql's factory.</summary>
    public const string Invariant = "Npgsql";

    private const string SchemaResource = "Ballistics.Cluster.Hosting.Schema.orleans-postgres.sql";

    // Any number no other code takes: silos starting together queue on it, since concurrent CREATE TABLE IF NOT
    // EXISTS of one table can fail with a duplicate-key error in the catalog.
    private const long SchemaLock = 0x0B_A111_5C1C_0001;

    private static readonly Lazy<string> Script = new(ReadScript);

    /// <summary>
    /// Creates the tables if they are missing and writes the providers' queries over whatever an older build left,
    /// all in one transaction: a silo never sees half a schema. Safe to run any number of times, also concurrently.
    /// </summary>
    public static void EnsureSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            locking.Parameters.AddWithValue("key", SchemaLock);
            locking.ExecuteNonQuery();
        }

        using (var script = new NpgsqlCommand(Script.Value, connection, transaction))
        {
            script.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static string ReadScript()
    {
        using var stream = typeof(ClusterDatabase).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"{SchemaResource} is not built into {typeof(ClusterDatabase).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
