using Ballistics.Store.Database;
using Microsoft.Data.Sqlite;

namespace Ballistics.Store.Sqlite;

/// <summary>
/// Opens the store's SQLite file with the settings every connection needs. WAL lets a reader (a trace)
/// run beside a writer (an ingest) and makes each commit atomic on disk: a process killed mid-write
/// leaves the last committed state. synchronous=NORMAL keeps that against a killed process (the OS
/// still holds the pages); only a power loss can drop the last commits, never corrupt the file.
/// </summary>
internal static class SqliteDatabase
{
    /// <summary>
    /// Page cache per connection in KiB (negative in the pragma): the content-id and serial indexes take
    /// random inserts, and with SQLite's 2 MiB default a large ingest re-reads its own pages from disk.
    /// </summary>
    private const int CacheKiB = 64 * 1024;

    /// <summary>How long a connection waits for another process's write lock before failing.</summary>
    private const int BusyTimeoutMs = 10_000;

    public static SqliteConnection Open(string path, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,

            // A pooled connection would keep the file open after Dispose; the store is opened once per command.
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            DbCommands.Execute(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{CacheKiB}; PRAGMA busy_timeout = {BusyTimeoutMs};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
