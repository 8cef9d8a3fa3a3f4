using System.Data.Common;
using Ballistics.Intelligence.Tracing;
using Ballistics.Intelligence.Trafficking;
using Ballistics.Ingest;
using Ballistics.Ingest.Records;
using Ballistics.Store.Access;
using Ballistics.Store.Database;
using Ballistics.Store.Postgres;
using Ballistics.Store.Records;
using Ballistics.Store.Scans;
using Ballistics.Store.Sqlite;

namespace Ballistics.Store;

/// <summary>
/// The data folder and its database: <c>ballistics.db</c> (SQLite, WAL) or the PostgreSQL database its <c>store.json</c>
/// names, holding records, scans, jobs, keys and the audit log. Opening it brings the schema forward; everything else
/// goes through what it hands out (record writer, trace registry, scan corpus, jobs, keys, audit), so the SQL stays in
/// <c>Database/</c>.
/// </summary>
public sealed class DataStore : IDisposable
{
    public const string DatabaseFile = "ballistics.db";

    private readonly DbConnection _connection;
    private readonly SqlTraceRegistry _registry;

    private readonly StoreDialect _dialect;

    private DataStore(string folder, DbConnection connection, StoreDialect dialect, int version)
    {
        Folder = folder;
        _connection = connection;
        _dialect = dialect;
        SchemaVersion = version;
        _registry = new SqlTraceRegistry(connection);
        Scans = new ScanCorpus(folder, connection, dialect);
        Correlations = new CorrelationJobs(connection, dialect);
        Keys = new ApiKeys(connection);
        Audit = new AuditLog(connection, dialect);
        Leads = new LeadBook(connection, dialect);
        Trafficking = new SqlTraffickingRecords(connection);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, DatabaseFile);

    public int SchemaVersion { get; }

    /// <summary>Where the rows live: <c>ballistics.db</c> in the folder, or the PostgreSQL database its <c>store.json</c> names.</summary>
    public StoreEngine Engine => _dialect.Engine;

    /// <summary>The cartridge-case scans on file (corpus search).</summary>
    public ScanCorpus Scans { get; }

    /// <summary>Batch correlation jobs and their results.</summary>
    public CorrelationJobs Correlations { get; }

    /// <summary>Leads of evidence submitted through the API and their review.</summary>
    public LeadBook Leads { get; }

    /// <summary>The API's keys (hashed) and what they grant.</summary>
    public ApiKeys Keys { get; }

    /// <summary>The append-only log of every access through the API.</summary>
    public AuditLog Audit { get; }

    /// <summary>The transactions and trace requests on file, as trace resolution reads them.</summary>
    public ITraceRegistry Registry => _registry;

    /// <summary>The facts of the trafficking report (counts where a row would name a person).</summary>
    public ITraffickingRecords Trafficking { get; }

    /// <summary>
    /// Opens the store in <paramref name="folder"/>; with <paramref name="create"/> a missing folder or
    /// database is made, without it a missing store is an error (a look-up must not leave an empty store behind).
    /// </summary>
    public static IngestResult<DataStore> Open(string folder, bool create)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.GetFullPath(folder);
        var (location, unreadable) = StoreLocation.Of(full);
        if (location is null)
        {
            return Fail(IngestErrorKind.InvalidValue, Path.Combine(full, StoreLocation.FileName), unreadable!);
        }

        var postgres = location.Engine == StoreEngine.Postgres;
        // Errors name the file, or the server (never the connection string: it may hold a password).
        var database = postgres ? $"{Path.Combine(full, StoreLocation.FileName)} (PostgreSQL)" : Path.Combine(full, DatabaseFile);
        if (!create && !postgres && !File.Exists(database))
        {
            return Fail(IngestErrorKind.NotFound, database, "no store here (records ingest creates one)");
        }

        DbConnection? connection = null;
        try
        {
            Directory.CreateDirectory(full);
            var dialect = postgres ? StoreDialect.Postgres : StoreDialect.Sqlite;
            connection = postgres ? PostgresDatabase.Open(location.ConnectionString!) : SqliteDatabase.Open(database, create);
            if (SchemaMigrator.Migrate(connection, dialect, out var version) is { } refusal)
            {
                connection.Dispose();
                return Fail(IngestErrorKind.Unsupported, database, refusal);
            }

            return IngestResult<DataStore>.Ok(new DataStore(full, connection, dialect, version));
        }
        // ArgumentException: a connection string Npgsql cannot read (its message names the keyword, not the values).
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            connection?.Dispose();
            return Fail(IngestErrorKind.InvalidValue, database, $"cannot open the store: {ex.Message}");
        }
    }

    /// <summary>
    /// The connection string of the PostgreSQL database <paramref name="folder"/>'s <c>store.json</c> names — where the
    /// cluster keeps its membership and grain state beside the rows — or why there is none (the folder's own SQLite
    /// database cannot be shared between machines).
    /// </summary>
    public static IngestResult<string> PostgresConnection(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.GetFullPath(folder);
        var description = Path.Combine(full, StoreLocation.FileName);
        var (location, error) = StoreLocation.Of(full);
        return location switch
        {
            null => IngestResult<string>.Fail(new IngestError(IngestErrorKind.InvalidValue, description, null, error!.StartsWith(description + ": ", StringComparison.Ordinal) ? error[(description.Length + 2)..] : error)),
            { Engine: StoreEngine.Postgres } => IngestResult<string>.Ok(location.ConnectionString!),
            _ => IngestResult<string>.Fail(new IngestError(IngestErrorKind.InvalidValue, description, null,
                "this store keeps its rows in SQLite in the folder; a cluster needs a PostgreSQL store (ballistics store init --postgres)")),
        };
    }

    /// <summary>
    /// Makes <paramref name="folder"/> a store whose rows live in the PostgreSQL database of <paramref name="connectionString"/>
    /// (brought to the latest schema; an empty database or one this build's stores already use). Refused when the folder is
    /// a store already: moving rows between engines is not done here. Nothing is left behind when the server cannot be used.
    /// </summary>
    public static IngestResult<DataStore> CreatePostgres(string folder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var full = Path.GetFullPath(folder);
        var description = Path.Combine(full, StoreLocation.FileName);
        if (File.Exists(description) || File.Exists(Path.Combine(full, DatabaseFile)))
        {
            var existing = File.Exists(description) ? description : Path.Combine(full, DatabaseFile);
            return Fail(IngestErrorKind.InvalidValue, existing, "this folder is a store already; a PostgreSQL store needs a folder of its own");
        }

        StoreLocation.WritePostgres(full, connectionString);
        var opened = Open(full, create: true);
        if (!opened.Success)
        {
            File.Delete(description);
        }

        return opened;
    }

    /// <summary>
    /// Stores the good records of <paramref name="reader"/> and writes its rejects to <paramref name="rejectsPath"/>, and the
    /// warnings of the records kept beside it (<see cref="WarningsPath"/>).
    /// A failure of the store itself (disk full, locked) throws <see cref="DbException"/> (SQLite's, or PostgreSQL's); the batches
    /// committed before it stay, and a rerun stores the rest.
    /// </summary>
    /// <remarks><paramref name="progress"/>: told how far through the file reading has come, in per cent.</remarks>
    public IngestCounts Ingest(RecordFileReader reader, string rejectsPath, int batchSize = RecordIngestion.DefaultBatchSize, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var rejects = new RecordProblemsFile(rejectsPath);
        using var warnings = new RecordProblemsFile(WarningsPath(rejectsPath));
        IngestCounts counts;
        using (var writer = new SqlRecordWriter(_connection))
        {
            counts = RecordIngestion.Run(reader, writer, rejects, warnings, batchSize, progress);
        }

        rejects.Complete();
        warnings.Complete();
        return counts;
    }

    /// <summary>Where the warnings of the records kept go, beside the rejects: <c>X.rejects.csv</c> → <c>X.warnings.csv</c>.</summary>
    public static string WarningsPath(string rejectsPath)
    {
        ArgumentNullException.ThrowIfNull(rejectsPath);
        const string Rejects = ".rejects.csv";
        return rejectsPath.EndsWith(Rejects, StringComparison.OrdinalIgnoreCase)
            ? string.Concat(rejectsPath.AsSpan(0, rejectsPath.Length - Rejects.Length), ".warnings.csv")
            : rejectsPath + ".warnings.csv";
    }

    /// <summary>One validated record stored once by content id (an API submission): its content id and whether it was new.</summary>
    /// <remarks><paramref name="audit"/>: The audit entry of the record stored (given its content id), committed with it; nothing when it was on file already.</remarks>
    public (string ContentId, bool Added) Store(FirearmRecord record, string source, int line, Func<string, AuditEvent>? audit = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var contentId = RecordIdentity.ContentId(record);
        using var writer = new SqlRecordWriter(_connection);
        var added = writer.TryAdd(record, contentId, source, line);
        if (added && audit is not null)
        {
            AuditLog.AppendWithin(_connection, _dialect, writer.Transaction!, audit(contentId));
        }

        writer.Commit();
        return (contentId, added);
    }

    /// <summary>
    /// Who the stored trace requests or seizures with this content id or trace number belong to: every match (a trace
    /// number is unique within an agency, not across agencies). The caller decides whose it means.
    /// </summary>
    public IReadOnlyList<RecordOwner> OwnersOf(string kind, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT r.content_id, rec.agency, rec.country, t.trace_number FROM record r JOIN recovery rec ON rec.record_id = r.id "
            + "LEFT JOIN trace_request t ON t.record_id = r.id WHERE r.kind = @kind AND (r.content_id = @id OR t.trace_number = @id) ORDER BY r.id";
        command.With("@kind", kind);
        command.With("@id", id);
        using var reader = command.ExecuteReader();
        var found = new List<RecordOwner>();
        while (reader.Read())
        {
            found.Add(new RecordOwner(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return found;
    }

    /// <summary>
    /// The seizure reports that list any of these cartridge-case exhibits, with the firearm seized and where. Only a report
    /// of the agency that holds the exhibit counts (when the exhibit's agency is known): another agency listing it would
    /// otherwise put its firearm, serial and purchaser on the holder's linkage.
    /// </summary>
    public IReadOnlyList<SeizureOfExhibit> SeizuresListing(IReadOnlyCollection<(string ExhibitId, string? Agency)> exhibits)
    {
        ArgumentNullException.ThrowIfNull(exhibits);
        var found = new List<SeizureOfExhibit>();
        foreach (var (exhibit, holder) in exhibits.Distinct())
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT r.content_id, f.make, f.make_code, f.model, f.serial, f.serial_key, rec.incident_id, rec.recovery_date, rec.country, rec.state_code, rec.agency "
                + "FROM seizure_evidence se JOIN record r ON r.id = se.record_id JOIN firearm f ON f.record_id = r.id JOIN recovery rec ON rec.record_id = r.id "
                + "WHERE se.exhibit_id = @e AND r.kind = 'seizure' AND (@a = '' OR lower(rec.agency) = lower(@a))";
            command.With("@e", exhibit);
            command.With("@a", holder ?? string.Empty);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                found.Add(new SeizureOfExhibit(
                    reader.GetString(0), Text(1), Text(2), Text(3), Text(4), Text(5), Text(6),
                    Text(7) is { } day ? DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture) : null, Text(8), Text(9), Text(10)));
            }
        }

        return [.. found.DistinctBy(s => s.ContentId)];
    }

    /// <summary>Stored records by kind (trace, seizure, transaction).</summary>
    public IReadOnlyDictionary<string, long> CountByKind()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT kind, count(*) FROM record GROUP BY kind";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["trace"] = 0, ["seizure"] = 0, ["transaction"] = 0 };
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Integrity, orphan rows and half-stored records: what a crash must never leave.</summary>
    public StoreCheck Check() => SqliteStoreCheck.Run(_connection, _dialect) with { MissingOriginals = Scans.MissingOriginals() };

    public void Dispose() => _connection.Dispose();

    private static IngestResult<DataStore> Fail(IngestErrorKind kind, string database, string message) =>
        IngestResult<DataStore>.Fail(new IngestError(kind, database, null, message));
}

/// <summary>A stored trace request's or seizure's content id, the agency and country of its recovery, and its trace number.</summary>
public sealed record RecordOwner(string ContentId, string? Agency, string? Country, string? TraceNumber);

/// <summary>A seizure report listing a cartridge-case exhibit: the firearm seized (maker and serial as stored, with their matching keys) and the recovery.</summary>
public sealed record SeizureOfExhibit(
    string ContentId, string? Make, string? MakeCode, string? Model, string? Serial, string? SerialKey, string? IncidentId, DateOnly? RecoveryDate,
    string? Country, string? StateCode, string? Agency);
