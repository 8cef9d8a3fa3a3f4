using Ballistics.Api.Access;
using Ballistics.Reports.Texts;
using Microsoft.AspNetCore.WebUtilities;

namespace Ballistics.Api.Texts;

/// <summary>
/// The API's own words (problem titles and details) in the caller's language: the first language of Accept-Language we
/// write, else the key's country's (MX Spanish, else English). Field names, codes and values stay as they are.
/// </summary>
internal static class ApiTexts
{
    private const string LanguageItem = "Ballistics.Language";

    public static TextCatalog Catalog { get; } = TextCatalog.Load(typeof(ApiTexts).Assembly, "api");

    public static Language Of(HttpContext context)
    {
        if (context.Items[LanguageItem] is Language chosen)
        {
            return chosen;
        }

        var accepted = context.Request.GetTypedHeaders().AcceptLanguage
            .Select(a => (a.Value.Value ?? string.Empty, a.Quality ?? 1.0));
        var language = Languages.Choose(accepted, context.User.FindFirst(ApiRoles.CountryClaim)?.Value);
        context.Items[LanguageItem] = language;
        return language;
    }

    public static string Format(HttpContext context, string key, params object?[] args) => Catalog.Format(Of(context), key, args);

    /// <summary>
    /// Says which language the answer is in (Content-Language) and that it depends on Accept-Language (Vary); runs after
    /// authentication, so a key's country is known.
    /// </summary>
    public static IApplicationBuilder UseApiLanguage(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.ContentLanguage = Of(context).Tag();
            context.Response.Headers.Append("Vary", "Accept-Language");
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// The framework's own problems (no key: 401, a role without access: 403, an unknown route, a body it cannot read)
    /// in the caller's language, by status; a problem the API wrote itself already is.
    /// </summary>
    public static void Localize(ProblemDetailsContext problem)
    {
        var details = problem.ProblemDetails;
        if (details.Status is not { } status || (details.Title is { } title && title != ReasonPhrases.GetReasonPhrase(status) && !IsFrameworkTitle(title)))
        {
            return;
        }

        var language = Of(problem.HttpContext);
        if (Catalog.All(language).TryGetValue($"status.{status}", out var localized))
        {
            details.Title = localized;
        }

        if (details.Detail is null && Catalog.All(language).TryGetValue($"status.{status}.detail", out var detail))
        {
            details.Detail = detail;
        }
    }

    // The titles ASP.NET Core's ProblemDetails defaults give (RFC 9110 names, not always the reason phrase).
    private static bool IsFrameworkTitle(string title) =>
        title is "Unauthorized" or "Forbidden" or "Not Found" or "Bad Request" or "Method Not Allowed" or "Conflict"
            or "Unsupported Media Type" or "Payload Too Large" or "Content Too Large" or "An error occurred while processing your request.";
}
