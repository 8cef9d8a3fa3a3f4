using System.Data.Common;
using System.Globalization;
using Ballistics.Store.Access;
using Ballistics.Store.Database;

namespace Ballistics.Store.Scans;

/// <summary>A batch correlation job: which items it covers and how, and whether it has finished or was cancelled.</summary>
public sealed record CorrelationJob(long Id, string Selection, DateTimeOffset? Since, long LastItemId, int Candidates, int Leads, string OutPath, string AlgorithmVersion, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int? FullComparisons, DateTimeOffset? CancelledAt = null)
{
    /// <summary>Neither finished nor cancelled: work remains to be done on it.</summary>
    public bool Open => FinishedAt is null && CancelledAt is null;
}

/// <summary>
/// One lead of a job as stored; <see cref="RegistrationFailure"/> says why the pair could not be registered (θ, dx, dy are
/// then no pose); <see cref="ScoreBf"/>, <see cref="ScoreFp"/> and <see cref="ScoreShear"/> are each region's own score (as <see cref="StoredLead"/>'s).
/// </summary>
public readonly record struct CorrelationLead(
    long ItemId, int Rank, long CandidateId, double Score, double Similarity, int Cmc, double Ccf, double ThetaDeg, double DxUm, double DyUm, string? RegistrationFailure = null,
    double? ScoreBf = null, double? ScoreFp = null, double? ScoreShear = null)
{
    /// <summary>A search's lead for <paramref name="itemId"/> as a job stores it.</summary>
    public static CorrelationLead Of(long itemId, Engine.Corpus.Lead lead) => RankedLead.Of(lead).ToCorrelationLead(itemId);
}

/// <summary>
/// Batch correlation jobs in the store. An unfinished job with the same selection, sizes and output resumes rather
/// than starting again; each item's leads commit with its done mark, so after a kill no finished item is redone and
/// none is written twice.
/// </summary>
public sealed class CorrelationJobs
{
    private readonly DbConnection _connection;

    private readonly StoreDialect _dialect;

    internal CorrelationJobs(DbConnection connection, StoreDialect dialect)
    {
        _connection = connection;
        _dialect = dialect;
    }

    /// <summary>The unfinished job of this shape if there is one (resumed: true), else a new one over the items on file now.</summary>
    /// <remarks><paramref name="audit"/>: The audit entry of a new job (given its id), committed with it; nothing when one is resumed.</remarks>
    public (CorrelationJob Job, bool Resumed) StartOrResume(DateTimeOffset? since, int candidates, int leads, string outPath, string algorithmVersion, int? fullComparisons = null, Func<long, AuditEvent>? audit = null)
    {
        var selection = since is null ? "all" : "since";
        var sinceText = since?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        using var transaction = _connection.BeginTransaction();
        // Found or started as one step: two processes starting the same job must end with one.
        _dialect.LockForWrite(_connection, transaction, "correlation_job");
        if (FindOpen(since, candidates, leads, outPath, fullComparisons, transaction) is { } existing)
        {
            transaction.Commit();
            return (existing, true);
        }

        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO correlation_job (selection, since, last_item_id, candidates, leads, out_path, algorithm_version, created_at, full_comparisons) "
            + "VALUES (@sel, @since, (SELECT coalesce(max(id), 0) FROM scan_item), @k, @n, @out, @v, @t, @full) RETURNING id";
        insert.With("@sel", selection);
        insert.With("@since", (object?)sinceText ?? DBNull.Value);
        insert.With("@k", candidates);
        insert.With("@n", leads);
        insert.With("@out", outPath);
        insert.With("@v", algorithmVersion);
        insert.With("@t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        insert.With("@full", (object?)fullComparisons ?? DBNull.Value);
        var id = (long)insert.ExecuteScalar()!;
        if (audit is not null)
        {
            AuditLog.AppendWithin(_connection, _dialect, transaction, audit(id));
        }

        transaction.Commit();
        return (Get(id)!, false);
    }

    /// <summary>The newest open job of exactly this shape and output, if any: what <see cref="StartOrResume"/> resumes.</summary>
    public CorrelationJob? FindOpen(DateTimeOffset? since, int candidates, int leads, string outPath, int? fullComparisons = null) =>
        FindOpen(since, candidates, leads, outPath, fullComparisons, null);

    private CorrelationJob? FindOpen(DateTimeOffset? since, int candidates, int leads, string outPath, int? fullComparisons, DbTransaction? transaction)
    {
        long id;
        using (var find = _connection.CreateCommand())
        {
            find.Transaction = transaction;
            // NULL-safe equality written the way both engines read it (SQLite's IS, PostgreSQL's IS NOT DISTINCT FROM).
            find.CommandText = "SELECT id FROM correlation_job WHERE finished_at IS NULL AND cancelled_at IS NULL AND selection = @sel AND ((since IS NULL AND CAST(@since AS TEXT) IS NULL) OR since = CAST(@since AS TEXT)) AND candidates = @k AND leads = @n AND out_path = @out "
                + "AND ((full_comparisons IS NULL AND CAST(@full AS INTEGER) IS NULL) OR full_comparisons = CAST(@full AS INTEGER)) ORDER BY id DESC LIMIT 1";
            find.With("@sel", since is null ? "all" : "since");
            find.With("@since", (object?)since?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
            find.With("@k", candidates);
            find.With("@n", leads);
            find.With("@out", outPath);
            find.With("@full", (object?)fullComparisons ?? DBNull.Value);
            if (find.ExecuteScalar() is not long found)
            {
                return null;
            }

            id = found;
        }

        return Get(id, transaction);
    }

    public CorrelationJob? Get(long id) => Get(id, null);

    private CorrelationJob? Get(long id, DbTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, selection, since, last_item_id, candidates, leads, out_path, algorithm_version, created_at, finished_at, full_comparisons, cancelled_at FROM correlation_job WHERE id = @id";
        command.With("@id", id);
        using var r = command.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new CorrelationJob(r.GetInt64(0), r.GetString(1), Time(2), r.GetInt64(3), r.GetInt32(4), r.GetInt32(5), r.GetString(6), r.GetString(7), Time(8)!.Value, Time(9), r.IsDBNull(10) ? null : r.GetInt32(10), Time(11));
    }

    /// <summary>Jobs neither finished nor cancelled, oldest first: what a restarted server resumes.</summary>
    public IReadOnlyList<CorrelationJob> Unfinished()
    {
        var ids = new List<long>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM correlation_job WHERE finished_at IS NULL AND cancelled_at IS NULL ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        return [.. ids.Select(id => Get(id)!)];
    }

    /// <summary>Cancels an open job (its leads so far stay); false when it had finished or was cancelled already.</summary>
    /// <remarks><paramref name="audit"/>: The audit entry of the cancelling, committed with it; nothing when the job was closed already.</remarks>
    public bool Cancel(CorrelationJob job, Func<long, AuditEvent>? audit = null) => Close(job, "cancelled_at", audit);

    /// <summary>The job's items (its selection, fixed when it started) that are not done yet, in id order.</summary>
    public IReadOnlyList<long> Pending(CorrelationJob job, out int done)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT s.id, d.item_id IS NOT NULL FROM scan_item s LEFT JOIN correlation_done d ON d.job_id = @job AND d.item_id = s.id "
            + "WHERE s.id <= @last AND (CAST(@since AS TEXT) IS NULL OR s.added_at >= CAST(@since AS TEXT)) ORDER BY s.id";
        command.With("@job", job.Id);
        command.With("@last", job.LastItemId);
        command.With("@since", job.Since is { } s ? s.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
        using var reader = command.ExecuteReader();
        var pending = new List<long>();
        done = 0;
        while (reader.Read())
        {
            if (reader.GetBoolean(1))
            {
                done++;
            }
            else
            {
                pending.Add(reader.GetInt64(0));
            }
        }

        return pending;
    }

    /// <summary>
    /// Stores one item's leads and marks it done, in one transaction — once: when the item is done already (another worker
    /// of the same job got there first, as after a lost worker's batch is handed out again) nothing is written and the
    /// answer is false.
    /// </summary>
    public bool Complete(CorrelationJob job, long itemId, int compared, IReadOnlyList<CorrelationLead> leads)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(leads);
        using var transaction = _connection.BeginTransaction();
        using (var done = _connection.CreateCommand())
        {
            done.Transaction = transaction;
            done.CommandText = "INSERT INTO correlation_done (job_id, item_id, compared, finished_at) VALUES (@job, @item, @n, @t) ON CONFLICT (job_id, item_id) DO NOTHING";
            done.With("@job", job.Id);
            done.With("@item", itemId);
            done.With("@n", compared);
            done.With("@t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            if (done.ExecuteNonQuery() == 0)
            {
                return false;
            }
        }

        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO correlation_lead (job_id, item_id, rank, candidate_id, score, similarity, cmc, ccf, theta_deg, dx_um, dy_um, registration_failure, score_bf, score_fp, score_shear) "
            + "VALUES (@job, @item, @rank, @cand, @score, @sim, @cmc, @ccf, @theta, @dx, @dy, @rf, @sbf, @sfp, @ssh)";
        var parameters = new[] { "@job", "@item", "@rank", "@cand", "@score", "@sim", "@cmc", "@ccf", "@theta", "@dx", "@dy", "@rf", "@sbf", "@sfp", "@ssh" }
            .Select(name => insert.With(name, DBNull.Value)).ToArray();
        foreach (var lead in leads)
        {
            object[] values = [job.Id, itemId, lead.Rank, lead.CandidateId, lead.Score, lead.Similarity, lead.Cmc, lead.Ccf, lead.ThetaDeg, lead.DxUm, lead.DyUm, (object?)lead.RegistrationFailure ?? DBNull.Value,
                (object?)lead.ScoreBf ?? DBNull.Value, (object?)lead.ScoreFp ?? DBNull.Value, (object?)lead.ScoreShear ?? DBNull.Value];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return true;
    }

    /// <summary>Every stored lead of the job, by item then rank.</summary>
    public IEnumerable<CorrelationLead> Leads(CorrelationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT item_id, rank, candidate_id, score, similarity, cmc, ccf, theta_deg, dx_um, dy_um, registration_failure, score_bf, score_fp, score_shear FROM correlation_lead WHERE job_id = @job ORDER BY item_id, rank";
        command.With("@job", job.Id);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            yield return Read(r);
        }
    }

    /// <summary>The latest batch result that ranked <paramref name="candidateId"/> among the leads of <paramref name="itemId"/>, with its job's algorithm version; null when none did.</summary>
    public (CorrelationLead Lead, string AlgorithmVersion)? Scored(long itemId, long candidateId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT l.item_id, l.rank, l.candidate_id, l.score, l.similarity, l.cmc, l.ccf, l.theta_deg, l.dx_um, l.dy_um, l.registration_failure, l.score_bf, l.score_fp, l.score_shear, j.algorithm_version "
            + "FROM correlation_lead l JOIN correlation_job j ON j.id = l.job_id WHERE l.item_id = @a AND l.candidate_id = @b ORDER BY l.job_id DESC LIMIT 1";
        command.With("@a", itemId);
        command.With("@b", candidateId);
        using var r = command.ExecuteReader();
        return r.Read() ? (Read(r), r.GetString(14)) : null;
    }

    private static CorrelationLead Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt32(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetInt32(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.IsDBNull(10) ? null : r.GetString(10),
            r.IsDBNull(11) ? null : r.GetDouble(11), r.IsDBNull(12) ? null : r.GetDouble(12), r.IsDBNull(13) ? null : r.GetDouble(13));

    /// <summary>Marks an open job finished (a cancelled one stays cancelled).</summary>
    public void Finish(CorrelationJob job) => Close(job, "finished_at", audit: null);

    /// <summary>Stamps an open job's <paramref name="column"/> (finished_at or cancelled_at) with now; false when it was closed already.</summary>
    private bool Close(CorrelationJob job, string column, Func<long, AuditEvent>? audit)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE correlation_job SET {column} = @t WHERE id = @id AND finished_at IS NULL AND cancelled_at IS NULL";
        command.With("@t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.With("@id", job.Id);
        var closed = command.ExecuteNonQuery() == 1;
        if (closed && audit is not null)
        {
            AuditLog.AppendWithin(_connection, _dialect, transaction, audit(job.Id));
        }

        transaction.Commit();
        return closed;
    }
}
