using System.Globalization;
using Ballistics.Api.Access;
using Ballistics.Api.Texts;
using Ballistics.Intelligence.Trafficking;
using Ballistics.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Ballistics.Api.Reports;

/// <summary>
/// Analyst reports over the whole store. Analysts and admins only: a report spans every agency's traces, and
/// although it holds aggregates only, the other roles' work is case by case and their access follows their cases.
/// </summary>
public static class ReportsApi
{
    /// <summary>
    /// The page needs nothing but its own inline style and embedded images: a browser is told so, so even text from the
    /// store that escaped encoding could run nothing and fetch nothing.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/reports/trafficking", Trafficking).WithName("GetTraffickingReport").WithTags("Reports")
            .RequireAuthorization(policy => policy.RequireRole(ApiRoles.Analyst, ApiRoles.Admin))
            .WithSummary("The trafficking report: time-to-crime, recoveries by state, source dealers and states, multiple sales, linkage networks, leads and hits over time (aggregates only).")
            .WithDescription("A self-contained HTML page with its plots embedded (default, or format=html); format=json gives the figures alone.")
            .Produces<TraffickingSummary>(StatusCodes.Status200OK, "application/json")
            // One status, two bodies: the summary's schema for JSON, and the page (a string) for HTML beside it.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Responses?[StatusCodes.Status200OK.ToString(CultureInfo.InvariantCulture)].Content?.Add("text/html", new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
                return Task.CompletedTask;
            })
            .KeyedProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    private static Results<ContentHttpResult, Ok<TraffickingSummary>, ProblemHttpResult> Trafficking([AsParameters] ApiRequest api, string? format = null)
    {
        var (context, _, store, _, _) = api;
        if (format is not (null or "html" or "json"))
        {
            return ApiProblems.Field(context, StatusCodes.Status400BadRequest, "title.invalid_format", "format", "detail.format_html_or_json", format);
        }

        // The figures are read under the store's lock; the plots, the slow part, are drawn after it is released.
        var (summary, schema) = store.Use(s => (TraffickingReport.Summarize(s), s.SchemaVersion));
        context.Items[AuditMiddleware.DetailItem] = $"trafficking report ({format ?? "html"})";
        if (format == "json")
        {
            return TypedResults.Ok(summary);
        }

        // In the caller's language (Accept-Language, else the key's country), as every text the API writes.
        var report = TraffickingReport.Render(summary, new ReportSource("the server's store", schema, DateTimeOffset.UtcNow), ApiTexts.Of(context));
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.Content(report.Html, "text/html; charset=utf-8");
    }
}
