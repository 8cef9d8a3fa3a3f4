using System.Collections.Concurrent;
using Npgsql;

namespace Ballistics.Testing;

/// <summary>
/// Fresh PostgreSQL databases on the server ./test.sh starts (BALLISTICS_TEST_POSTGRES), one per store a test makes;
/// each test assembly drops its own at the end (<see cref="DropAll"/> from a set-up fixture). Without that server the
/// PostgreSQL tests fail, by design: CI must run them.
/// </summary>
public static class PostgresTestServer
{
    public const string ServerVariable = "BALLISTICS_TEST_POSTGRES";

    private static readonly ConcurrentBag<string> Made = [];

    /// <summary>The connection string of a new, empty database.</summary>
    public static string CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrEmpty(server))
        {
            throw new InvalidOperationException($"{ServerVariable} is not set: run ./test.sh, which starts a PostgreSQL server for these tests");
        }

        var name = "ballistics_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // C collation: text sorts by bytes, as SQLite sorts it.
            command.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'";
            command.ExecuteNonQuery();
        }

        Made.Add(name);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops every database this process made.</summary>
    public static void DropAll()
    {
        if (Made.IsEmpty || Environment.GetEnvironmentVariable(ServerVariable) is not { Length: > 0 } server)
        {
            return;
        }

        using var connection = new NpgsqlConnection(server);
        connection.Open();
        while (Made.TryTake(out var name))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }
}
