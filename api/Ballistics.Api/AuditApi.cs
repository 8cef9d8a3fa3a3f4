using System.Globalization;
using System.Text;
using Ballistics.Api.Access;
using Ballistics.Store.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api;

/// <summary>The audit log, for admins only: read it page by page, export it whole as CSV, check its hash chain. Nobody can change it.</summary>
public static class AuditApi
{
    public const int MaxPage = 10_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit").RequireAuthorization(ApiRoles.AdminPolicy).WithTags("Audit").KeyedProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/", ReadAudit).WithName("ReadAudit").WithSummary("Audit entries after an id, oldest first.");
        group.MapGet("/export", ExportAudit).WithName("ExportAudit").Produces<string>(StatusCodes.Status200OK, "text/csv").WithSummary("The whole audit log as CSV.");
        group.MapGet("/verify", VerifyAudit).WithName("VerifyAudit").WithSummary("Recompute the audit log's hash chain.");
        return app;
    }

    private static Results<Ok<AuditPage>, ProblemHttpResult> ReadAudit(HttpContext context, StoreAccess store, long after = 0, int limit = 1000)
    {
        if (after < 0 || limit < 1 || limit > MaxPage)
        {
            return ApiProblems.Whole(context, StatusCodes.Status400BadRequest, "title.invalid_paging", "detail.invalid_paging", MaxPage, after, limit);
        }

        var entries = store.Use(s => s.Audit.Read(after, limit));
        return TypedResults.Ok(new AuditPage([.. entries.Select(AuditRow.Of)], entries.Count == limit ? entries[^1].Id : null));
    }

    private static FileContentHttpResult ExportAudit(StoreAccess store)
    {
        var text = new StringBuilder("id,at,key_id,role,agency,country,method,path,action,resource,outcome,status,case_number,purpose,detail,chain\n");
        long after = 0;
        while (true)
        {
            var page = store.Use(s => s.Audit.Read(after, MaxPage));
            foreach (var entry in page)
            {
                var e = entry.Event;
                Ingest.Tables.CsvText.AppendLine(text, [
                    entry.Id.ToString(CultureInfo.InvariantCulture), entry.At.ToString("O", CultureInfo.InvariantCulture), e.KeyId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                    e.Role ?? string.Empty, e.Agency ?? string.Empty, e.Country ?? string.Empty, e.Method, e.Path, e.Action, e.Resource ?? string.Empty, e.Outcome,
                    e.Status.ToString(CultureInfo.InvariantCulture), e.CaseNumber ?? string.Empty, e.Purpose ?? string.Empty, e.Detail ?? string.Empty, entry.Chain]);
            }

            if (page.Count < MaxPage)
            {
                break;
            }

            after = page[^1].Id;
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", "audit-log.csv");
    }

    private static Ok<AuditChainCheck> VerifyAudit(StoreAccess store) => TypedResults.Ok(store.Use(s => s.Audit.Verify()));
}

/// <summary>A page of the audit log; <see cref="Next"/> is the <c>after</c> of the next page, null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Entries, long? Next);

/// <summary>One audit entry as the API shows it.</summary>
public sealed record AuditRow(
    long Id, DateTimeOffset At, long? KeyId, string? Role, string? Agency, string? Country, string Method, string Path, string Action,
    string? Resource, string Outcome, int Status, string? CaseNumber, string? Purpose, string? Detail, string Chain)
{
    internal static AuditRow Of(AuditEntry entry)
    {
        var e = entry.Event;
        return new AuditRow(entry.Id, entry.At, e.KeyId, e.Role, e.Agency, e.Country, e.Method, e.Path, e.Action, e.Resource, e.Outcome, e.Status, e.CaseNumber, e.Purpose, e.Detail, entry.Chain);
    }
}
