using Npgsql;

namespace Ballistics.Store.Postgres;

/// <summary>Opens a connection to a shared store's PostgreSQL database.</summary>
internal static class PostgresDatabase
{
    public static NpgsqlConnection Open(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Names the store's connections in pg_stat_activity, for the administrator of a shared server.
            ApplicationName = "ballistics",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
