using Ballistics.Api.Access;
using Ballistics.Api.Texts;
using Ballistics.Reports.Texts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api;

/// <summary>
/// The one shape of a refused request: a ProblemDetails in the caller's language naming the field at fault, and the
/// reason, in English, in the audit log. Titles and details are keys of the API's texts (Texts/api.*.json).
/// </summary>
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

    /// <summary>A refusal of one field: <paramref name="title"/> and <paramref name="reason"/> are text keys, <paramref name="args"/> fill the reason.</summary>
    public static ProblemHttpResult Field(HttpContext context, int status, string title, string field, string reason, params object?[] args)
    {
        context.Items[AuditMiddleware.DetailItem] = $"{field}: {ApiTexts.Catalog.Format(Language.English, reason, args)}";
        var language = ApiTexts.Of(context);
        return TypedResults.Problem(
            statusCode: status,
            title: ApiTexts.Catalog.Get(language, title),
            detail: ApiTexts.Catalog.Format(language, reason, args),
            extensions: new Dictionary<string, object?> { ["field"] = field });
    }

    /// <summary>A reason made elsewhere (the record normalisers, the store), passed on in the words it came in.</summary>
    public static ProblemHttpResult FieldAsGiven(HttpContext context, int status, string title, string field, string reason) =>
        Field(context, status, title, field, "detail.as_given", reason);

    /// <summary>A refusal of the request as a whole (nothing at that address this key may see, a page out of range).</summary>
    public static ProblemHttpResult Whole(HttpContext context, int status, string title, string detail, params object?[] args)
    {
        var language = ApiTexts.Of(context);
        return TypedResults.Problem(statusCode: status, title: ApiTexts.Catalog.Get(language, title), detail: ApiTexts.Catalog.Format(language, detail, args));
    }
}
