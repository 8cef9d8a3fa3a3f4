using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Store.Records;
using Ballistics.Testing;
using Microsoft.Data.Sqlite;

namespace Ballistics.Store.Tests;

/// <summary>Stores in a test's own folder, record files written there and ingested as the command would.</summary>
internal static class TestStores
{
    public const string Sales =
        "transaction id,serial,make,model,caliber,distributor,distributor date,dealer,ffl,dealer date,retail date,purchaser,purchaser dob,purchaser id,multiple sale report\n"
        + "X1,ABC-123,S&W,M&P 9,9mm Luger,Big Dist,2019-01-05,Border Guns,5-74-123-01-2B-12345,2019-01-10,2019-02-01,Juan Pérez,1990-05-05,TXDL123,MS-1\n"
        + "X2,FX-9,Glock,19,9x19,Big Dist,2019-01-05,Border Guns,5-74-123-01-2B-12345,2019-01-10,2019-02-04,Juan Perez,1990-05-05,TXDL123,MS-1\n"
        + "X3,777,Colt,1911,.45 ACP,Big Dist,2018-01-05,Other Guns,5-74-999-01-2B-00001,2018-01-10,2018-03-01,Ana Ruiz,1980-01-01,,\n";

    public const string Traces =
        "trace number,serial,make,model,caliber,recovery date,state,municipality,possessor\n"
        + "T-1,FX9,GLOCK,19,9mm,2020-06-01,Jalisco,Guadalajara,Pedro Gil\n"
        + "T-2,ABC123,Smith and Wesson,M&P9,9x19,2021-01-01,Sonora,Nogales,Luis Mora\n"
        + "T-3,limado,Romarm,WASR,7.62x39,2021-01-01,Sonora,Nogales,\n";

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
