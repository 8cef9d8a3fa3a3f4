using System.Net;
using System.Net.Http.Json;
using Ballistics.Api.Evidence;
using Microsoft.AspNetCore.Mvc;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class LeadsApiTests
{
    /// <summary>A store with a crime-scene scan on file and a test fire of a seized pistol submitted against it: its first lead.</summary>
    internal static async Task<(ApiFactory Factory, LeadView Lead)> OneLead()
    {
        var factory = new ApiFactory();
        using var lab = factory.Client("lab", "FGJ Sonora", "MX");
        await EvidenceApiTests.Submit(lab, "fadul_1-1_processed", """{"incident_id": "MX-SON-0007", "mx_state": "SON"}""");
        var testFire = await EvidenceApiTests.Submit(lab, "fadul_1-2_processed", """{"kind": "test_fire", "firearm_id": "SEIZED-MX-0042", "incident_id": "MX-SON-0099"}""");
        return (factory, testFire.Leads[0]);
    }

    private static Uri Review(long id) => new($"/v1/leads/{id}/review", UriKind.Relative);

    [Test]
    public async Task Review_TestFireWithoutIncidentConfirmed_LinksItsFirearmToTheCrimeScene()
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab", "FGJ Sonora", "MX");
        await EvidenceApiTests.Submit(lab, "fadul_1-1_processed", """{"incident_id": "MX-SON-0007"}""");
        var testFire = await EvidenceApiTests.Submit(lab, "fadul_1-2_processed", """{"kind": "test_fire", "firearm_id": "SEIZED-MX-0042"}""");
        using var examiner = factory.Client("examiner", "FGJ Sonora", "MX");
        var id = testFire.Leads[0].Id;

        (await examiner.PostAsJsonAsync(Review(id), new ReviewRequest("lead", null), ApiFactory.Json)).Dispose();
        using var confirmed = await examiner.PostAsJsonAsync(Review(id), new ReviewRequest("confirmed", null), ApiFactory.Json);
        var body = await confirmed.Content.ReadFromJsonAsync<ReviewedLead>(ApiFactory.Json);

        Assert.That(body!.Links, Is.EqualTo(new[] { new HitLink("firearm", "SEIZED-MX-0042", "incident", "MX-SON-0007") }));
    }

    [Test]
    public async Task Review_CandidateToLeadToConfirmed_HitLinksIncidentAndFirearm()
    {
        var (factory, lead) = await OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer", "FGJ Sonora", "MX");
        using var examiner = factory.Client("examiner", "FGJ Sonora", "MX");

        using var promoted = await reviewer.PostAsJsonAsync(Review(lead.Id), new ReviewRequest("lead", "consistent breech-face marks"), ApiFactory.Json);
        using var confirmed = await examiner.PostAsJsonAsync(Review(lead.Id), new ReviewRequest("confirmed", "identified under the comparison microscope"), ApiFactory.Json);
        var body = await confirmed.Content.ReadFromJsonAsync<ReviewedLead>(ApiFactory.Json);

        Assert.That((promoted.StatusCode, confirmed.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(body!.Lead.Status, Is.EqualTo("confirmed"));
        Assert.That(body.History.Select(h => (h.FromStatus, h.ToStatus, h.Role)), Is.EqualTo(new[] { ("candidate", "lead", "reviewer"), ("lead", "confirmed", "examiner") }));
        Assert.That(body.History[1].Note, Is.EqualTo("identified under the comparison microscope"));
        Assert.That(body.Links, Does.Contain(new HitLink("incident", "MX-SON-0099", "incident", "MX-SON-0007")));
    }

    [Test]
    public async Task Review_ReviewerConfirms_ForbiddenAndUnchanged()
    {
        var (factory, lead) = await OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer");
        (await reviewer.PostAsJsonAsync(Review(lead.Id), new ReviewRequest("lead", null), ApiFactory.Json)).Dispose();

        using var response = await reviewer.PostAsJsonAsync(Review(lead.Id), new ReviewRequest("confirmed", null), ApiFactory.Json);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(problem!.Detail, Does.Contain("examiners"));
        Assert.That(factory.WithStore(s => s.Leads.Get(lead.Id))!.Status, Is.EqualTo("lead"));
        Assert.That(factory.Audit().Last().Event.Outcome, Is.EqualTo("denied"));
    }

    [TestCase("confirmed", HttpStatusCode.Conflict)]
    [TestCase("maybe", HttpStatusCode.BadRequest)]
    [TestCase("", HttpStatusCode.BadRequest)]
    public async Task Review_NotANextStep_RefusedWithTheReason(string status, HttpStatusCode expected)
    {
        var (factory, lead) = await OneLead();
        await using var _ = factory;
        using var examiner = factory.Client("examiner");

        using var response = await examiner.PostAsJsonAsync(Review(lead.Id), new ReviewRequest(status, null), ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(expected), "a candidate is made a lead before it is confirmed");
        Assert.That(factory.WithStore(s => s.Leads.History(lead.Id)), Is.Empty);
    }

    [Test]
    public async Task Review_MalformedJson_BadRequestNotServerError()
    {
        var (factory, lead) = await OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer");

        using var response = await reviewer.PostAsync(Review(lead.Id), new StringContent("{\"status\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((factory.Audit().Last().Event.Outcome, factory.Audit().Last().Event.Status), Is.EqualTo(("rejected", 400)));
    }

    [TestCase("lab")]
    [TestCase("investigator")]
    [TestCase("analyst")]
    [TestCase("admin")]
    public async Task Review_RoleThatDoesNotReview_Forbidden(string role)
    {
        var (factory, lead) = await OneLead();
        await using var _ = factory;
        using var client = factory.Client(role);

        using var response = await client.PostAsJsonAsync(Review(lead.Id), new ReviewRequest("lead", null), ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Review_NoSuchLead_NotFound()
    {
        await using var factory = new ApiFactory();
        using var reviewer = factory.Client("reviewer");

        using var response = await reviewer.PostAsJsonAsync(Review(77), new ReviewRequest("lead", null), ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
