using System.Collections.Concurrent;
using Npgsql;

namespace Ballistics.Store.Tests;

/// <summary>
/// A fresh PostgreSQL database for each store a test makes, on the server ./test.sh starts (BALLISTICS_TEST_POSTGRES),
/// all dropped when the test run ends. Without that server the PostgreSQL half of the store tests fails, by design:
/// CI must run them.
/// </summary>
[SetUpFixture]
public sealed class PostgresTestDatabases
{
    public const string ServerVariable = "BALLISTICS_TEST_POSTGRES";

    private static readonly ConcurrentBag<string> Made = [];

    /// <summary>The connection string of a new, empty database.</summary>
    public static string Create()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        Assert.That(server, Is.Not.Null.And.Not.Empty, $"{ServerVariable} is not set: run ./test.sh, which starts a PostgreSQL server for these tests");
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

    [OneTimeTearDown]
    public void DropAll()
    {
        if (Made.IsEmpty || Environment.GetEnvironmentVariable(ServerVariable) is not { Length: > 0 } server)
        {
            return;
        }

        using var connection = new NpgsqlConnection(server);
        connection.Open();
        foreach (var name in Made)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }
}
