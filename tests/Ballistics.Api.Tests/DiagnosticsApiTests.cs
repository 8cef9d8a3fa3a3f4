using System.Net;
using System.Net.Http.Json;
using Ballistics.Api.Review;
using Microsoft.AspNetCore.Mvc;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class DiagnosticsApiTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Test]
    public async Task Describe_Lead_SameFiguresAsStoredAndEveryPictureServed()
    {
        var (factory, lead) = await LeadsApiTests.OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer", "FGJ Sonora", "MX");

        var view = await reviewer.GetFromJsonAsync<DiagnosticsView>($"/v1/leads/{lead.Id}/diagnostics", ApiFactory.Json);

        Assert.That(view!.SameAsStored, Is.True, $"the comparison made again is the one the search stored: {view.Stored} against {view.Recomputed}");
        Assert.That(view.Recomputed.Score, Is.EqualTo(lead.Score).Within(1e-9));
        Assert.That(view.Recomputed.ThetaDeg, Is.EqualTo(lead.ThetaDeg).Within(1e-9));
        Assert.That(view.Cells.Count(c => c.Direction == "forward" && c.Congruent), Is.EqualTo(view.ForwardCmc));
        Assert.That(view.Cells.Where(c => !c.Found).Select(c => c.Ccf), Has.All.Null, "no match, no correlation (JSON has no NaN)");
        Assert.That(view.Images.Select(i => i.Name), Is.EqualTo(Engine.Diagnostics.ComparisonDiagnostics.ImageNames.Concat(Engine.Diagnostics.ComparisonDiagnostics.RegionImageNames)), "the six pictures and the region compared over each scan as submitted");
        foreach (var image in view.Images)
        {
            using var response = await reviewer.GetAsync(image.Url);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"), image.Name);
            Assert.That(bytes.Take(8), Is.EqualTo(PngSignature), image.Name);
        }
    }

    [Test]
    public async Task Picture_UnknownName_NotFoundNamingThePictures()
    {
        var (factory, lead) = await LeadsApiTests.OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer");

        using var response = await reviewer.GetAsync($"/v1/leads/{lead.Id}/diagnostics/secret.png");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(problem!.Detail, Does.Contain("'secret' is none of reference, target, aligned, overlay, cells, difference"));
    }

    [Test]
    public async Task Describe_InvestigatorOfAnotherAgency_NotFound()
    {
        var (factory, lead) = await LeadsApiTests.OneLead();
        await using var _ = factory;
        using var investigator = factory.Client("investigator", "ATF", "US");

        using var described = await investigator.GetAsync($"/v1/leads/{lead.Id}/diagnostics");
        using var picture = await investigator.GetAsync($"/v1/leads/{lead.Id}/diagnostics/cells.png");

        Assert.That((described.StatusCode, picture.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)), "another agency's evidence is not shown, in pictures either");
    }

    [Test]
    public async Task Describe_PreparedScanGone_ConflictNamingTheReason()
    {
        var (factory, lead) = await LeadsApiTests.OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer");
        // The candidate's original and its cached preparation both gone: nothing to compare any more.
        foreach (var path in Directory.EnumerateFiles(Path.Combine(factory.StorePath, "blobs"), "*", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(Path.Combine(factory.StorePath, "cache"), "*", SearchOption.AllDirectories)))
        {
            File.Delete(path);
        }

        using var response = await reviewer.GetAsync($"/v1/leads/{lead.Id}/diagnostics");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(problem!.Detail, Does.StartWith("the comparison cannot be made again: "));
    }

    [Test]
    public async Task DescribePair_LeadOrBatchResult_ServedAndUnscoredPairRefused()
    {
        var (factory, lead) = await LeadsApiTests.OneLead();
        await using var _ = factory;
        using var reviewer = factory.Client("reviewer");
        var (testFire, crimeScene) = factory.WithStore(s => (s.Leads.Get(lead.Id)!.EvidenceId, s.Leads.Get(lead.Id)!.CandidateId));

        var asLead = await reviewer.GetFromJsonAsync<DiagnosticsView>($"/v1/pairs/{testFire}/{crimeScene}/diagnostics", ApiFactory.Json);
        using var unscored = await reviewer.GetAsync($"/v1/pairs/{crimeScene}/{testFire}/diagnostics");
        // A batch job then ranks the test fire among the crime scene's leads, the other way round.
        factory.WithStore(s =>
        {
            var (job, _) = s.Correlations.StartOrResume(null, 10, 5, "out.csv", "test/9");
            s.Correlations.Complete(job, crimeScene, 1, [new Store.Scans.CorrelationLead(crimeScene, 1, testFire, 0.5, 0.3, 7, 0.4, 23, -90, -77)]);
            return job;
        });
        var asBatch = await reviewer.GetFromJsonAsync<DiagnosticsView>($"/v1/pairs/{crimeScene}/{testFire}/diagnostics", ApiFactory.Json);
        using var picture = await reviewer.GetAsync(asBatch!.Images[0].Url);

        Assert.That((asLead!.Lead?.Id, asLead.SameAsStored), Is.EqualTo(((long?)lead.Id, true)));
        Assert.That(unscored.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "pairs nothing scored are not compared on request");
        Assert.That((asBatch.Lead, asBatch.Stored.Score, asBatch.Stored.AlgorithmVersion, asBatch.SameAsStored), Is.EqualTo(((Evidence.LeadView?)null, 0.5, "test/9", false)));
        Assert.That(asBatch.Images[0].Url, Is.EqualTo($"/v1/pairs/{crimeScene}/{testFire}/diagnostics/reference.png"));
        Assert.That(picture.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
    }
}
