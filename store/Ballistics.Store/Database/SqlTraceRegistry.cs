using System.Data.Common;
using System.Globalization;
using Ballistics.Intelligence.Tracing;

namespace Ballistics.Store.Database;

/// <summary>The registry the trace logic reads, answered from the store's record tables.</summary>
internal sealed class SqlTraceRegistry(DbConnection connection) : ITraceRegistry
{
    private const string SaleColumns =
        "SELECT r.id, s.transaction_id, f.make, f.make_code, f.model, f.model_key, f.caliber, f.caliber_code, f.serial, f.serial_key, f.importer, s.import_date, "
        + "s.distributor, s.distributor_date, s.dealer, s.dealer_ffl, s.dealer_date, s.retail_date, s.multiple_sale_report, p.person_key, p.name, p.date_of_birth "
        + "FROM record r JOIN sale s ON s.record_id = r.id JOIN firearm f ON f.record_id = r.id "
        + "LEFT JOIN person p ON p.record_id = r.id AND p.role = 'purchaser' ";

    private const string TraceColumns =
        "SELECT DISTINCT r.id, t.trace_number, v.recovery_date, v.state_code, f.make, f.serial, v.agency "
        + "FROM record r JOIN trace_request t ON t.record_id = r.id JOIN recovery v ON v.record_id = r.id JOIN firearm f ON f.record_id = r.id ";

    /// <summary>Trace requests whose firearm matches a sale (by maker and serial key) meeting the condition on <c>s</c>, <c>sf</c> or <c>p</c>.</summary>
    private const string TracesOfSales =
        TraceColumns
        + "JOIN firearm sf ON sf.make_code = f.make_code AND sf.serial_key = f.serial_key "
        + "JOIN sale s ON s.record_id = sf.record_id ";

    public IReadOnlyList<SaleRecord> SalesOf(string makeCode, string serialKey) =>
        Sales(SaleColumns + "WHERE f.serial_key = @a AND f.make_code = @b ORDER BY r.id", serialKey, makeCode);

    public IReadOnlyList<SaleRecord> SalesTo(string personKey) =>
        Sales(SaleColumns + "WHERE p.person_key = @a ORDER BY s.retail_date, r.id", personKey);

    public int FirearmsOnReport(string multipleSaleReport)
    {
        using var command = Command("SELECT count(DISTINCT f.make_code || '|' || f.serial_key) FROM sale s JOIN firearm f ON f.record_id = s.record_id WHERE s.multiple_sale_report = @a", multipleSaleReport);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<PriorTrace> TracesOfFirearm(string makeCode, string serialKey) =>
        Traces(TraceLink.Firearm, TraceColumns + "WHERE f.serial_key = @a AND f.make_code = @b", serialKey, makeCode);

    public IReadOnlyList<PriorTrace> TracesOfPurchaser(string personKey) =>
        Traces(TraceLink.Purchaser, TracesOfSales + "JOIN person p ON p.record_id = s.record_id AND p.role = 'purchaser' WHERE p.person_key = @a", personKey);

    public IReadOnlyList<PriorTrace> TracesOfDealer(string dealerFfl) =>
        Traces(TraceLink.Dealer, TracesOfSales + "WHERE s.dealer_ffl = @a", dealerFfl);

    public IReadOnlyList<TraceQuery> Requests(string requestId) =>
        Query(RequestColumns + "WHERE t.trace_number = @a OR r.content_id = @a ORDER BY r.id", RequestOf, requestId);

    /// <summary>
    /// A stored trace request's columns: those of its query, then the recovery's country and state (columns 11 and 12);
    /// a statement on <c>r</c>, <c>t</c>, <c>v</c> and <c>f</c> follows.
    /// </summary>
    internal const string RequestColumns =
        "SELECT r.id, t.trace_number, f.make, f.make_code, f.serial, f.serial_key, f.serial_status, f.model_key, f.caliber, f.caliber_code, v.recovery_date, v.country, v.state_code "
        + "FROM record r JOIN trace_request t ON t.record_id = r.id JOIN recovery v ON v.record_id = r.id JOIN firearm f ON f.record_id = r.id ";

    /// <summary>The query of a row of <see cref="RequestColumns"/>.</summary>
    internal static TraceQuery RequestOf(DbDataReader reader) => new()
    {
        RequestId = reader.GetInt64(0),
        TraceNumber = Text(reader, 1),
        Make = Text(reader, 2),
        MakeCode = Text(reader, 3),
        Serial = Text(reader, 4),
        SerialKey = Text(reader, 5),
        Obliterated = reader.GetString(6) == "obliterated",
        ModelKey = Text(reader, 7),
        Caliber = Text(reader, 8),
        CaliberCode = Text(reader, 9),
        RecoveryDate = Date(reader, 10),
    };

    private List<SaleRecord> Sales(string sql, params string[] values) =>
        Query(
            sql,
            reader => new SaleRecord
            {
                RecordId = reader.GetInt64(0),
                TransactionId = Text(reader, 1),
                Make = Text(reader, 2),
                MakeCode = Text(reader, 3),
                Model = Text(reader, 4),
                ModelKey = Text(reader, 5),
                Caliber = Text(reader, 6),
                CaliberCode = Text(reader, 7),
                Serial = Text(reader, 8),
                SerialKey = Text(reader, 9),
                Importer = Text(reader, 10),
                ImportDate = Date(reader, 11),
                Distributor = Text(reader, 12),
                DistributorDate = Date(reader, 13),
                Dealer = Text(reader, 14),
                DealerFfl = Text(reader, 15),
                DealerDate = Date(reader, 16),
                RetailDate = Date(reader, 17),
                MultipleSaleReport = Text(reader, 18),
                Purchaser = Text(reader, 19) is { } key ? new TracePerson(key, Text(reader, 20), Date(reader, 21)) : null,
            },
            values);

    private List<PriorTrace> Traces(TraceLink link, string sql, params string[] values) =>
        Query(sql, reader => new PriorTrace(reader.GetInt64(0), Text(reader, 1), Date(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5), link, Text(reader, 6)), values);

    private List<T> Query<T>(string sql, Func<DbDataReader, T> map, params string[] values)
    {
        using var command = Command(sql, values);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private DbCommand Command(string sql, params string[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.With(i == 0 ? "@a" : "@b", values[i]);
        }

        return command;
    }

    internal static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static DateOnly? Date(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateOnly.ParseExact(reader.GetString(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
