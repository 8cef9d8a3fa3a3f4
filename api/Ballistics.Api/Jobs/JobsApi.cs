using Ballistics.Api.Access;
using Ballistics.Api.Evidence;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Store.Scans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Jobs;

/// <summary>
/// Batch correlation jobs over HTTP: an analyst asks for every item added since a day (or all) to be searched against the
/// corpus; the job runs in the background (<see cref="CorrelationWorker"/>), survives a restart of the server, and its
/// progress, counts and — once done — results are read here. Results live in the store, not in a file.
/// </summary>
public static class JobsApi
{
    public const int MaxLeadsPerItem = 50;

    /// <summary>Unfinished correlation jobs one key may have at once: a client's retry loop cannot fill the queue for every lab.</summary>
    public const int MaxUnfinishedPerKey = 3;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/jobs").WithTags("Jobs").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests).RequireAuthorization(policy => policy.RequireRole(ApiRoles.Analyst, ApiRoles.Lab, ApiRoles.Admin));
        group.MapPost("/correlation", StartCorrelation).WithName("StartCorrelationJob").WithSummary("Correlate every item added since a day, or all, against the corpus (asynchronous).");
        group.MapGet("/{id:long}", GetJob).WithName("GetJob").WithSummary("A job's progress and counts, and its results once finished.");
        group.MapDelete("/{id:long}", CancelJob).WithName("CancelJob").WithSummary("Cancel an unfinished job of this key (its leads so far stay).")
            .KeyedProblems(StatusCodes.Status409Conflict);
        return app;
    }

    private static Results<Accepted<JobStatus>, ProblemHttpResult> StartCorrelation(CorrelationRequest? body, [AsParameters] ApiRequest api, CorrelationWorker worker)
    {
        var (context, caller, store, corpus, _) = api;
        if (body is null || (body.All != true) == (body.Since is null))
        {
            return ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.invalid_job", "since", "detail.job_since_or_all");
        }

        var leads = body.Leads ?? 10;
        if (leads is < 1 or > MaxLeadsPerItem)
        {
            return ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.invalid_job", "leads", "detail.job_leads_range", MaxLeadsPerItem, leads);
        }

        DateTimeOffset? since = body.Since is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        var full = Math.Max(CorpusSearchOptions.DefaultFullComparisons, leads);
        // A job's out path names who asked (results stay in the store): the same request from the same key while its job
        // is unfinished is that job again, not a second one, and a key's unfinished jobs can be counted.
        var requester = Requester(caller);
        var candidates = CorpusSearchOptions.Default.Candidates;
        var (job, resumed) = store.Use(s =>
        {
            // The same request again resumes its job whatever the count; only a new one is held to the cap.
            if (s.Correlations.FindOpen(since, candidates, leads, requester, full) is { } same)
            {
                return (same, true);
            }

            return s.Correlations.Unfinished().Count(j => j.OutPath == requester) >= MaxUnfinishedPerKey
                ? ((CorrelationJob?)null, false)
                : s.Correlations.StartOrResume(since, candidates, leads, requester, SignatureCodec.Default.Version, full, AuditMiddleware.WithChange<long>(context, StatusCodes.Status202Accepted, id => $"job {id}"));
        });
        if (job is null)
        {
            context.Response.Headers.RetryAfter = "60";
            return ApiProblems.Field(context, StatusCodes.Status429TooManyRequests, "title.too_many_jobs", "key", "detail.too_many_jobs", MaxUnfinishedPerKey);
        }

        if (!resumed)
        {
            // A job already unfinished is in the worker's queue (or running) already.
            worker.Enqueue(job.Id);
        }

        if (resumed)
        {
            context.Items[AuditMiddleware.DetailItem] = $"job {job.Id} (already asked for by this key)";
        }

        return TypedResults.Accepted($"/v1/jobs/{job.Id}", Status(store, corpus, job, withResults: false));
    }

    /// <summary>The out path that names the key asking (see <see cref="StartCorrelation"/>).</summary>
    private static string Requester(Caller caller) => caller.KeyId is { } keyId ? $"api:key:{keyId}" : $"api:name:{caller.Name}";

    private static Results<Ok<JobStatus>, ProblemHttpResult> CancelJob(long id, [AsParameters] ApiRequest api)
    {
        var (context, caller, store, corpus, _) = api;
        var (job, cancelled) = store.Use(s =>
        {
            var found = s.Correlations.Get(id);
            if (found is null || (caller.Role != ApiRoles.Admin && found.OutPath != Requester(caller)))
            {
                return (null, false);
            }

            var done = s.Correlations.Cancel(found, AuditMiddleware.WithChange<long>(context, StatusCodes.Status200OK, job => $"job {job} cancelled"));
            return (s.Correlations.Get(id), done);
        });
        if (job is null)
        {
            return ApiProblems.Whole(context, StatusCodes.Status404NotFound, "title.no_such_job", "detail.no_such_job_of_key", id);
        }

        if (!cancelled && job.CancelledAt is null)
        {
            return ApiProblems.Field(context, StatusCodes.Status409Conflict, "title.job_finished", "id", "detail.job_finished", id, job.FinishedAt);
        }

        if (!cancelled)
        {
            context.Items[AuditMiddleware.DetailItem] = $"job {id} was cancelled already";
        }

        return TypedResults.Ok(Status(store, corpus, job, withResults: false));
    }

    private static Results<Ok<JobStatus>, ProblemHttpResult> GetJob(long id, HttpContext context, StoreAccess store, ApiCorpus corpus)
    {
        var job = store.Use(s => s.Correlations.Get(id));
        return job is null
            ? ApiProblems.Whole(context, StatusCodes.Status404NotFound, "title.no_such_job", "detail.no_such_job", id)
            : TypedResults.Ok(Status(store, corpus, job, withResults: job.FinishedAt is not null));
    }

    private static JobStatus Status(StoreAccess store, ApiCorpus corpus, CorrelationJob job, bool withResults)
    {
        var (pending, done, stored) = store.Use(s =>
        {
            var left = s.Correlations.Pending(job, out var finished);
            return (left.Count, finished, s.Correlations.Leads(job).ToArray());
        });
        var exhibits = new Dictionary<long, string?>();
        string? Exhibit(long itemId) => exhibits.TryGetValue(itemId, out var e) ? e : exhibits[itemId] = corpus.Get(itemId)?.Metadata.ExhibitId;
        return new JobStatus(
            job.Id,
            "correlation",
            job.CancelledAt is not null ? "cancelled" : job.FinishedAt is null ? "running" : "finished",
            job.Since is { } since ? DateOnly.FromDateTime(since.UtcDateTime) : null,
            job.Leads,
            done + pending,
            done,
            stored.Length,
            job.CreatedAt,
            job.FinishedAt,
            withResults ? [.. stored.Select(l => JobLead.Of(l, Exhibit(l.ItemId), Exhibit(l.CandidateId)))] : null);
    }
}

/// <summary>Body of a correlation job: since a day (items added on or after it) or all, and leads kept per item (default 10).</summary>
public sealed record CorrelationRequest(DateOnly? Since, bool? All, int? Leads);

/// <summary>A job as the API shows it; <see cref="Results"/> only once it has finished.</summary>
public sealed record JobStatus(
    long Id, string Kind, string Status, DateOnly? Since, int LeadsPerItem, int ItemsTotal, int ItemsDone, int LeadsStored,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<JobLead>? Results);

/// <summary>
/// One lead of a finished job; a pair that could not be registered has no pose and says why (<see cref="Registration"/>).
/// <see cref="ScoreBf"/>, <see cref="ScoreFp"/> and <see cref="ScoreShear"/> are each region's own score beside the fused <see cref="Score"/>.
/// </summary>
public sealed record JobLead(
    long ItemId, string? ItemExhibitId, int Rank, long CandidateId, string? CandidateExhibitId, double Score, double? ScoreBf, double? ScoreFp, double? ScoreShear, double Similarity, int Cmc, double Ccf,
    double? ThetaDeg, double? DxUm, double? DyUm, RegistrationOutcome Registration)
{
    internal static JobLead Of(CorrelationLead lead, string? itemExhibitId, string? candidateExhibitId)
    {
        var registration = RegistrationOutcome.Of(lead.RegistrationFailure);
        return new(
            lead.ItemId, itemExhibitId, lead.Rank, lead.CandidateId, candidateExhibitId, lead.Score, lead.ScoreBf, lead.ScoreFp, lead.ScoreShear, lead.Similarity, lead.Cmc, lead.Ccf,
            registration.Pose(lead.ThetaDeg), registration.Pose(lead.DxUm), registration.Pose(lead.DyUm), registration);
    }
}
