using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class ApiHostTests
{
    [Test]
    public async Task OpenApi_Document_ListsTheEndpoints()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(paths, Is.SupersetOf(new[] { "/v1/health", "/v1/audit", "/v1/audit/export", "/v1/audit/verify" }));
    }

    [Test]
    public async Task OpenApi_Document_DeclaresTheKeySchemeAndWhichOperationsNeedIt()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var root = document.RootElement;
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.That((scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()), Is.EqualTo(("http", "bearer")));
        var operations = root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToArray();
        foreach (var (path, method, operation) in operations)
        {
            Assert.That(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, Is.True, $"{method} {path}: summary");
            var security = operation.GetProperty("security").EnumerateArray().Select(r => string.Join(",", r.EnumerateObject().Select(s => s.Name))).ToArray();
            Assert.That(security, Is.EqualTo(new[] { path == "/v1/health" ? "" : "bearer" }), $"{method} {path}: security");
        }

        Assert.That(root.TryGetProperty("servers", out var servers) ? servers.EnumerateArray().Select(s => s.GetProperty("url").GetString()) : [], Has.None.EndsWith("/"));
    }

    [Test]
    public async Task OpenApi_EveryKeyedOperation_DeclaresItsProblemsAndPicturesTheirType()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name != "/v1/health")
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Responses: o.Value.GetProperty("responses"))))
            .ToArray();
        Assert.That(operations, Has.Length.GreaterThan(20));
        foreach (var (path, method, responses) in operations)
        {
            foreach (var status in new[] { "401", "403", "429" })
            {
                Assert.That(responses.TryGetProperty(status, out var problem) && problem.GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True, $"{method} {path}: {status}");
            }
        }

        var picture = operations.Single(o => o.Path == "/v1/leads/{id}/diagnostics/{name}.png").Responses.GetProperty("200").GetProperty("content");
        Assert.That(picture.TryGetProperty("image/png", out _), Is.True);
    }

    [Test]
    public async Task Docs_Page_Served()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/docs", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task Requests_OverTheRateLimit_TooManyRequestsProblemAndAudited()
    {
        await using var factory = new ApiFactory(requestsPerMinute: 3);
        using var client = factory.Client("admin");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri("/v1/audit/verify", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }));
        var refused = factory.Audit().Where(e => e.Event.Status == 429).ToArray();
        Assert.That(refused.Select(e => (e.Event.Outcome, e.Event.Detail)), Is.All.EqualTo(("rejected", "more than 3 requests a minute")));
    }

    [Test]
    public async Task Requests_OverTheRateLimit_RetryAfterAndProblemType()
    {
        await using var factory = new ApiFactory(requestsPerMinute: 1);
        using var client = factory.Client("admin");
        (await client.GetAsync(new Uri("/v1/audit/verify", UriKind.Relative))).Dispose();

        using var refused = await client.GetAsync(new Uri("/v1/audit/verify", UriKind.Relative));
        var problem = await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(ApiFactory.Json);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        // Within the minute's window, in whole seconds.
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
        Assert.That(problem!.Type, Does.Contain("rfc6585"));
    }
}
