using System.Net;
using System.Net.Http.Json;
using Ballistics.Api.Texts;
using Microsoft.AspNetCore.Mvc;

namespace Ballistics.Api.Tests;

/// <summary>The API's problems in the caller's language: Accept-Language first, else the key's country; codes and field names as they are.</summary>
[TestFixture]
public sealed class ApiLanguageTests
{
    private static async Task<(HttpResponseMessage Response, ProblemDetails Problem)> Get(HttpClient client, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await client.SendAsync(request);
        return (response, (await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json))!);
    }

    [TestCase("MX", null, "es-MX", "No existe el indicio")]
    [TestCase("US", null, "en-US", "No such evidence")]
    [TestCase("US", "es-419,es;q=0.9", "es-MX", "No existe el indicio")]
    [TestCase("MX", "fr-FR, en;q=0.5", "en-US", "No such evidence")]
    [TestCase("MX", "en;q=0, es;q=0.3", "es-MX", "No existe el indicio")]
    public async Task Problem_LanguageOfHeaderElseKeyCountry_TitleAndDetailInIt(string country, string? acceptLanguage, string expectedTag, string expectedTitle)
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client("lab", "Lab", country);

        var (response, problem) = await Get(client, "/v1/evidence/999", acceptLanguage);
        using var _ = response;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { expectedTag }));
        Assert.That(problem.Title, Is.EqualTo(expectedTitle));
        Assert.That(problem.Detail, Does.Contain("999"));
        Assert.That(response.Headers.Vary, Does.Contain("Accept-Language"));
    }

    [Test]
    public async Task Problem_NoKeyWithSpanishHeader_FrameworkProblemInSpanish()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        var (response, problem) = await Get(client, "/v1/me", "es-MX");
        using var _ = response;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(problem.Title, Is.EqualTo("Sin sesión iniciada"));
        Assert.That(problem.Detail, Does.Contain("Authorization: Bearer"));
    }

    [Test]
    public async Task Problem_FieldRefusedInSpanish_FieldNameUnchangedAndAuditInEnglish()
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client("analyst", "SESNSP", "MX");

        using var response = await client.PostAsJsonAsync(new Uri("/v1/jobs/correlation", UriKind.Relative), new { all = true, leads = 0 });
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Title, Is.EqualTo("Trabajo no válido"));
        Assert.That(problem.Detail, Is.EqualTo("entre 1 y 50 (se recibió 0)"));
        Assert.That(problem.Extensions["field"]?.ToString(), Is.EqualTo("leads"));
        Assert.That(factory.Audit().Last().Event.Detail, Is.EqualTo("leads: between 1 and 50 (got 0)"), "the audit log keeps one language");
    }

    [Test]
    public async Task Problem_PagingRefusedWithSpanishHeader_InSpanish()
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client("admin", "ATF", "US");

        var (response, problem) = await Get(client, "/v1/audit?limit=0", "es");
        using var _ = response;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.Title, Is.EqualTo("Paginación no válida"));
        Assert.That(problem.Detail, Does.StartWith("after debe ser al menos 0 y limit entre 1 y"));
    }

    [Test]
    public void Catalog_EveryTextInBothLanguages_NoProblems() =>
        Assert.That(ApiTexts.Catalog.Problems(), Is.Empty);
}
