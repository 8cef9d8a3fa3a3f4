using System.Net.Http.Json;
using Ballistics.Api.Evidence;
using Ballistics.Api.Review;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class ReviewApiTests
{
    [TestCase("reviewer", new[] { "lead", "rejected" })]
    [TestCase("examiner", new[] { "lead", "confirmed", "rejected" })]
    [TestCase("analyst", new string[0])]
    public async Task Me_Role_StepsItMayTake(string role, string[] steps)
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client(role, "FGJ Sonora", "MX");

        var me = await client.GetFromJsonAsync<CallerView>("/v1/me", ApiFactory.Json);

        Assert.That((me!.Role, me.Agency, me.Country), Is.EqualTo((role, "FGJ Sonora", "MX")));
        Assert.That(me.ReviewSteps, Is.EqualTo(steps));
    }

    [Test]
    public async Task Queue_AfterSubmissions_ItemWithLeadsCountedByStatus()
    {
        var (factory, lead) = await LeadsApiTests.OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer", "FGJ Sonora", "MX");
        (await reviewer.PostAsJsonAsync($"/v1/leads/{lead.Id}/review", new ReviewRequest("lead", null), ApiFactory.Json)).Dispose();

        var queue = await reviewer.GetFromJsonAsync<QueueEntryView[]>("/v1/review/queue", ApiFactory.Json);

        var entry = queue!.Single(e => e.Evidence.FirearmId == "SEIZED-MX-0042");
        Assert.That((entry.Candidates, entry.Leads, entry.Confirmed, entry.Rejected), Is.EqualTo((0, 1, 0, 0)));
    }

    [Test]
    public async Task Queue_BorderClosed_OtherCountrysEvidenceLeftOut()
    {
        await using var factory = new ApiFactory(crossBorder: false);
        using var lab = factory.Client("lab", "FGJ Sonora", "MX");
        await EvidenceApiTests.Submit(lab, "fadul_1-1_processed", """{"incident_id": "MX-SON-0007"}""");
        await EvidenceApiTests.Submit(lab, "fadul_1-2_processed", """{"incident_id": "MX-SON-0099"}""");
        using var mexican = factory.Client("reviewer", "FGJ Sonora", "MX");
        using var american = factory.Client("reviewer", "ATF", "US");

        var seen = await mexican.GetFromJsonAsync<QueueEntryView[]>("/v1/review/queue", ApiFactory.Json);
        var unseen = await american.GetFromJsonAsync<QueueEntryView[]>("/v1/review/queue", ApiFactory.Json);

        Assert.That(seen!.Select(e => e.Evidence.IncidentId), Does.Contain("MX-SON-0099"));
        Assert.That(unseen, Is.Empty);
    }

    [Test]
    public async Task GetLead_AfterReview_BothItemsAndHistory()
    {
        var (factory, lead) = await LeadsApiTests.OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer", "FGJ Sonora", "MX");
        (await reviewer.PostAsJsonAsync($"/v1/leads/{lead.Id}/review", new ReviewRequest("lead", "same marks at 2 o'clock"), ApiFactory.Json)).Dispose();

        var detail = await reviewer.GetFromJsonAsync<LeadDetail>($"/v1/leads/{lead.Id}", ApiFactory.Json);

        Assert.That(detail!.Lead.Status, Is.EqualTo("lead"));
        Assert.That((detail.Evidence.FirearmId, detail.Candidate.IncidentId), Is.EqualTo(("SEIZED-MX-0042", "MX-SON-0007")));
        Assert.That(detail.History.Single().Note, Is.EqualTo("same marks at 2 o'clock"));
        Assert.That(detail.NextSteps, Is.Empty, "a reviewer leaves a lead to the examiners");
        using var examiner = factory.Client("examiner", "FGJ Sonora", "MX");
        Assert.That((await examiner.GetFromJsonAsync<LeadDetail>($"/v1/leads/{lead.Id}", ApiFactory.Json))!.NextSteps, Is.EqualTo(new[] { "confirmed", "rejected" }));
    }
}
