using System.Data.Common;
using System.Globalization;
using Ballistics.Intelligence.Leads;
using Ballistics.Intelligence.Trafficking;

namespace Ballistics.Store.Database;

/// <summary>
/// The trafficking report's facts, read from the record, scan and lead tables. Purchasers are grouped by key here and
/// only their counts leave: the person table's rows never reach the report.
/// </summary>
internal sealed class SqlTraffickingRecords(DbConnection connection) : ITraffickingRecords
{
    public TraffickingFacts Facts() => new()
    {
        Traces = Rows(
            SqlTraceRegistry.RequestColumns + "ORDER BY r.id",
            reader => new TracedRecovery(SqlTraceRegistry.RequestOf(reader), SqlTraceRegistry.Text(reader, 11), SqlTraceRegistry.Text(reader, 12))),
        Seizures = Rows(
            "SELECT v.country, v.state_code, count(*) FROM record r JOIN recovery v ON v.record_id = r.id WHERE r.kind = 'seizure' GROUP BY v.country, v.state_code",
            reader => new PlaceCount(SqlTraceRegistry.Text(reader, 0), SqlTraceRegistry.Text(reader, 1), reader.GetInt32(2))),
        Transactions = Rows("SELECT count(*) FROM sale", reader => reader.GetInt32(0))[0],
        SalesPerPurchaser = Rows(
            "SELECT count(*) FROM person p JOIN sale s ON s.record_id = p.record_id WHERE p.role = 'purchaser' AND p.person_key IS NOT NULL GROUP BY p.person_key",
            reader => reader.GetInt32(0)),
        // Firearms counted as SqlTraceRegistry.FirearmsOnReport counts them: distinct by maker and serial key.
        FirearmsPerMultipleSaleReport = Rows(
            "SELECT count(DISTINCT f.make_code || '|' || f.serial_key) FROM sale s JOIN firearm f ON f.record_id = s.record_id "
            + "WHERE s.multiple_sale_report IS NOT NULL GROUP BY s.multiple_sale_report",
            reader => reader.GetInt32(0)),
        Hits = Rows(
            "SELECT e.id, e.kind, e.firearm_id, e.incident_id, e.country, c.id, c.kind, c.firearm_id, c.incident_id, c.country "
            + "FROM lead l JOIN scan_item e ON e.id = l.evidence_id JOIN scan_item c ON c.id = l.candidate_id WHERE l.status = 'confirmed' ORDER BY l.id",
            reader => new ConfirmedHit(End(reader, 0), End(reader, 5))),
        // Timestamps are stored as UTC ISO 8601 ("O"): the first ten characters are the UTC day.
        LeadsStored = Days("SELECT substr(created_at, 1, 10), count(*) FROM lead GROUP BY 1 ORDER BY 1"),
        LeadsPromoted = Days($"SELECT substr(at, 1, 10), count(*) FROM lead_review WHERE to_status = '{LeadReview.Lead}' GROUP BY 1 ORDER BY 1"),
        HitsConfirmed = Days($"SELECT substr(at, 1, 10), count(*) FROM lead_review WHERE to_status = '{LeadReview.Confirmed}' GROUP BY 1 ORDER BY 1"),
    };

    private static HitEnd End(DbDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetString(first + 1) == "test_fire",
        SqlTraceRegistry.Text(reader, first + 2),
        SqlTraceRegistry.Text(reader, first + 3),
        SqlTraceRegistry.Text(reader, first + 4));

    private List<DayCount> Days(string sql) =>
        Rows(sql, reader => new DayCount(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt32(1)));

    private List<T> Rows<T>(string sql, Func<DbDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
