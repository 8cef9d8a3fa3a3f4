using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ballistics.Api.Evidence;
using Ballistics.Testing;
using Microsoft.AspNetCore.Mvc;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class EvidenceApiTests
{
    private static readonly Uri Evidence = new("/v1/evidence", UriKind.Relative);

    /// <summary>A multipart submission of a shared real scan, with metadata JSON (null: no metadata part).</summary>
    internal static MultipartFormDataContent Upload(string name, string? metadata, byte[]? bytes = null, string? fileName = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes ?? File.ReadAllBytes(SharedData.X3p($"cartridge/{name}.x3p")));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName ?? $"{name}.x3p");
        if (metadata is not null)
        {
            content.Add(new StringContent(metadata), "metadata");
        }

        return content;
    }

    internal static async Task<EvidenceWithLeads> Submit(HttpClient client, string name, string metadata)
    {
        using var upload = Upload(name, metadata);
        using var response = await client.PostAsync(Evidence, upload);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EvidenceWithLeads>(ApiFactory.Json))!;
    }

    [Test]
    public async Task Submit_ScansOfOneSource_CreatedWithTheMateFirst()
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab", "ATF NIBIN Lab", "US");
        await Submit(lab, "triplet_x3p1_processed", """{"incident_id": "US-TX-0001", "caliber": "9mm Luger"}""");
        await Submit(lab, "fadul_1-1_processed", """{"incident_id": "US-TX-0002", "kind": "evidence", "us_state": "TX", "date": "2026-03-14"}""");
        await Submit(lab, "baldwin_K013sA1_processed", """{"incident_id": "US-TX-0003"}""");

        using var upload = Upload("fadul_1-2_processed", """{"incident_id": "US-AZ-0004", "exhibit_id": "AZ-4-CC1"}""");
        using var response = await lab.PostAsync(Evidence, upload);
        var body = await response.Content.ReadFromJsonAsync<EvidenceWithLeads>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/evidence/{body!.Evidence.Id}"));
        Assert.That((body.Evidence.ExhibitId, body.Evidence.Agency, body.Evidence.Country, body.Evidence.IncidentId), Is.EqualTo(("AZ-4-CC1", "ATF NIBIN Lab", "US", "US-AZ-0004")));
        Assert.That(body.Leads, Has.Count.EqualTo(3));
        Assert.That(body.Leads[0].CandidateExhibitId, Is.EqualTo("fadul_1-1_processed"));
        Assert.That(body.Leads[0].CandidateIncidentId, Is.EqualTo("US-TX-0002"));
        Assert.That(body.Leads[0].Score, Is.GreaterThan(body.Leads[1].Score));
        Assert.That(body.Leads.Select(l => l.Status), Is.All.EqualTo("candidate"));
        Assert.That(body.Search!.AlgorithmVersion, Does.Contain("compare/"));

        var stored = await lab.GetFromJsonAsync<IReadOnlyList<LeadView>>(new Uri($"/v1/evidence/{body.Evidence.Id}/leads", UriKind.Relative), ApiFactory.Json);
        var item = await lab.GetFromJsonAsync<EvidenceView>(new Uri($"/v1/evidence/{body.Evidence.Id}", UriKind.Relative), ApiFactory.Json);
        Assert.That(stored!.Select(l => l.Id), Is.EqualTo(body.Leads.Select(l => l.Id)));
        Assert.That(item!.Sha256, Is.EqualTo(body.Evidence.Sha256));
    }

    [Test]
    public async Task Submit_SameFileConcurrently_OneItem()
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var upload = Upload("triplet_x3p2_processed", "{}");
            using var response = await lab.PostAsync(Evidence, upload);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<EvidenceWithLeads>(ApiFactory.Json));
        }));

        Assert.That(responses.Select(r => r.Body!.Evidence.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), "one created, the others found it on file");
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.EqualTo(1));
    }

    [Test]
    public async Task Submit_DifferentFilesConcurrently_EachStoredWithOneEntryCommittedWithIt()
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab");
        var names = new[] { "triplet_x3p1_processed", "fadul_1-1_processed", "fadul_1-2_processed" };

        var bodies = await Task.WhenAll(names.Select(name => Submit(lab, name, "{}")));

        Assert.That(factory.WithStore(s => s.Scans.Count), Is.EqualTo(3));
        var entries = factory.Audit().Where(e => e.Event.Action == "SubmitEvidence").ToArray();
        Assert.That(entries.Select(e => (e.Event.Status, e.Event.Outcome)), Is.All.EqualTo((201, "allowed")));
        Assert.That(entries.Select(e => e.Event.Detail), Is.EquivalentTo(bodies.Select(b => $"stored as item {b.Evidence.Id}")), "one entry per upload, written with its item");
        Assert.That(factory.WithStore(s => s.Audit.Verify()).Intact, Is.True);
    }

    [TestCase("metadata", "not json", "metadata")]
    [TestCase("metadata", "[1, 2]", "metadata")]
    [TestCase("metadata", """{"colour": "red"}""", "metadata.colour")]
    [TestCase("metadata", """{"caliber": {"mm": 9}}""", "metadata.caliber")]
    [TestCase("metadata", """{"country": "MX"}""", "metadata.country")]
    [TestCase("metadata", """{"agency": "Another Lab"}""", "metadata.agency")]
    [TestCase("metadata", """{"kind": "shell"}""", "metadata.kind")]
    [TestCase("metadata", """{"date": "31/31/2026"}""", "metadata.date")]
    [TestCase("file", "garbage", "file")]
    [TestCase("file", "png", "file")]
    [TestCase("file", "empty", "file")]
    public async Task Submit_Malformed_BadRequestNamingTheFieldAndNothingStored(string part, string value, string field)
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab");
        using var upload = part == "metadata" ? Upload("fadul_1-1_processed", value)
            : value == "garbage" ? Upload("fadul_1-1_processed", "{}", bytes: [.. "PK\u0003\u0004 not really a zip"u8])
            : value == "png" ? Upload("fadul_1-1_processed", "{}", fileName: "cartridge.png")
            : Upload("fadul_1-1_processed", "{}", bytes: []);

        using var response = await lab.PostAsync(Evidence, upload);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo(field), problem.Detail);
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.Zero);
        Assert.That(factory.Audit().Single().Event.Outcome, Is.EqualTo("rejected"));
    }

    [Test]
    public async Task Submit_ScanWithoutRelief_BadRequestSayingSoAndNothingStored()
    {
        // The all-zero upload of the hostile-input issue, small: refused with a reason before any work on it.
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab");
        var flat = new Engine.Surfaces.Surface(600, 600, 6.25, 6.25, new float[600 * 600]);
        using var bytes = new MemoryStream();
        Ingest.X3p.X3pWriter.Write(flat, bytes);

        using var upload = Upload("flat", "{}", bytes: bytes.ToArray(), fileName: "flat.x3p");
        using var response = await lab.PostAsync(Evidence, upload);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Detail, Does.Contain("no usable relief"));
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.Zero);
    }

    [TestCase("overlong")]
    [TestCase("not utf-8")]
    public async Task Submit_OverlongOrUndecodableMetadataValue_BadRequestNamingTheFieldAndNothingStored(string problemCase)
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab");
        using var upload = Upload("fadul_1-1_processed", metadata: null);
        byte[] metadata = problemCase == "overlong"
            ? System.Text.Encoding.UTF8.GetBytes($$"""{"exhibit_id": "{{new string('E', 10_000)}}"}""")
            : [.. "{\"exhibit_id\": \"E-"u8, 0xFF, 0xFE, .. "\"}"u8];
        upload.Add(new ByteArrayContent(metadata), "metadata");

        using var response = await lab.PostAsync(Evidence, upload);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo("metadata.exhibit_id"), problem.Detail);
        Assert.That(problem.Detail, Does.Contain(problemCase == "overlong" ? "longer than" : "UTF-8"));
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.Zero);
    }

    [Test]
    public async Task Submit_BrokenMultipartOrOverTheLimit_BadRequestOrTooLargeNotServerError()
    {
        await using var factory = new ApiFactory(maxRequestBytes: 4096);
        using var lab = factory.Client("lab");
        using var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.x3p\"\r\n\r\nno closing boundary");
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        using var large = Upload("fadul_1-1_processed", "{}");

        using var first = await lab.PostAsync(Evidence, broken);
        using var second = await lab.PostAsync(Evidence, large);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), "a scan over the configured limit");
        Assert.That(factory.Audit().Select(e => e.Event.Outcome), Is.All.EqualTo("rejected"));
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.Zero);
    }

    [Test]
    public async Task Submit_NotMultipart_BadRequest()
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab");

        using var response = await lab.PostAsync(Evidence, JsonContent.Create(new { file = "x" }));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo("body"));
    }

    [TestCase("reviewer")]
    [TestCase("examiner")]
    [TestCase("investigator")]
    [TestCase("analyst")]
    public async Task Submit_RoleThatDoesNotSubmit_Forbidden(string role)
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client(role);
        using var upload = Upload("fadul_1-1_processed", "{}");

        using var response = await client.PostAsync(Evidence, upload);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.Zero);
    }

    [TestCase(true, "lab", "FGJ Sonora", "MX", HttpStatusCode.OK)]
    [TestCase(false, "lab", "FGJ Sonora", "MX", HttpStatusCode.NotFound)]
    [TestCase(false, "lab", "Other US Lab", "US", HttpStatusCode.OK)]
    [TestCase(true, "investigator", "HSI El Paso", "US", HttpStatusCode.NotFound)]
    [TestCase(true, "investigator", "ATF NIBIN Lab", "US", HttpStatusCode.OK)]
    [TestCase(true, "analyst", "SESNSP", "MX", HttpStatusCode.OK)]
    [TestCase(false, "examiner", "FGJ Sonora", "MX", HttpStatusCode.NotFound)]
    [TestCase(true, "examiner", "FGJ Sonora", "MX", HttpStatusCode.OK)]
    public async Task GetEvidence_SharingRules_SeenOrNotFound(bool crossBorder, string role, string agency, string country, HttpStatusCode expected)
    {
        await using var factory = new ApiFactory(crossBorder: crossBorder);
        using var lab = factory.Client("lab", "ATF NIBIN Lab", "US");
        var submitted = await Submit(lab, "triplet_x3p1_processed", "{}");
        using var client = factory.Client(role, agency, country);

        using var item = await client.GetAsync(new Uri($"/v1/evidence/{submitted.Evidence.Id}", UriKind.Relative));
        using var leads = await client.GetAsync(new Uri($"/v1/evidence/{submitted.Evidence.Id}/leads", UriKind.Relative));

        Assert.That((item.StatusCode, leads.StatusCode), Is.EqualTo((expected, expected)));
    }

    [Test]
    public async Task GetEvidence_NoSuchItem_NotFoundProblem()
    {
        await using var factory = new ApiFactory();
        using var admin = factory.Client("admin");

        using var response = await admin.GetAsync(new Uri("/v1/evidence/999", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Submit_CrossBorderSharingOff_LeadsOnlyFromTheOwnCountry()
    {
        await using var factory = new ApiFactory(crossBorder: false);
        using var usLab = factory.Client("lab", "ATF NIBIN Lab", "US");
        using var mxLab = factory.Client("lab", "FGJ Sonora", "MX");
        await Submit(mxLab, "fadul_1-1_processed", "{}");
        await Submit(usLab, "triplet_x3p1_processed", "{}");

        var submitted = await Submit(usLab, "fadul_1-2_processed", "{}");

        Assert.That(submitted.Leads.Select(l => l.CandidateCountry), Is.All.EqualTo("US"), "the Mexican mate stays with Mexico");
    }
}
