using System.Data.Common;
using Ballistics.Store.Database;

namespace Ballistics.Store.Sqlite;

/// <summary>
/// Proves a store is whole: SQLite's own page-level integrity check, no row pointing at a missing
/// parent, and every record owning exactly the rows its <c>parts</c> count says it wrote.
/// </summary>
internal static class SqliteStoreCheck
{
    private const string IncompleteRecords =
        "SELECT count(*) FROM record r WHERE r.parts != "
        + "(SELECT count(*) FROM firearm WHERE record_id = r.id) "
        + "+ (SELECT count(*) FROM recovery WHERE record_id = r.id) "
        + "+ (SELECT count(*) FROM trace_request WHERE record_id = r.id) "
        + "+ (SELECT count(*) FROM seizure_evidence WHERE record_id = r.id) "
        + "+ (SELECT count(*) FROM sale WHERE record_id = r.id) "
        + "+ (SELECT count(*) FROM person WHERE record_id = r.id)";

    public static StoreCheck Run(DbConnection connection, StoreDialect dialect)
    {
        if (dialect.Engine == StoreEngine.Postgres)
        {
            // The server keeps its own pages whole and enforces every foreign key as it writes: only the records' own
            // bookkeeping is left to check.
            return new StoreCheck("ok", 0, DbCommands.Scalar(connection, IncompleteRecords));
        }

        var integrity = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA integrity_check";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                integrity.Add(reader.GetString(0));
            }
        }

        long orphans = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA foreign_key_check";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                orphans++;
            }
        }

        var integrityOk = integrity is ["ok"];
        return new StoreCheck(integrityOk ? "ok" : string.Join("; ", integrity), orphans, DbCommands.Scalar(connection, IncompleteRecords));
    }
}
