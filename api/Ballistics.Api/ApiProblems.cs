using Ballistics.Api.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api;

/// <summary>The one shape of a refused request: a ProblemDetails naming the field at fault, and the reason in the audit log.</summary>
internal static class ApiProblems
{
    /// <summary>
    /// Declares, for the OpenAPI document, the ProblemDetails an endpoint answers with: those of every keyed endpoint (no
    /// or a bad key, a role without access, over the rate limit) and <paramref name="statuses"/>, its own refusals.
    /// </summary>
    public static TBuilder KeyedProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests }.Concat(statuses).Distinct())
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }

    public static ProblemHttpResult Field(HttpContext context, int status, string title, string field, string reason)
    {
        context.Items[AuditMiddleware.DetailItem] = $"{field}: {reason}";
        return TypedResults.Problem(statusCode: status, title: title, detail: reason, extensions: new Dictionary<string, object?> { ["field"] = field });
    }
}
