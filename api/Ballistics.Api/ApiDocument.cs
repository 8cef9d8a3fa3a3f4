using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ballistics.Api;

/// <summary>What the OpenAPI document says of the API as a whole: its description and what each group of operations is for.</summary>
internal static class ApiDocument
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Evidence"] = "Cartridge-case scans submitted by labs: each stored once, searched against the corpus, its ranked leads returned.",
        ["Leads"] = "A lead's review: candidate → lead (reviewer or examiner) → confirmed hit (examiner), or rejected; each step kept with its note.",
        ["Review"] = "What the review page reads: the queue of evidence with leads, a lead's comparison pictures and figures.",
        ["Traces"] = "Trace requests of recovered firearms, resolved against the firearm transactions on file.",
        ["Seizures"] = "Seizure reports: the firearms seized and the cartridge cases taken as evidence.",
        ["Linkage"] = "Post-seizure linkage: a seized firearm's or an incident's test fires, leads, hits, scenes and trace chain, as a graph and drawn.",
        ["Jobs"] = "Batch correlation jobs: every item added since a day (or all) correlated against the corpus, asynchronously.",
        ["Reports"] = "Analysts' aggregate reports (trafficking): figures and plots, never names.",
        ["Audit"] = "The audit log of every request (administrators only): read, exported, its hash chain verified.",
        ["Health"] = "Whether the service is up.",
    };

    public static void Configure(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Ballistics API";
            document.Info.Description = "Firearms tracing and ballistics matching: evidence and its leads, their review, traces, seizures, "
                + "post-seizure linkage, correlation jobs, reports and the audit log. Problems come as ProblemDetails in the caller's "
                + "language (Accept-Language, else the key's country: es-MX or en-US); field names and codes stay as they are.";
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
            return Task.CompletedTask;
        });
}
