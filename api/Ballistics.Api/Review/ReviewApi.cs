using Ballistics.Api.Evidence;
using Ballistics.Intelligence.Leads;
using Ballistics.Store.Scans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Review;

/// <summary>
/// What a reviewer's page needs beside the evidence and leads endpoints: who the key is (so the page offers only the steps
/// its role may take), the queue of evidence with leads to review, and one lead whole with its review history.
/// </summary>
public static class ReviewApi
{
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/me", Me).WithName("WhoAmI").WithTags("Review").RequireAuthorization().KeyedProblems()
            .WithSummary("The calling key's role, agency and country, and which review steps it may take.");
        app.MapGet("/v1/review/queue", Queue).WithName("ReviewQueue").WithTags("Review").RequireAuthorization(EvidenceApi.ReadRoles).KeyedProblems()
            .WithSummary("Evidence items with leads that this key may see: those with leads still to decide first, then the most recent.");
        app.MapGet("/v1/leads/{id:long}", GetLead).WithName("GetLead").WithTags("Leads").RequireAuthorization(EvidenceApi.ReadRoles).KeyedProblems(StatusCodes.Status404NotFound)
            .WithSummary("One lead with its evidence item, its candidate and every step of its review.");
        return app;
    }

    private static Ok<CallerView> Me([AsParameters] ApiRequest api)
    {
        var (_, caller, _, _, _) = api;
        var steps = LeadReview.Statuses.Where(to => LeadReview.Statuses.Any(from => LeadReview.Check(from, to, caller.Role) is null)).ToArray();
        return TypedResults.Ok(new CallerView(caller.Name, caller.Role, caller.Agency, caller.Country, steps));
    }

    private static Ok<IReadOnlyList<QueueEntryView>> Queue([AsParameters] ApiRequest api, int? limit)
    {
        var (_, caller, store, corpus, sharing) = api;
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var entries = store.Use(s => s.Leads.Queue())
            .Select(e => (Entry: e, Item: corpus.Get(e.EvidenceId)))
            .Where(x => x.Item is not null && sharing.CanSee(caller, x.Item))
            .Take(take)
            .Select(x => new QueueEntryView(EvidenceView.Of(x.Item!), x.Entry.Candidates, x.Entry.Leads, x.Entry.Confirmed, x.Entry.Rejected, x.Entry.LatestAt))
            .ToArray();
        return TypedResults.Ok<IReadOnlyList<QueueEntryView>>(entries);
    }

    private static Results<Ok<LeadDetail>, ProblemHttpResult> GetLead(long id, [AsParameters] ApiRequest api)
    {
        var (_, caller, store, _, _) = api;
        if (Visible(id, api) is not { } visible)
        {
            return NoSuchLead(api.Context, id);
        }

        var history = store.Use(s => s.Leads.History(id));
        var role = caller.Role;
        var next = LeadReview.Statuses.Where(to => LeadReview.Check(visible.Lead.Status, to, role) is null).ToArray();
        return TypedResults.Ok(new LeadDetail(LeadView.Of(visible.Lead, visible.Candidate), EvidenceView.Of(visible.Evidence), EvidenceView.Of(visible.Candidate), history, next));
    }

    /// <summary>The lead with both its items when the caller may see both; null otherwise, which the caller answers as 404.</summary>
    internal static (StoredLead Lead, ScanItem Evidence, ScanItem Candidate)? Visible(long id, ApiRequest api)
    {
        var (_, caller, store, corpus, sharing) = api;
        var lead = store.Use(s => s.Leads.Get(id));
        var evidence = lead is null ? null : corpus.Get(lead.EvidenceId);
        var candidate = lead is null ? null : corpus.Get(lead.CandidateId);
        return lead is null || evidence is null || candidate is null || !sharing.CanSee(caller, evidence) || !sharing.CanSee(caller, candidate)
            ? null
            : (lead, evidence, candidate);
    }

    internal static ProblemHttpResult NoSuchLead(HttpContext context, long id) =>
        ApiProblems.Whole(context, StatusCodes.Status404NotFound, "title.no_such_lead", "detail.no_such_lead", id);
}

/// <summary>The calling key as the review page shows it, and the review steps its role may take.</summary>
public sealed record CallerView(string Key, string Role, string Agency, string Country, IReadOnlyList<string> ReviewSteps);

/// <summary>An evidence item in the review queue with its leads counted by status.</summary>
public sealed record QueueEntryView(EvidenceView Evidence, int Candidates, int Leads, int Confirmed, int Rejected, DateTimeOffset LatestAt);

/// <summary>One lead whole: its figures, both items, its review so far, and the steps the calling key may take with it now.</summary>
public sealed record LeadDetail(LeadView Lead, EvidenceView Evidence, EvidenceView Candidate, IReadOnlyList<LeadReviewEntry> History, IReadOnlyList<string> NextSteps);
