using Ballistics.Api.Access;
using Ballistics.Api.Review;
using Ballistics.Intelligence.Leads;
using Ballistics.Store.Scans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Evidence;

/// <summary>
/// Review of leads: a correlation reviewer makes a candidate a lead or rejects it; a firearms examiner confirms a lead
/// as a hit or rejects it (<see cref="LeadReview"/>). Each step is kept with who, when and why.
/// </summary>
public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/leads/{id:long}/review", Review).WithName("ReviewLead").WithTags("Leads")
            .KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole(ApiRoles.Reviewer, ApiRoles.Examiner))
            .WithSummary("Move a lead on: candidate → lead (reviewer or examiner) → confirmed (examiner), or rejected.");
        return app;
    }

    private static Results<Ok<ReviewedLead>, ProblemHttpResult> Review(long id, ReviewRequest? body, [AsParameters] ApiRequest api)
    {
        var (context, caller, store, _, _) = api;
        if (body?.Status is not { Length: > 0 } status)
        {
            return ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.review_refused", "status", "detail.review_status_missing");
        }

        if (body.Note is { Length: > 4000 })
        {
            return ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.review_refused", "note", "detail.note_too_long", 4000);
        }

        if (ReviewApi.Visible(id, api) is not var (lead, evidence, candidate))
        {
            return ReviewApi.NoSuchLead(context, id);
        }

        var reviewer = caller.Name;
        var audit = AuditMiddleware.WithChange<long>(context, StatusCodes.Status200OK, _ => $"{lead.Status} → {status}");
        var (after, refusal) = store.Use(s => s.Leads.Review(id, status, caller.KeyId, caller.Role, reviewer, body.Note, audit));
        if (refusal is { } refused)
        {
            var code = refused.Kind switch
            {
                ReviewRefusalKind.UnknownStatus => StatusCodes.Status400BadRequest,
                ReviewRefusalKind.NotThisRole => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            };
            return ApiProblems.FieldAsGiven(context, code, "title.review_refused", "status", refused.Message);
        }

        var history = store.Use(s => s.Leads.History(id));
        return TypedResults.Ok(new ReviewedLead(LeadView.Of(after!, candidate), history, Links(after!, evidence, candidate)));
    }

    /// <summary>
    /// What a confirmed hit joins, whichever side was submitted: the two incidents, an incident to the firearm whose test fire
    /// matched it (a crime-scene case searched against test fires, or a test fire searched against crime scenes).
    /// </summary>
    private static IReadOnlyList<HitLink> Links(StoredLead lead, ScanItem evidence, ScanItem candidate)
    {
        if (lead.Status != LeadReview.Confirmed)
        {
            return [];
        }

        var (incident, firearm) = (evidence.Metadata.IncidentId, evidence.Metadata.FirearmId);
        var (otherIncident, otherFirearm) = (candidate.Metadata.IncidentId, candidate.Metadata.FirearmId);
        var links = new List<HitLink>();
        if (incident is not null && otherIncident is not null && incident != otherIncident)
        {
            links.Add(new HitLink("incident", incident, "incident", otherIncident));
        }

        if (incident is not null && otherFirearm is not null)
        {
            links.Add(new HitLink("incident", incident, "firearm", otherFirearm));
        }

        if (firearm is not null && otherIncident is not null && firearm != otherFirearm)
        {
            links.Add(new HitLink("firearm", firearm, "incident", otherIncident));
        }

        return links;
    }

}

/// <summary>Body of a review: the status to move the lead to and why.</summary>
public sealed record ReviewRequest(string? Status, string? Note);

/// <summary>A lead after review, its whole history, and what it links once confirmed.</summary>
public sealed record ReviewedLead(LeadView Lead, IReadOnlyList<LeadReviewEntry> History, IReadOnlyList<HitLink> Links);

/// <summary>One link a confirmed hit makes: an incident to another incident, or to a recovered firearm.</summary>
public sealed record HitLink(string FromKind, string From, string ToKind, string To);
