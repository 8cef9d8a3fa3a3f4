using System.Net;
using System.Net.Http.Json;
using Ballistics.Intelligence.Linkage;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class LinkageApiTests
{
    private static readonly Uri Linkage = new("/v1/firearms/SEIZED-42/linkage", UriKind.Relative);

    /// <summary>
    /// The post-seizure story in small: a cartridge case from a Sonora shooting on file; a pistol seized later in Sonora is
    /// test-fired and submitted; its lead to the shooting is reviewed and confirmed; the pistol was sold in Texas to a
    /// purchaser who bought another one the same day.
    /// </summary>
    /// <param name="first">Done before anything of the story is filed (another agency's records, say).</param>
    internal static async Task<ApiFactory> Story(Func<ApiFactory, Task>? first = null)
    {
        var factory = new ApiFactory();
        TestSales.Ingest(factory, TestSales.CarterSig, TestSales.CarterGlock);
        if (first is not null)
        {
            await first(factory);
        }

        using var lab = factory.Client("lab", "FGJ Sonora", "MX");
        await EvidenceApiTests.Submit(lab, "fadul_1-1_processed", """{"incident_id": "MX-SON-0007", "mx_state": "SON", "date": "2024-03-02"}""");
        var testFire = await EvidenceApiTests.Submit(lab, "fadul_1-2_processed", """{"kind": "test_fire", "firearm_id": "SEIZED-42", "exhibit_id": "SEIZED-42-TF1"}""");
        using var seizure = await lab.PostAsJsonAsync(new Uri("/v1/seizures", UriKind.Relative), new Dictionary<string, string>
        {
            ["folio del evento"] = "MX-SON-0099", ["serie"] = "OU0001684", ["marca"] = "Sig Sauer", ["modelo"] = "P226", ["calibre"] = "9mm Luger",
            ["tipo de arma"] = "Pistola", ["fecha de aseguramiento"] = "2024-05-01", ["pais"] = "MX", ["entidad federativa"] = "Sonora", ["municipio"] = "Nogales",
            ["casquillos"] = "SEIZED-42-TF1",
        });
        Assert.That(seizure.StatusCode, Is.EqualTo(HttpStatusCode.Created), await seizure.Content.ReadAsStringAsync());
        var lead = testFire.Leads[0].Id;
        using var reviewer = factory.Client("reviewer", "FGJ Sonora", "MX");
        using var examiner = factory.Client("examiner", "FGJ Sonora", "MX");
        (await reviewer.PostAsJsonAsync(new Uri($"/v1/leads/{lead}/review", UriKind.Relative), new { status = "lead" })).Dispose();
        (await examiner.PostAsJsonAsync(new Uri($"/v1/leads/{lead}/review", UriKind.Relative), new { status = "confirmed" })).Dispose();
        return factory;
    }

    [Test]
    public async Task FirearmLinkage_SeizingAgencyInvestigator_HitTraceAndPurchaserFirearms()
    {
        await using var factory = await Story();
        using var investigator = factory.Client("investigator", "FGJ Sonora", "MX");
        using var request = new HttpRequestMessage(HttpMethod.Get, Linkage);
        request.Headers.Add("Case-Number", "FGJ-SON-2026-7");
        request.Headers.Add("Purpose", "post-seizure linkage");

        using var response = await investigator.SendAsync(request);
        var graph = await response.Content.ReadFromJsonAsync<LinkageGraph>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(graph!.Leads.Select(l => l.Kind), Is.EqualTo(new[] { "hit", "multiple_sale", "time_to_crime", "purchaser_firearm" }));
        Assert.That(graph.Leads[1].Why, Does.Contain("compró 2 armas"), "a Mexican key reads why in Spanish");
        Assert.That((graph.Leads[1].Reason, graph.Leads[1].Facts[0]), Is.EqualTo(("multiple_sale_purchases", "2")), "the reason and its facts as they are");
        Assert.That(graph.Leads[0].Subject, Is.EqualTo("incident:MX-SON-0007"));
        Assert.That(graph.Nodes.Select(n => n.Id), Is.SupersetOf(new[] { "firearm:SEIZED-42", "incident:MX-SON-0099", "incident:MX-SON-0007", "dealer:5-74-215-02-5F-13307" }));
        Assert.That(graph.Nodes.Single(n => n.Kind == "purchaser").Label, Is.EqualTo("James Carter"));
        Assert.That(graph.Edges.Where(e => e.Kind == "hit").Select(e => e.Status), Is.EqualTo(new[] { "confirmed" }));
    }

    [Test]
    public async Task FirearmLinkage_AnotherAgencysSeizureListingTheExhibit_Ignored()
    {
        // A US lab files, before the Mexican seizure, a seizure listing the Mexican test fire with another pistol: the
        // linkage of SEIZED-42 must keep the seizing agency's firearm, serial and trace.
        await using var factory = await Story(async f =>
        {
            using var foreign = f.Client("lab", "HSI El Paso", "US");
            using var filed = await foreign.PostAsJsonAsync(new Uri("/v1/seizures", UriKind.Relative), new Dictionary<string, string>
            {
                ["folio del evento"] = "US-TX-0001", ["serie"] = "XX999999", ["marca"] = "Glock", ["modelo"] = "19", ["calibre"] = "9mm Luger",
                ["tipo de arma"] = "Pistola", ["fecha de aseguramiento"] = "2024-04-01", ["pais"] = "US", ["entidad federativa"] = "Texas", ["municipio"] = "El Paso",
                ["casquillos"] = "SEIZED-42-TF1",
            });
            Assert.That(filed.IsSuccessStatusCode, Is.True, await filed.Content.ReadAsStringAsync());
        });
        using var investigator = factory.Client("investigator", "FGJ Sonora", "MX");
        using var request = new HttpRequestMessage(HttpMethod.Get, Linkage);
        request.Headers.Add("Case-Number", "FGJ-SON-2026-7");
        request.Headers.Add("Purpose", "post-seizure linkage");

        using var response = await investigator.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var graph = System.Text.Json.JsonSerializer.Deserialize<LinkageGraph>(text, ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Not.Contain("XX999999").And.Not.Contain("US-TX-0001"));
        Assert.That(graph!.Nodes.Single(n => n.Id == "firearm:SEIZED-42").Facts["serial"], Is.EqualTo("0U0001684"));
        Assert.That(graph.Nodes.Single(n => n.Kind == "purchaser").Label, Is.EqualTo("James Carter"), "the seizing agency's investigator sees its purchaser");
    }

    [Test]
    public async Task FirearmLinkage_AnalystOrOtherAgency_PurchaserMasked()
    {
        await using var factory = await Story();
        using var analyst = factory.Client("analyst", "SESNSP", "MX");

        var text = await analyst.GetStringAsync(Linkage);

        Assert.That(text, Does.Not.Contain("James Carter").And.Not.Contain("1997-07-14"));
        Assert.That(text, Does.Contain("(masked)").And.Contain("Rio Grande Pawn"));
        // The purchaser's other firearm (the Glock, BXK221) is a purchase history even under a pseudonym.
        Assert.That(text, Does.Not.Contain("BXK221").And.Not.Contain("also_bought"));
        Assert.That(text, Does.Contain("multiple_sale"), "the indicator stays, without identities");
    }

    [Test]
    public async Task FirearmLinkagePicture_MexicanAnalyst_SvgInSpanishPurchaserMasked()
    {
        await using var factory = await Story();
        using var analyst = factory.Client("analyst", "SESNSP", "MX");

        using var response = await analyst.GetAsync(new Uri("/v1/firearms/SEIZED-42/linkage/picture", UriKind.Relative));
        var svg = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), svg);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
        var document = System.Xml.Linq.XDocument.Parse(svg);
        Assert.That(document.Root!.Name.LocalName, Is.EqualTo("svg"));
        Assert.That(svg, Does.Contain("arma asegurada").And.Contain("coincidencia confirmada").And.Contain("data-masked=\"true\""));
        Assert.That(svg, Does.Not.Contain("James Carter"), "the picture shares what the graph shares, no more");
    }

    [Test]
    public async Task IncidentLinkagePicture_UnknownIncident_NotFoundProblem()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst");

        using var response = await analyst.GetAsync(new Uri("/v1/incidents/NOPE/linkage/picture", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task FirearmLinkage_InvestigatorWithoutCaseNumber_BadRequest()
    {
        await using var factory = await Story();
        using var investigator = factory.Client("investigator", "FGJ Sonora", "MX");

        using var response = await investigator.GetAsync(Linkage);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task IncidentLinkage_ShootingConfirmedToTheSeizedPistol_HitOnTheFirearmWithItsDealer()
    {
        await using var factory = await Story();
        using var examiner = factory.Client("examiner", "FGJ Sonora", "MX");

        var graph = await examiner.GetFromJsonAsync<LinkageGraph>(new Uri("/v1/incidents/MX-SON-0007/linkage", UriKind.Relative), ApiFactory.Json);

        Assert.That(graph!.Root, Is.EqualTo("incident:MX-SON-0007"));
        Assert.That(graph.Leads.Select(l => (l.Kind, l.Subject)), Is.EqualTo(new[] { ("hit", "firearm:SEIZED-42") }));
        Assert.That(graph.Leads[0].Why, Does.Contain("Rio Grande Pawn"));
        var firearm = graph.Nodes.Single(n => n.Id == "firearm:SEIZED-42");
        Assert.That(firearm.Facts["seized_at"], Is.EqualTo("MX-SON-0099"));
        Assert.That(firearm.Facts["serial"], Is.EqualTo("0U0001684"), "the serial as NCIC writes it (letter O as zero)");
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("firearm:SEIZED-42", "incident:MX-SON-0099", "seized_at")));
    }

    [Test]
    public async Task IncidentLinkage_UnknownIncident_NotFound()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst");

        using var response = await analyst.GetAsync(new Uri("/v1/incidents/NOPE/linkage", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task FirearmLinkage_UnknownFirearm_NotFound()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst");

        using var response = await analyst.GetAsync(new Uri("/v1/firearms/NOPE/linkage", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
