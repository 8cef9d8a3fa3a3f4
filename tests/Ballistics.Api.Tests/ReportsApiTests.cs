using System.Net;
using System.Text.Json;
using Ballistics.Api.Reports;
using Ballistics.Reports;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class ReportsApiTests
{
    private static readonly Uri Report = new("/v1/reports/trafficking", UriKind.Relative);

    /// <summary>
    /// The linkage story (a Sonora shooting linked by a confirmed hit to a pistol seized in Sonora, sold in Texas to a
    /// purchaser who bought two) with the pistol's trace request: the page holds the figures and the disclaimer, embeds
    /// its plots, and names no one.
    /// </summary>
    [Test]
    public async Task GetTrafficking_Analyst_SelfContainedHtmlWithDisclaimerAndNoPersonalData()
    {
        await using var factory = await LinkageApiTests.Story();
        TestSales.IngestTraces(factory, TestSales.TraceOfCarterSig);
        using var analyst = factory.Client("analyst");

        using var response = await analyst.GetAsync(Report);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(ReportsApi.ContentSecurityPolicy));
        Assert.That(html, Does.Contain(TraffickingReport.Disclaimer(Ballistics.Reports.Texts.Language.English)));
        Assert.That(html, Does.Contain("data:image/png;base64,"));
        Assert.That(html, Does.Not.Contain("src=\"http").And.Not.Contain("<link").And.Not.Contain("<script"), "nothing fetched from elsewhere");
        Assert.That(html, Does.Contain("5-74-215-02-5F-13307").And.Contain("Rio Grande Pawn &amp; Gun"), "the source dealer, by licence and name");
        Assert.That(html, Does.Contain("1 networks from 1 confirmed hits"));
        Assert.That(html, Does.Contain("<tr><td>median (days)</td><td>172</td></tr>"), "sold 2023-11-11, recovered 2024-05-01");
        foreach (var personal in new[] { "James Carter", "Carter", "1997-07-14", "DL2100001", "OU0001684", "BXK221", "Pedro Gil" })
        {
            Assert.That(html, Does.Not.Contain(personal));
        }

        Assert.That(factory.Audit().Last().Event, Has.Property("Action").EqualTo("GetTraffickingReport").And.Property("Outcome").EqualTo("allowed"));
    }

    [Test]
    public async Task GetTrafficking_AdminAsJson_TheFigures()
    {
        await using var factory = await LinkageApiTests.Story();
        using var admin = factory.Client("admin");

        using var response = await admin.GetAsync(new Uri(Report + "?format=json", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var root = json.RootElement;
        Assert.That(root.GetProperty("seizure_reports").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("transactions").GetInt32(), Is.EqualTo(2));
        Assert.That(root.GetProperty("networks").GetProperty("confirmed_hits").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("multiple_sales").GetProperty("purchasers_by_sales")[1].GetProperty("count").GetInt32(), Is.EqualTo(1), "one purchaser bought two");
    }

    [TestCase("lab")]
    [TestCase("reviewer")]
    [TestCase("examiner")]
    [TestCase("investigator")]
    public async Task GetTrafficking_OtherRoles_Forbidden(string role)
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client(role);

        using var response = await client.GetAsync(Report);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task GetTrafficking_NoKey_Unauthorized()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Report);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task GetTrafficking_EmptyStore_PageSaysSo()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst");

        var html = await analyst.GetStringAsync(Report);

        Assert.That(html, Does.Contain("nothing to report yet").And.Contain(TraffickingReport.Disclaimer(Ballistics.Reports.Texts.Language.English)));
        Assert.That(html, Does.Not.Contain("<img"));
    }

    [Test]
    public async Task GetTrafficking_UnknownFormat_BadRequestNamingFormat()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst");

        using var response = await analyst.GetAsync(new Uri(Report + "?format=pdf", UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.RootElement.GetProperty("field").GetString(), Is.EqualTo("format"));
    }

    [Test]
    public async Task OpenApi_TraffickingReport_HtmlJsonAndRefusalsDeclared()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var responses = document.RootElement.GetProperty("paths").GetProperty("/v1/reports/trafficking").GetProperty("get").GetProperty("responses");
        Assert.That(responses.EnumerateObject().Select(r => r.Name), Is.EquivalentTo(new[] { "200", "400", "401", "403", "429" }));
        Assert.That(responses.GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "text/html", "application/json" }));
    }
}
