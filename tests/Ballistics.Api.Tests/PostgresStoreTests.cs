using System.Net;
using System.Net.Http.Json;
using Ballistics.Api.Evidence;
using Ballistics.Api.Review;
using Ballistics.Store;
using Ballistics.Testing;

namespace Ballistics.Api.Tests;

/// <summary>The API over a shared store whose rows live in PostgreSQL: the same answers as over the embedded one.</summary>
[TestFixture]
public sealed class PostgresStoreTests
{
    [Test]
    public async Task Api_OnPostgres_SubmitReviewPicturesAndAuditAsOnTheEmbeddedStore()
    {
        using var dir = new TempDirectory();
        DataStore.CreatePostgres(dir.File("data"), PostgresTestServer.CreateDatabase()).Value.Dispose();
        await using var factory = new ApiFactory(folder: dir);
        using var lab = factory.Client("lab", "FGJ Sonora", "MX");
        using var examiner = factory.Client("examiner", "FGJ Sonora", "MX");
        using var admin = factory.Client("admin");

        await EvidenceApiTests.Submit(lab, "fadul_1-1_processed", """{"incident_id": "MX-SON-0007"}""");
        var testFire = await EvidenceApiTests.Submit(lab, "fadul_1-2_processed", """{"kind": "test_fire", "firearm_id": "SEIZED-MX-0042"}""");
        var lead = testFire.Leads[0];
        (await examiner.PostAsJsonAsync($"/v1/leads/{lead.Id}/review", new ReviewRequest("lead", null), ApiFactory.Json)).Dispose();
        using var confirmed = await examiner.PostAsJsonAsync($"/v1/leads/{lead.Id}/review", new ReviewRequest("confirmed", "microscope"), ApiFactory.Json);
        var pictures = await examiner.GetFromJsonAsync<DiagnosticsView>($"/v1/leads/{lead.Id}/diagnostics", ApiFactory.Json);
        var queue = await examiner.GetFromJsonAsync<QueueEntryView[]>("/v1/review/queue", ApiFactory.Json);
        using var verified = await admin.GetAsync("/v1/audit/verify");

        Assert.That((lead.CandidateExhibitId, lead.Cmc), Is.EqualTo(("fadul_1-1_processed", 22)), "the same lead as the embedded store's (LeadsApiTests)");
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(pictures!.SameAsStored, Is.True);
        Assert.That(queue!.Single(e => e.Evidence.FirearmId == "SEIZED-MX-0042").Confirmed, Is.EqualTo(1));
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await verified.Content.ReadAsStringAsync(), Does.Contain("\"intact\":true"));
        Assert.That(factory.WithStore(s => s.Engine), Is.EqualTo(Store.Database.StoreEngine.Postgres));
    }
}
