using System.Reflection;
using System.Text.Json;
using Ballistics.Reports.Texts;

namespace Ballistics.Api.Review;

/// <summary>
/// The review page (/review): one HTML file, its script and its style, built into the assembly so that `ballistics serve`
/// serves them from wherever it runs, and its texts in each language (/review/texts.en.json, texts.es.json: the
/// catalogue Review/Texts/review.*.json). The page holds no data; it asks the API with the key the reviewer signs in with.
/// </summary>
public static class ReviewPage
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/review", "review.html", "text/html; charset=utf-8"),
        ("/review/review.js", "review.js", "text/javascript; charset=utf-8"),
        ("/review/review.css", "review.css", "text/css; charset=utf-8"),
    ];

    /// <summary>
    /// Scripts and styles from this server only, pictures also from the blobs the script makes of them, nothing framed: a
    /// page that holds an API key must not run anyone else's code.
    /// </summary>
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Every text of the page, in English and Spanish.</summary>
    public static TextCatalog Texts { get; } = TextCatalog.Load(typeof(ReviewPage).Assembly, "review");

    public static IEndpointRouteBuilder MapReviewPage(this IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            Serve(app, path, Read(resource), contentType);
        }

        foreach (var language in Languages.All)
        {
            Serve(app, $"/review/texts.{language.Code()}.json", JsonSerializer.SerializeToUtf8Bytes(Texts.All(language)), "application/json; charset=utf-8");
        }

        return app;
    }

    private static void Serve(IEndpointRouteBuilder app, string path, byte[] bytes, string contentType) =>
        app.MapGet(path, (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Bytes(bytes, contentType);
        }).ExcludeFromDescription();

    private static byte[] Read(string resource)
    {
        var name = $"Ballistics.Api.Review.Page.{resource}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"the review page's {resource} is not built into {Assembly.GetExecutingAssembly().GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
