using Npgsql;

namespace Ballistics.Cluster.Tests.Hosting;

/// <summary>One statement on a test's database, outside the providers: to look at or tamper with their rows.</summary>
internal static class TestSql
{
    public static void Execute(string database, string sql) => Run(database, sql, command => command.ExecuteNonQuery());

    public static object? Scalar(string database, string sql) => Run(database, sql, command => command.ExecuteScalar());

    private static T Run<T>(string database, string sql, Func<NpgsqlCommand, T> run)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return run(command);
    }
}
