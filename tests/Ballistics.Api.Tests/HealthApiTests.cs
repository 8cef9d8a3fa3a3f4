using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class HealthApiTests
{
    [Test]
    public async Task GetHealth_ReturnsOk()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/v1/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<HealthStatus>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body!.Status, Is.EqualTo("ok"));
    }

    [Test]
    public async Task GetUnknownRoute_IsNotFound()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/v1/nothing-here", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
