using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Store.Database;
using Ballistics.Store.Records;
using Ballistics.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ballistics.Store.Tests;

/// <summary>Stores in a test's own folder, record files written there and ingested as the command would.</summary>
internal static class TestStores
{
    public static readonly NormalizeOptions Options = new() { Locale = DateLocale.EnUs, Today = new DateOnly(2025, 6, 30) };

    public static DataStore Create(TempDirectory dir, StoreEngine engine = StoreEngine.Sqlite)
    {
        var folder = dir.File("data");
        // A second call on the same folder reopens its store, as on SQLite.
        if (engine == StoreEngine.Postgres && !File.Exists(Path.Combine(folder, StoreLocation.FileName)))
        {
            StoreLocation.WritePostgres(folder, PostgresTestServer.CreateDatabase());
        }

        var opened = DataStore.Open(folder, create: true);
        Assert.That(opened.Success, Is.True, () => opened.Error?.ToString() ?? "not opened");
        return opened.Value;
    }

    public static IngestCounts Ingest(DataStore store, TempDirectory dir, string name, string text, RecordKind kind)
    {
        using var reader = Reader(dir, name, text, kind);
        return store.Ingest(reader, dir.File(name + ".rejects.csv"));
    }

    public static RecordFileReader Reader(TempDirectory dir, string name, string text, RecordKind kind)
    {
        var path = dir.File(name);
        File.WriteAllText(path, text);
        return RecordFileReader.Open(path, kind, Options).Value;
    }

    /// <summary>A value read with a connection of its own, as another process would see the store.</summary>
    public static object? Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A value read with a connection of its own to the store's database, whichever engine holds it.</summary>
    public static object? Scalar(DataStore store, string sql)
    {
        if (store.Engine == StoreEngine.Sqlite)
        {
            return Scalar(store.DatabasePath, sql);
        }

        using var connection = new NpgsqlConnection(StoreLocation.Of(store.Folder).Location!.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A second connection to the store's database, as another writer would have.</summary>
    public static System.Data.Common.DbConnection Connection(DataStore store)
    {
        if (store.Engine == StoreEngine.Sqlite)
        {
            return Sqlite.SqliteDatabase.Open(store.DatabasePath, create: false);
        }

        var connection = new NpgsqlConnection(StoreLocation.Of(store.Folder).Location!.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The columns of a table, in order.</summary>
    public static IReadOnlyList<string> Columns(DataStore store, string table)
    {
        using var connection = Connection(store);
        using var command = connection.CreateCommand();
        command.CommandText = store.Engine == StoreEngine.Sqlite
            ? $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
            : $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>The aggregate that joins a column's text over rows, in the engine's spelling.</summary>
    public static string Joined(DataStore store, string expression, string separator) =>
        store.Engine == StoreEngine.Sqlite ? $"group_concat({expression}, {separator})" : $"string_agg({expression}, {separator})";

    public static long Count(DataStore store, string sql) => Convert.ToInt64(Scalar(store, sql), System.Globalization.CultureInfo.InvariantCulture);
}
