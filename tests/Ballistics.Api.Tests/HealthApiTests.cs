using System.Net;
using System.Net.Http.Json;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class HealthApiTests
{
    [Test]
    public async Task GetHealth_WithoutKey_OkAndNotAudited()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/v1/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<HealthStatus>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body!.Status, Is.EqualTo("ok"));
        Assert.That(factory.Audit(), Is.Empty, "a liveness probe is not an access to records");
    }

    [Test]
    public async Task GetUnknownRoute_NotFoundProblemAndAudited()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/v1/nothing-here", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(factory.Audit().Single().Event.Outcome, Is.EqualTo("rejected"));
    }
}
