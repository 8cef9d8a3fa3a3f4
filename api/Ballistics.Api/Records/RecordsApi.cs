using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ballistics.Api.Access;
using Ballistics.Intelligence.Tracing;
using Ballistics.Ingest.Records;
using Ballistics.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Records;

/// <summary>
/// Trace requests and seizure reports over HTTP, read by the same normalisers as record files: one JSON object
/// per request, with the record files' field names (snake_case or as the CSV headers). A trace is resolved at once
/// against the transactions on file. Investigators work on their own agency's cases only and state a case number and
/// purpose (headers <c>Case-Number</c>, <c>Purpose</c>) for every trace they touch; analysts see traces with the
/// personal data masked; admins see all.
/// </summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/traces", SubmitTrace).WithName("SubmitTrace").WithTags("Traces").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(policy => policy.RequireRole(ApiRoles.Investigator, ApiRoles.Admin))
            .WithRecordBody(RecordKind.Trace).WithCaseStatement()
            .WithSummary("Request a trace of a recovered firearm: stored once, resolved against the transactions on file.");
        app.MapGet("/v1/traces/{id}", GetTrace).WithName("GetTrace").WithTags("Traces").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).WithCaseStatement()
            .RequireAuthorization(policy => policy.RequireRole(ApiRoles.Investigator, ApiRoles.Analyst, ApiRoles.Admin))
            .WithSummary("A stored trace request (by trace number or content id), resolved now.");
        app.MapPost("/v1/seizures", SubmitSeizure).WithName("SubmitSeizure").WithTags("Seizures").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(policy => policy.RequireRole(ApiRoles.Investigator, ApiRoles.Lab, ApiRoles.Admin))
            .WithRecordBody(RecordKind.Seizure)
            .WithSummary("Report a seizure of firearms (and the cartridge cases taken as evidence).");
        return app;
    }

    private static async Task<Results<Created<TraceAnswer>, Ok<TraceAnswer>, ProblemHttpResult>> SubmitTrace([AsParameters] ApiRequest api, CancellationToken cancel)
    {
        var (context, caller, store, _, _) = api;
        if (CaseStatement(context, caller) is { } missing)
        {
            return missing;
        }

        var (record, problem, warnings) = await Read(context, caller, RecordKind.Trace, cancel);
        if (problem is not null)
        {
            return problem;
        }

        var trace = (TraceRequest)record!;
        var number = trace.TraceNumber;
        // The number checked and the trace stored under one hold of the store: two requests cannot both take a number.
        var (taken, stored) = store.Use(s =>
        {
            var other = number is null ? null : s.OwnersOf("trace", number)
                .FirstOrDefault(o => string.Equals(o.Agency, trace.Agency, StringComparison.OrdinalIgnoreCase) && o.TraceNumber == number && o.ContentId != RecordIdentity.ContentId(trace));
            if (other is not null)
            {
                return ((RecordOwner?)other, ((TraceAnswer Answer, bool Added)?)null);
            }

            var (contentId, isNew) = s.Store(trace, "api", 1, AuditMiddleware.WithChange<string>(context, StatusCodes.Status201Created, id => $"trace {id} stored"));
            var query = s.Registry.Requests(contentId).Single();
            return (null, (new TraceAnswer(contentId, query.TraceNumber, new TraceResolver(s.Registry).Resolve(query)), isNew));
        });
        if (stored is not { } result)
        {
            // A trace number names one request within its agency: another request under it would make the number ambiguous.
            return ApiProblems.Field(context, StatusCodes.Status409Conflict, "title.trace_number_in_use", "trace_number", "detail.trace_number_in_use", number, trace.Agency, taken!.ContentId);
        }

        var (answer, added) = result;
        if (!added)
        {
            context.Items[AuditMiddleware.DetailItem] = $"trace {answer.Id} already on file, resolved again";
        }

        var shown = ForCaller(answer, caller, trace.Agency) with { Warnings = warnings };
        return added ? TypedResults.Created($"/v1/traces/{answer.Id}", shown) : TypedResults.Ok(shown);
    }

    private static Results<Ok<TraceAnswer>, ProblemHttpResult> GetTrace(string id, [AsParameters] ApiRequest api)
    {
        var (context, caller, store, _, _) = api;
        if (CaseStatement(context, caller) is { } missing)
        {
            return missing;
        }

        var found = store.Use<(TraceAnswer Answer, string? Agency)?>(s =>
        {
            if (Resolve(s.OwnersOf("trace", id), caller) is not { } owner)
            {
                return null;
            }

            var query = s.Registry.Requests(owner.ContentId).Single();
            return (new TraceAnswer(owner.ContentId, owner.TraceNumber, new TraceResolver(s.Registry).Resolve(query)), owner.Agency);
        });
        if (found is not { } trace)
        {
            return ApiProblems.Whole(context, StatusCodes.Status404NotFound, "title.no_such_trace", "detail.no_such_trace", id);
        }

        return TypedResults.Ok(ForCaller(trace.Answer, caller, trace.Agency));
    }

    private static async Task<Results<Created<StoredRecord>, Ok<StoredRecord>, ProblemHttpResult>> SubmitSeizure([AsParameters] ApiRequest api, CancellationToken cancel)
    {
        var (context, caller, store, _, _) = api;
        var (record, problem, warnings) = await Read(context, caller, RecordKind.Seizure, cancel);
        if (problem is not null)
        {
            return problem;
        }

        var audit = AuditMiddleware.WithChange<string>(context, StatusCodes.Status201Created, id => $"seizure {id} stored");
        var (contentId, added) = store.Use(s => s.Store(record!, "api", 1, audit));
        var stored = new StoredRecord(contentId, "seizure", !added) { Warnings = warnings };
        return added ? TypedResults.Created($"/v1/seizures/{contentId}", stored) : TypedResults.Ok(stored);
    }

    /// <summary>
    /// The trace a caller means by an id or number: among those the caller may see, the caller's own agency's first, else
    /// the only one; null when none, or when several agencies' share the number and none is the caller's (ambiguous).
    /// </summary>
    private static RecordOwner? Resolve(IReadOnlyList<RecordOwner> owners, Caller caller)
    {
        var visible = owners.Where(o => MaySee(caller, o.Agency)).ToArray();
        var own = visible.Where(o => string.Equals(o.Agency, caller.Agency, StringComparison.OrdinalIgnoreCase)).ToArray();
        return own is [var mine] ? mine : visible is [var only] ? only : null;
    }

    /// <summary>
    /// A trace answer as this caller may read it: the earlier traces it lists narrowed to those the caller may open (an
    /// investigator sees no other agency's trace through this one), and personal data masked by the sharing rules'
    /// masking rule (analysts read it masked).
    /// </summary>
    private static TraceAnswer ForCaller(TraceAnswer answer, Caller caller, string? owningAgency)
    {
        var visible = answer with { Result = answer.Result with { EarlierTraces = [.. answer.Result.EarlierTraces.Where(t => MaySee(caller, t.Agency))] } };
        return SharingRules.SeesPersonalData(caller, owningAgency) ? visible : visible with { Result = PersonalDataMask.Apply(visible.Result), PersonalDataMasked = true };
    }

    /// <summary>Investigators see their own agency's traces only; analysts (masked) and admins see all.</summary>
    private static bool MaySee(Caller caller, string? agency) =>
        caller.Role != ApiRoles.Investigator || string.Equals(agency, caller.Agency, StringComparison.OrdinalIgnoreCase);

    /// <summary>An investigator must say for which case and why, before any trace is touched.</summary>
    internal static ProblemHttpResult? CaseStatement(HttpContext context, Caller caller)
    {
        if (caller.Role != ApiRoles.Investigator)
        {
            return null;
        }

        foreach (var header in new[] { AuditMiddleware.CaseNumberHeader, AuditMiddleware.PurposeHeader })
        {
            if (string.IsNullOrWhiteSpace(context.Request.Headers[header]))
            {
                return Problem(context, header, "detail.investigator_header");
            }
        }

        return null;
    }

    /// <summary>The body as one record of <paramref name="kind"/>, normalised as a record file's would be; the record belongs to the caller's agency.</summary>
    private static async Task<(FirearmRecord? Record, ProblemHttpResult? Problem, IReadOnlyList<RecordWarning> Warnings)> Read(HttpContext context, Caller caller, RecordKind kind, CancellationToken cancel)
    {
        if (!context.Request.HasJsonContentType())
        {
            // A body that is not declared JSON is not read as JSON: the client's framing is wrong, and it should hear so.
            return (null, ApiProblems.Field(context, StatusCodes.Status415UnsupportedMediaType, "title.unsupported_media_type", "Content-Type", "detail.not_json", context.Request.ContentType), []);
        }

        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, documentOptions: ApiJson.Documents, cancellationToken: cancel) as JsonObject
                ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            return (null, Problem(context, "body", "detail.record_body", ex.Message), []);
        }

        if (FirstBadText(body, string.Empty) is { } bad)
        {
            return (null, Problem(context, bad.Field, bad.Reason, bad.Args), []);
        }

        var agencyField = kind == RecordKind.Seizure ? "autoridad" : "agency";
        var stated = body.FirstOrDefault(p => p.Key is "agency" or "autoridad");
        if (caller.Role != ApiRoles.Admin)
        {
            if (stated.Value is not null && !string.Equals(stated.Value.ToString().Trim(), caller.Agency, StringComparison.OrdinalIgnoreCase))
            {
                return (null, Problem(context, stated.Key, "detail.not_own_agency", stated.Value, caller.Agency), []);
            }

            if (stated.Value is null)
            {
                body[agencyField] = caller.Agency;
            }
        }

        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString()));
        var opened = RecordFileReader.Open(stream, "request", RecordFormat.Json, kind);
        if (!opened.Success)
        {
            return (null, Problem(context, "body", "detail.as_given", opened.Error!.Message), []);
        }

        using var reader = opened.Value;
        var results = reader.ReadAll().ToArray();
        if (reader.IgnoredColumns.Order(StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            // A misspelt field would otherwise vanish and the record be filed without it.
            return (null, Problem(context, unknown, "detail.unknown_record_field", kind.ToString().ToLowerInvariant()), []);
        }

        if (results is not [var result])
        {
            return (null, Problem(context, "body", "detail.one_record", results.Length), []);
        }

        if (result.Record is null)
        {
            var error = result.Errors[0];
            return (null, Problem(context, error.Field, "detail.as_given", string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Reason}"))), []);
        }

        return (result.Record, null, [.. result.Warnings.Select(w => new RecordWarning(w.Field, w.Reason))]);
    }

    /// <summary>The first value anywhere in <paramref name="node"/> that <see cref="FieldText"/> refuses, with its path (and the reason as a text key).</summary>
    private static (string Field, string Reason, object?[] Args)? FirstBadText(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (name, value) in members)
                {
                    if (FirstBadText(value, path.Length == 0 ? name : $"{path}.{name}") is { } bad)
                    {
                        return bad;
                    }
                }

                return null;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (FirstBadText(items[i], $"{path}[{i}]") is { } bad)
                    {
                        return bad;
                    }
                }

                return null;
            case JsonValue scalar when scalar.TryGetValue<JsonElement>(out var element) && FieldText.Of(element).Problem is { } problem:
                return (path, problem.Key, problem.Args);
            default:
                return null;
        }
    }

    private static ProblemHttpResult Problem(HttpContext context, string field, string reason, params object?[] args) =>
        ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.invalid_record", field, reason, args);
}

/// <summary>A trace request on file and its resolution now.</summary>
public sealed record TraceAnswer(string Id, string? TraceNumber, TraceResult Result, bool PersonalDataMasked = false)
{
    /// <summary>What the normalisation resolved with a doubt when the request was filed (an importer named as the maker); empty otherwise.</summary>
    public IReadOnlyList<RecordWarning> Warnings { get; init; } = [];
}

/// <summary>A record stored (or found already on file) by its content id.</summary>
public sealed record StoredRecord(string Id, string Kind, bool AlreadyOnFile)
{
    /// <summary>What the normalisation resolved with a doubt (an importer named as the maker); empty otherwise.</summary>
    public IReadOnlyList<RecordWarning> Warnings { get; init; } = [];
}

/// <summary>A field of a record kept with a warning, and why.</summary>
public sealed record RecordWarning(string Field, string Reason);
