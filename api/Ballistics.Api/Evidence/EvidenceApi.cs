using System.Text.Json;
using Ballistics.Api.Access;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Scans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Evidence;

/// <summary>
/// Evidence submission and its ranked leads: a lab uploads a cartridge-case scan with its metadata; the scan is stored
/// (once per content), prepared and searched against the items its caller may see, and the leads are kept for review.
/// </summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/evidence").WithTags("Evidence").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/", Submit).WithName("SubmitEvidence").DisableAntiforgery()
            .RequireAuthorization(policy => policy.RequireRole(ApiRoles.Lab, ApiRoles.Admin))
            .WithUploadBody()
            .KeyedProblems(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Submit a scan or a photograph (multipart: part 'file', an x3p topography or a PNG/TIFF photograph; part 'metadata', JSON, with pixel_size_um and lighting for a photograph whose file does not state them): stored, searched among items of its modality, leads returned.");
        group.MapGet("/{id:long}", GetEvidence).WithName("GetEvidence").RequireAuthorization(ReadRoles).WithSummary("An evidence item's metadata.");
        group.MapGet("/{id:long}/leads", GetLeads).WithName("GetEvidenceLeads").RequireAuthorization(ReadRoles).WithSummary("An evidence item's ranked leads and their review status.");
        group.MapPost("/{id:long}/photograph-search", SearchPhotographs).WithName("SearchPhotographsForEvidence")
            .RequireAuthorization(policy => policy.RequireRole(ApiRoles.Lab, ApiRoles.Examiner, ApiRoles.Analyst, ApiRoles.Admin))
            .WithSummary("Search a topography among the photographs on file: the scan rendered as a photograph under the light given (lighting: ring, side or unknown; a ring when not given), its leads among photographs stored beside its own and returned.");
        return app;
    }

    /// <summary>Who may read evidence and leads; what each sees is narrowed by <see cref="SharingRules"/>.</summary>
    internal static void ReadRoles(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(ApiRoles.Lab, ApiRoles.Reviewer, ApiRoles.Examiner, ApiRoles.Investigator, ApiRoles.Analyst, ApiRoles.Admin);

    private static async Task<Results<Created<EvidenceWithLeads>, Ok<EvidenceWithLeads>, ProblemHttpResult>> Submit(
        [AsParameters] ApiRequest api, CancellationToken cancel)
    {
        var (context, caller, store, corpus, sharing) = api;
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Invalid(context, "body", "detail.multipart_required");
        }

        // A body declared over the limit is refused before a byte of it is read, with the status that says so.
        var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Features.FormOptions>>().Value.MultipartBodyLengthLimit;
        if (request.ContentLength > limit)
        {
            return TooLarge(context, "detail.body_over_limit", request.ContentLength, limit);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancel);
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(context, "detail.as_given", bad.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A broken multipart body, or one over the form's length limit: the caller's error, said as such.
            return Invalid(context, "body", "detail.not_multipart", ex.Message);
        }

        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Invalid(context, "file", "detail.file_missing");
        }

        var fileName = Path.GetFileName(file.FileName);
        if (!fileName.EndsWith(".x3p", StringComparison.OrdinalIgnoreCase) && !SurfaceFiles.IsImage(fileName))
        {
            // A topography (x3p) or a photograph (PNG, TIFF: searched among photographs, with its pixel size).
            return Invalid(context, "file", "detail.not_a_scan", fileName);
        }

        var (metadata, refused) = ReadMetadata(form["metadata"].ToString(), fileName, caller);
        if (refused is { } error)
        {
            return Invalid(context, error.Field, error.Reason, error.Args);
        }

        // The upload is written where the store keeps its own temporaries, under its own name (the default exhibit id).
        var folder = Path.Combine(store.Folder, ApiCorpus.UploadsFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Submission submitted;
        try
        {
            var path = Path.Combine(folder, SafeName(fileName));
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, cancel);
            }

            submitted = corpus.Submit(path, metadata!, AuditMiddleware.WithChange<long>(context, StatusCodes.Status201Created, id => $"stored as item {id}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        if (submitted.Item is not { } item)
        {
            return submitted.Refusal is { } refusal ? Invalid(context, "file", "detail.as_given", refusal) : Invalid(context, "file", "detail.not_stored");
        }

        var leads = store.Use(s => s.Leads.For(item.Id));
        SearchSummary? summary = null;
        if (leads.Count == 0)
        {
            (leads, summary) = await Search(item, caller, store, corpus, sharing);
        }

        if (submitted.Duplicate)
        {
            context.Items[AuditMiddleware.DetailItem] = "already on file";
        }

        var body = new EvidenceWithLeads(EvidenceView.Of(item), Views(leads, caller, corpus, sharing), summary);
        return submitted.Duplicate ? TypedResults.Ok(body) : TypedResults.Created($"/v1/evidence/{item.Id}", body);
    }

    private static Results<Ok<EvidenceView>, ProblemHttpResult> GetEvidence(long id, [AsParameters] ApiRequest api)
    {
        var (_, caller, _, corpus, sharing) = api;
        return corpus.Get(id) is { } item && sharing.CanSee(caller, item) ? TypedResults.Ok(EvidenceView.Of(item)) : NotFound(api.Context, id);
    }

    private static Results<Ok<IReadOnlyList<LeadView>>, ProblemHttpResult> GetLeads(long id, [AsParameters] ApiRequest api)
    {
        var (_, caller, store, corpus, sharing) = api;
        if (corpus.Get(id) is not { } item || !sharing.CanSee(caller, item))
        {
            return NotFound(api.Context, id);
        }

        return TypedResults.Ok(Views(store.Use(s => s.Leads.For(id)), caller, corpus, sharing));
    }

    /// <summary>
    /// A topography's leads among the photographs: the item rendered under the light asked for and searched as a
    /// photograph would be (the caller's sharing rules as for a submission); the leads are stored with the item's own.
    /// </summary>
    private static async Task<Results<Ok<EvidenceWithLeads>, ProblemHttpResult>> SearchPhotographs(long id, string? lighting, [AsParameters] ApiRequest api)
    {
        var (context, caller, store, corpus, sharing) = api;
        if (corpus.Get(id) is not { } item || !sharing.CanSee(caller, item))
        {
            return NotFound(context, id);
        }

        if (item.Modality != Modalities.Topography)
        {
            return ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.invalid_search", "id", "detail.photograph_search_needs_topography", id);
        }

        var light = ImageLighting.Unknown;
        if (lighting is not null && !ImageLightingNames.TryParse(lighting, out light))
        {
            return ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.invalid_search", "lighting", "detail.lighting_unknown", lighting);
        }

        // Said when the search stores nothing; an entry written with its stored leads says how many.
        var searched = $"item {id} searched among photographs under {ImageLightingNames.Name(light)} light";
        context.Items[AuditMiddleware.DetailItem] = searched;
        var audit = AuditMiddleware.WithChange<int>(context, StatusCodes.Status200OK, added => $"{searched}: {added} leads stored");
        var (leads, summary) = await Search(item, caller, store, corpus, sharing, light, audit);
        return TypedResults.Ok(new EvidenceWithLeads(EvidenceView.Of(item), Views(leads, caller, corpus, sharing, Modalities.Photograph), summary));
    }

    private static async Task<(IReadOnlyList<StoredLead> Leads, SearchSummary Summary)> Search(
        ScanItem item, Caller caller, StoreAccess store, ApiCorpus corpus, SharingRules sharing, ImageLighting? asPhotograph = null, Func<int, Store.Access.AuditEvent>? audit = null)
    {
        var filter = sharing.SearchCountry(caller) is { } country ? new SearchFilter { Country = country } : SearchFilter.None;
        var modality = asPhotograph is null ? item.Modality : Modalities.TopographyAsPhotograph;
        var result = await corpus.Search(item, filter, CorpusSearchOptions.Default, asPhotograph);
        if (result is null)
        {
            return ([], new SearchSummary(0, 0, 0, 0, 0, "the item's prepared scan could not be had", modality));
        }

        var stored = store.Use(s => s.Leads.Record(item.Id, [.. result.Leads.Select(l => l.ToNewLead())], result.AlgorithmVersion, audit));
        return (stored, new SearchSummary(result.Searched, result.Screened, result.Leads.Count, result.StageOneMs, result.StageTwoMs, result.AlgorithmVersion, modality));
    }

    /// <summary>
    /// Leads the caller may see (a candidate across a closed border is left out), with the candidate's facts; only those
    /// whose candidate is of <paramref name="modality"/> when one is given.
    /// </summary>
    private static IReadOnlyList<LeadView> Views(IReadOnlyList<StoredLead> leads, Caller caller, ApiCorpus corpus, SharingRules sharing, string? modality = null) =>
        [.. leads.Select(l => (Lead: l, Candidate: corpus.Get(l.CandidateId)))
            .Where(x => x.Candidate is not null && sharing.CanSee(caller, x.Candidate) && (modality is null || x.Candidate.Modality == modality))
            .Select(x => LeadView.Of(x.Lead, x.Candidate!))];

    internal static (ScanItemMetadata? Metadata, (string Field, string Reason, object?[] Args)? Error) ReadMetadata(string json, string fileName, Caller caller)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(json))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, ApiJson.Documents);
            }
            catch (JsonException ex)
            {
                return (null, ("metadata", "detail.metadata_not_json", [ex.Message]));
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, ("metadata", "detail.metadata_not_object", []));
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!ScanItemFields.Columns.Contains(property.Name))
                    {
                        return (null, ($"metadata.{property.Name}", "detail.metadata_unknown_field", [string.Join(", ", ScanItemFields.Columns)]));
                    }

                    if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                    {
                        return (null, ($"metadata.{property.Name}", "detail.metadata_not_string", []));
                    }

                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        var (text, problem) = FieldText.Of(property.Value);
                        if (problem is { } bad)
                        {
                            return (null, ($"metadata.{property.Name}", bad.Key, bad.Args));
                        }

                        fields[property.Name] = text!;
                    }
                }
            }
        }

        // Every record belongs to the submitting key's agency and country; a lab cannot file for another.
        foreach (var (field, own) in new[] { ("agency", caller.Agency), ("country", caller.Country) })
        {
            if (caller.Role != ApiRoles.Admin && fields.TryGetValue(field, out var stated) && !string.Equals(stated.Trim(), own, StringComparison.OrdinalIgnoreCase))
            {
                return (null, ($"metadata.{field}", "detail.metadata_not_own", [stated, field, own]));
            }

            fields.TryAdd(field, own);
        }

        var read = ScanItemFields.Read(fields, fileName, "metadata", 0);
        if (!read.Success)
        {
            var error = read.Error!;
            return (null, (error.Location?.Replace("field ", "metadata.", StringComparison.Ordinal) ?? "metadata", "detail.as_given", [error.Message]));
        }

        return (read.Value, null);
    }

    private static string SafeName(string fileName)
    {
        var name = new string([.. fileName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return name.Length > 120 ? name[^120..] : name;
    }

    private static ProblemHttpResult TooLarge(HttpContext context, string reason, params object?[] args) =>
        ApiProblems.Field(context, StatusCodes.Status413PayloadTooLarge, "title.submission_too_large", "body", reason, args);

    private static ProblemHttpResult Invalid(HttpContext context, string field, string reason, params object?[] args) =>
        ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.invalid_submission", field, reason, args);

    internal static ProblemHttpResult NotFound(HttpContext context, long id) =>
        ApiProblems.Whole(context, StatusCodes.Status404NotFound, "title.no_such_evidence", "detail.no_such_evidence", id);
}
