using System.Data.Common;
using System.Globalization;
using Ballistics.Intelligence.Leads;
using Ballistics.Store.Access;
using Ballistics.Store.Database;

namespace Ballistics.Store.Scans;

/// <summary>
/// A ranked candidate of a submitted evidence item, with where its review stands. <see cref="RegistrationFailure"/>
/// says why the pair could not be registered (null when it was); θ, dx and dy are then no pose. <see cref="ScoreBf"/> and
/// <see cref="ScoreFp"/> and <see cref="ScoreShear"/> are each region's own score (the firing pin's and the shear's null when
/// they were not compared; null on leads stored before migrations 9 and 11).
/// </summary>
public sealed record StoredLead(
    long Id, long EvidenceId, long CandidateId, int Rank, double Score, double Similarity, int Cmc, double Ccf,
    double ThetaDeg, double DxUm, double DyUm, string AlgorithmVersion, string Status, DateTimeOffset CreatedAt, string? RegistrationFailure = null,
    double? ScoreBf = null, double? ScoreFp = null, double? ScoreShear = null);

/// <summary>A search's candidate before it is stored (<see cref="StoredLead"/> for the registration failure).</summary>
public readonly record struct NewLead(
    long CandidateId, int Rank, double Score, double Similarity, int Cmc, double Ccf, double ThetaDeg, double DxUm, double DyUm, string? RegistrationFailure = null,
    double? ScoreBf = null, double? ScoreFp = null, double? ScoreShear = null);

/// <summary>An evidence item with leads, and how far their review has gone: counts by status.</summary>
public sealed record ReviewQueueEntry(long EvidenceId, int Candidates, int Leads, int Confirmed, int Rejected, DateTimeOffset LatestAt);

/// <summary>One step of a lead's review.</summary>
public sealed record LeadReviewEntry(long Id, long LeadId, string FromStatus, string ToStatus, long? KeyId, string Role, string Reviewer, string? Note, DateTimeOffset At);

/// <summary>The leads of evidence submitted through the API and every step of their review (migration 6).</summary>
public sealed class LeadBook
{
    private readonly DbConnection _connection;

    private readonly StoreDialect _dialect;

    internal LeadBook(DbConnection connection, StoreDialect dialect)
    {
        _connection = connection;
        _dialect = dialect;
    }

    /// <summary>
    /// Stores a search's leads for an evidence item in one transaction; leads it already has are kept as they are. With
    /// <paramref name="audit"/>, the request's audit entry (given the number of leads newly stored) is written in the same
    /// transaction.
    /// </summary>
    public IReadOnlyList<StoredLead> Record(long evidenceId, IReadOnlyList<NewLead> leads, string algorithmVersion, Func<int, AuditEvent>? audit = null)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var now = Text(DateTimeOffset.UtcNow);
        var added = 0;
        using (var transaction = _connection.BeginTransaction())
        {
            foreach (var lead in leads)
            {
                using var insert = _connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO lead (evidence_id, candidate_id, rank, score, similarity, cmc, ccf, theta_deg, dx_um, dy_um, algorithm_version, created_at, registration_failure, score_bf, score_fp, score_shear) "
                    + "VALUES (@e, @c, @r, @s, @sim, @cmc, @ccf, @t, @dx, @dy, @v, @at, @rf, @sbf, @sfp, @ssh) ON CONFLICT (evidence_id, candidate_id) DO NOTHING";
                insert.With("@e", evidenceId);
                insert.With("@c", lead.CandidateId);
                insert.With("@r", lead.Rank);
                insert.With("@s", lead.Score);
                insert.With("@sim", lead.Similarity);
                insert.With("@cmc", lead.Cmc);
                insert.With("@ccf", lead.Ccf);
                insert.With("@t", lead.ThetaDeg);
                insert.With("@dx", lead.DxUm);
                insert.With("@dy", lead.DyUm);
                insert.With("@v", algorithmVersion);
                insert.With("@at", now);
                insert.With("@rf", lead.RegistrationFailure);
                insert.With("@sbf", (object?)lead.ScoreBf ?? DBNull.Value);
                insert.With("@sfp", (object?)lead.ScoreFp ?? DBNull.Value);
                insert.With("@ssh", (object?)lead.ScoreShear ?? DBNull.Value);
                added += insert.ExecuteNonQuery();
            }

            if (audit is not null)
            {
                AuditLog.AppendWithin(_connection, _dialect, transaction, audit(added));
            }

            transaction.Commit();
        }

        return For(evidenceId);
    }

    /// <summary>An evidence item's leads, best first.</summary>
    public IReadOnlyList<StoredLead> For(long evidenceId) => Query("WHERE evidence_id = @id ORDER BY rank, id", evidenceId);

    public StoredLead? Get(long leadId) => Get(leadId, null);

    /// <summary>The lead of <paramref name="candidateId"/> among those of evidence item <paramref name="evidenceId"/>, if the search made one.</summary>
    public StoredLead? Find(long evidenceId, long candidateId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id FROM lead WHERE evidence_id = @e AND candidate_id = @c";
        command.With("@e", evidenceId);
        command.With("@c", candidateId);
        return command.ExecuteScalar() is long id ? Get(id) : null;
    }

    /// <summary>
    /// Evidence items that have leads, those with something still to review first (a candidate or a lead not yet decided),
    /// then by their latest lead or review, newest first; the caller narrows it to what it may see, so it reads them all.
    /// </summary>
    public IReadOnlyList<ReviewQueueEntry> Queue()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT l.evidence_id,
                   SUM(CASE WHEN l.status = 'candidate' THEN 1 ELSE 0 END), SUM(CASE WHEN l.status = 'lead' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN l.status = 'confirmed' THEN 1 ELSE 0 END), SUM(CASE WHEN l.status = 'rejected' THEN 1 ELSE 0 END),
                   MAX(l.created_at),
                   (SELECT MAX(r.at) FROM lead_review r JOIN lead o ON o.id = r.lead_id WHERE o.evidence_id = l.evidence_id)
            FROM lead l
            GROUP BY l.evidence_id
            """;
        using var reader = command.ExecuteReader();
        var entries = new List<ReviewQueueEntry>();
        while (reader.Read())
        {
            // ISO-8601 UTC text compares as time; the later of the newest lead and the newest review.
            var latest = reader.IsDBNull(6) || string.CompareOrdinal(reader.GetString(5), reader.GetString(6)) >= 0 ? reader.GetString(5) : reader.GetString(6);
            entries.Add(new ReviewQueueEntry(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                DateTimeOffset.Parse(latest, CultureInfo.InvariantCulture)));
        }

        return [.. entries.OrderByDescending(e => e.Candidates + e.Leads > 0).ThenByDescending(e => e.LatestAt).ThenByDescending(e => e.EvidenceId)];
    }

    /// <summary>Every lead either side of which is one of these items (a firearm's test fires), best first per evidence item.</summary>
    public IReadOnlyList<StoredLead> Touching(IReadOnlyCollection<long> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        return [.. itemIds.SelectMany(id => Query("WHERE evidence_id = @id OR candidate_id = @id ORDER BY evidence_id, rank", id)).DistinctBy(l => l.Id).OrderBy(l => l.EvidenceId).ThenBy(l => l.Rank)];
    }

    private StoredLead? Get(long leadId, DbTransaction? transaction) => Query("WHERE id = @id", leadId, transaction) is [var lead] ? lead : null;

    /// <summary>
    /// Moves a lead on if <see cref="LeadReview"/> allows it to this role; the step is stored with the lead's new status
    /// in one transaction. Returns the refusal instead when it does not (or the lead moved meanwhile), and no lead when
    /// there is none of that id.
    /// </summary>
    /// <remarks><paramref name="audit"/>: The audit entry of the step, committed with it.</remarks>
    public (StoredLead? Lead, ReviewRefusal? Refusal) Review(long leadId, string toStatus, long? keyId, string role, string reviewer, string? note, Func<long, AuditEvent>? audit = null)
    {
        using var transaction = _connection.BeginTransaction();
        var lead = Get(leadId, transaction);
        if (lead is null)
        {
            return (null, null);
        }

        if (LeadReview.Check(lead.Status, toStatus, role) is { } refusal)
        {
            return (lead, refusal);
        }

        using (var update = _connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE lead SET status = @to WHERE id = @id AND status = @from";
            update.With("@to", toStatus);
            update.With("@id", leadId);
            update.With("@from", lead.Status);
            if (update.ExecuteNonQuery() != 1)
            {
                return (lead, new ReviewRefusal(ReviewRefusalKind.NotANextStep, "status: the lead was reviewed by someone else meanwhile; read it again"));
            }
        }

        using (var insert = _connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO lead_review (lead_id, from_status, to_status, key_id, role, reviewer, note, at) VALUES (@l, @f, @t, @k, @r, @who, @n, @at)";
            insert.With("@l", leadId);
            insert.With("@f", lead.Status);
            insert.With("@t", toStatus);
            insert.With("@k", (object?)keyId ?? DBNull.Value);
            insert.With("@r", role);
            insert.With("@who", reviewer);
            insert.With("@n", (object?)note ?? DBNull.Value);
            insert.With("@at", Text(DateTimeOffset.UtcNow));
            insert.ExecuteNonQuery();
        }

        if (audit is not null)
        {
            AuditLog.AppendWithin(_connection, _dialect, transaction, audit(leadId));
        }

        transaction.Commit();
        return (lead with { Status = toStatus }, null);
    }

    /// <summary>Every step of a lead's review, oldest first.</summary>
    public IReadOnlyList<LeadReviewEntry> History(long leadId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, lead_id, from_status, to_status, key_id, role, reviewer, note, at FROM lead_review WHERE lead_id = @id ORDER BY id";
        command.With("@id", leadId);
        using var reader = command.ExecuteReader();
        var steps = new List<LeadReviewEntry>();
        while (reader.Read())
        {
            steps.Add(new LeadReviewEntry(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture)));
        }

        return steps;
    }

    private List<StoredLead> Query(string where, long id, DbTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT id, evidence_id, candidate_id, rank, score, similarity, cmc, ccf, theta_deg, dx_um, dy_um, algorithm_version, status, created_at, registration_failure, score_bf, score_fp, score_shear FROM lead {where}";
        command.With("@id", id);
        using var reader = command.ExecuteReader();
        var leads = new List<StoredLead>();
        while (reader.Read())
        {
            leads.Add(new StoredLead(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetInt32(6),
                reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10), reader.GetString(11), reader.GetString(12),
                DateTimeOffset.Parse(reader.GetString(13), CultureInfo.InvariantCulture),
                reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetDouble(15),
                reader.IsDBNull(16) ? null : reader.GetDouble(16),
                reader.IsDBNull(17) ? null : reader.GetDouble(17)));
        }

        return leads;
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
