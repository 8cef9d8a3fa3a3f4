using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ballistics.Store.Database;

namespace Ballistics.Store.Access;

/// <summary>
/// What happened, as the API reports it to the log: who (the key, when known), what, and how it ended. The outcome is
/// allowed, denied (no or wrong credentials, or a right the role lacks), rejected (bad input) or failed.
/// </summary>
public sealed record AuditEvent(
    long? KeyId,
    string? Role,
    string? Agency,
    string? Country,
    string Method,
    string Path,
    string Action,
    string? Resource,
    string Outcome,
    int Status,
    string? CaseNumber,
    string? Purpose,
    string? Detail);

/// <summary>One entry of the audit log, with its place in the hash chain.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, AuditEvent Event, string Chain);

/// <summary>Whether every entry's chain hash follows from the one before and its own content.</summary>
public readonly record struct AuditChainCheck(long Entries, long? FirstBrokenId)
{
    public bool Intact => FirstBrokenId is null;
}

/// <summary>
/// The append-only audit log: every access and change through the API, denied attempts included. Entries can be
/// appended and read; the schema's triggers refuse updates and deletions, and each entry's chain hash covers its
/// content and the previous entry's hash, so an edit made to the file directly is found by <see cref="Verify"/>.
/// </summary>
public sealed class AuditLog
{
    public static IReadOnlyList<string> Outcomes { get; } = ["allowed", "denied", "rejected", "failed"];

    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly DbConnection _connection;
    private readonly StoreDialect _dialect;

    internal AuditLog(DbConnection connection, StoreDialect dialect)
    {
        _connection = connection;
        _dialect = dialect;
    }

    public AuditEntry Append(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var transaction = _connection.BeginTransaction();
        var appended = AppendWithin(_connection, _dialect, transaction, entry);
        transaction.Commit();
        return appended;
    }

    /// <summary>
    /// Appends an entry inside a transaction of the caller's: the change an entry records and the entry commit together,
    /// so a change never stands without its entry (a server killed between the two, a client gone before the answer).
    /// </summary>
    internal static AuditEntry AppendWithin(DbConnection connection, StoreDialect dialect, DbTransaction transaction, AuditEvent entry)
    {
        if (!Outcomes.Contains(entry.Outcome))
        {
            throw new ArgumentException($"outcome: '{entry.Outcome}' is not one of {string.Join(", ", Outcomes)}", nameof(entry));
        }

        var at = DateTimeOffset.UtcNow;
        // The chain reads the last entry then writes the next: two writers at once would fork it.
        dialect.LockForWrite(connection, transaction, "audit_log");
        string previous;
        using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT chain FROM audit_log ORDER BY id DESC LIMIT 1";
            previous = last.ExecuteScalar() as string ?? Genesis;
        }

        var chain = Link(previous, at, entry);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO audit_log (at, key_id, role, agency, country, method, path, action, resource, outcome, status, case_number, purpose, detail, chain) "
            + "VALUES (@at, @key, @role, @agency, @country, @method, @path, @action, @resource, @outcome, @status, @case, @purpose, @detail, @chain) RETURNING id";
        insert.With("@at", Text(at));
        insert.With("@key", (object?)entry.KeyId ?? DBNull.Value);
        insert.With("@role", (object?)entry.Role ?? DBNull.Value);
        insert.With("@agency", (object?)entry.Agency ?? DBNull.Value);
        insert.With("@country", (object?)entry.Country ?? DBNull.Value);
        insert.With("@method", entry.Method);
        insert.With("@path", entry.Path);
        insert.With("@action", entry.Action);
        insert.With("@resource", (object?)entry.Resource ?? DBNull.Value);
        insert.With("@outcome", entry.Outcome);
        insert.With("@status", entry.Status);
        insert.With("@case", (object?)entry.CaseNumber ?? DBNull.Value);
        insert.With("@purpose", (object?)entry.Purpose ?? DBNull.Value);
        insert.With("@detail", (object?)entry.Detail ?? DBNull.Value);
        insert.With("@chain", chain);
        var id = (long)insert.ExecuteScalar()!;
        return new AuditEntry(id, at, entry, chain);
    }

    /// <summary>Entries after <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<AuditEntry> Read(long afterId = 0, int limit = 1000)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, at, key_id, role, agency, country, method, path, action, resource, outcome, status, case_number, purpose, detail, chain "
            + "FROM audit_log WHERE id > @after ORDER BY id LIMIT @limit";
        command.With("@after", afterId);
        command.With("@limit", Math.Clamp(limit, 1, 100_000));
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            string? Optional(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                new AuditEvent(
                    reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    Optional(3),
                    Optional(4),
                    Optional(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    reader.GetString(8),
                    Optional(9),
                    reader.GetString(10),
                    reader.GetInt32(11),
                    Optional(12),
                    Optional(13),
                    Optional(14)),
                reader.GetString(15)));
        }

        return entries;
    }

    /// <summary>Recomputes the chain from the first entry; the first entry whose hash does not follow is named.</summary>
    public AuditChainCheck Verify()
    {
        var previous = Genesis;
        long count = 0, after = 0;
        while (true)
        {
            var page = Read(after, 10_000);
            if (page.Count == 0)
            {
                return new AuditChainCheck(count, null);
            }

            foreach (var entry in page)
            {
                if (Link(previous, entry.At, entry.Event) != entry.Chain)
                {
                    return new AuditChainCheck(count, entry.Id);
                }

                previous = entry.Chain;
                count++;
                after = entry.Id;
            }
        }
    }

    private static string Link(string previous, DateTimeOffset at, AuditEvent e)
    {
        // Fields joined by the unit separator, absent ones marked apart from empty ones.
        string?[] fields = [previous, Text(at), e.KeyId?.ToString(CultureInfo.InvariantCulture), e.Role, e.Agency, e.Country, e.Method, e.Path, e.Action, e.Resource, e.Outcome, e.Status.ToString(CultureInfo.InvariantCulture), e.CaseNumber, e.Purpose, e.Detail];
        var text = string.Join('\u001f', fields.Select(f => f ?? "\u0000"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
