using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Store.Records;
using Ballistics.Testing;
using Microsoft.Data.Sqlite;

namespace Ballistics.Store.Tests;

/// <summary>Stores in a test's own folder, record files written there and ingested as the command would.</summary>
internal static class TestStores
{
    public static readonly NormalizeOptions Options = new() { Locale = DateLocale.EnUs, Today = new DateOnly(2025, 6, 30) };

    public static RecordStore Create(TempDirectory dir) => RecordStore.Open(dir.File("data"), create: true).Value;

    public static IngestCounts Ingest(RecordStore store, TempDirectory dir, string name, string text, RecordKind kind)
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

    public static long Count(RecordStore store, string sql) => Convert.ToInt64(Scalar(store.DatabasePath, sql), System.Globalization.CultureInfo.InvariantCulture);
}
