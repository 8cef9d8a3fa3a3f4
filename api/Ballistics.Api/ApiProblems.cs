using Ballistics.Api.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api;

/// <summary>The one shape of a refused request: a ProblemDetails naming the field at fault, and the reason in the audit log.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Field(HttpContext context, int status, string title, string field, string reason)
    {
        context.Items[AuditMiddleware.DetailItem] = $"{field}: {reason}";
        return TypedResults.Problem(statusCode: status, title: title, detail: reason, extensions: new Dictionary<string, object?> { ["field"] = field });
    }
}
