using System.Text;
using Ballistics.Api.Client;
using Ballistics.Api.Client.Models;
using Ballistics.Api.Client.V1.Seizures;
using Ballistics.Api.Client.V1.Traces;
using Ballistics.Testing;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Ballistics.Api.Tests;

/// <summary>
/// The demo's post-seizure story through the client Kiota generates from the OpenAPI document, nothing else: scans
/// submitted, the test fire's lead reviewed and confirmed, the seizure reported, the trace filed, the linkage read.
/// Whatever the generated client could not express would be a bug in the document.
/// </summary>
[TestFixture]
public sealed class GeneratedClientTests
{
    /// <summary>A generated client speaking for one key (the key goes in the Authorization header, as the document's scheme says).</summary>
    private sealed class Session : IDisposable
    {
        private readonly HttpClient _http;
        private readonly HttpClientRequestAdapter _adapter;

        public Session(ApiFactory factory, string role, string agency, string country)
        {
            _http = factory.CreateClient();
            _http.DefaultRequestHeaders.Authorization = new("Bearer", factory.Key(role, agency, country).Key);
            _adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: _http) { BaseUrl = _http.BaseAddress!.ToString().TrimEnd('/') };
            Api = new BallisticsClient(_adapter);
        }

        public BallisticsClient Api { get; }

        public void Dispose()
        {
            _adapter.Dispose();
            _http.Dispose();
        }
    }

    private static MultipartBody Scan(string name, string metadata)
    {
        var body = new MultipartBody();
        body.AddOrReplacePart("file", "application/octet-stream", new MemoryStream(File.ReadAllBytes(SharedData.X3p($"cartridge/{name}.x3p"))), $"{name}.x3p");
        body.AddOrReplacePart("metadata", "application/json", new MemoryStream(Encoding.UTF8.GetBytes(metadata)));
        return body;
    }

    private static void CaseStatement(RequestConfiguration<DefaultQueryParameters> request)
    {
        request.Headers.Add("Case-Number", "FGJ-SON-2026-7");
        request.Headers.Add("Purpose", "post-seizure linkage");
    }

    [Test]
    public async Task PostSeizureStory_GeneratedClientOnly_HitTraceAndLinkage()
    {
        await using var factory = new ApiFactory();
        TestSales.Ingest(factory, TestSales.CarterSig, TestSales.CarterGlock);
        using var lab = new Session(factory, "lab", "FGJ Sonora", "MX");
        using var reviewer = new Session(factory, "reviewer", "FGJ Sonora", "MX");
        using var examiner = new Session(factory, "examiner", "FGJ Sonora", "MX");
        using var investigator = new Session(factory, "investigator", "FGJ Sonora", "MX");

        // 1. Evidence: a cartridge case from a shooting, then the seized pistol's test fire, whose search finds it.
        var scene = await lab.Api.V1.Evidence.PostAsync(Scan("fadul_1-1_processed", """{"incident_id": "MX-SON-0007", "mx_state": "SON", "date": "2024-03-02"}"""));
        var testFire = await lab.Api.V1.Evidence.PostAsync(Scan("fadul_1-2_processed", """{"kind": "test_fire", "firearm_id": "SEIZED-42", "exhibit_id": "SEIZED-42-TF1"}"""));
        var lead = testFire!.Leads![0];
        Assert.That(lead.CandidateId, Is.EqualTo(scene!.Evidence!.Id));

        // 2. Review: a reviewer makes it a lead, an examiner confirms the hit.
        var made = await reviewer.Api.V1.Leads[lead.Id!.Value].Review.PostAsync(new ReviewRequest { Status = "lead", Note = "breech marks agree" });
        var confirmed = await examiner.Api.V1.Leads[lead.Id.Value].Review.PostAsync(new ReviewRequest { Status = "confirmed" });
        Assert.That((made!.Lead!.Status, confirmed!.Lead!.Status), Is.EqualTo(("lead", "confirmed")));

        // 3. The seizure report, listing the test fire, and the trace of the pistol (sold in Texas to a straw purchaser).
        var seizure = await lab.Api.V1.Seizures.PostAsync(new SeizuresPostRequestBody
        {
            IncidentId = "MX-SON-0099", Serial = "OU0001684", Make = "Sig Sauer", Model = "P226", Caliber = "9mm Luger", Type = "Pistola",
            RecoveryDate = "2024-05-01", RecoveryCountry = "MX", RecoveryState = "Sonora", RecoveryLocality = "Nogales", CartridgeCases = "SEIZED-42-TF1",
        });
        var trace = await investigator.Api.V1.Traces.PostAsync(
            new TracesPostRequestBody
            {
                TraceNumber = "T-26-0042", Serial = "OU0001684", Make = "Sig Sauer", Model = "P226", Caliber = "9mm Luger", Type = "pistol",
                RecoveryDate = "2024-05-01", RecoveryCountry = "MX", RecoveryState = "Sonora", RecoveryLocality = "Nogales", IncidentId = "MX-SON-0099",
            },
            CaseStatement);
        Assert.That(seizure!.Id, Is.Not.Empty);
        Assert.That(trace!.Result!.Outcome, Is.EqualTo(TraceOutcome.Completed));

        // 4. The linkage: the hit first among the leads to follow, the seizure, the scene and the dealer in the graph.
        var linkage = await investigator.Api.V1.Firearms["SEIZED-42"].Linkage.GetAsync(CaseStatement);
        Assert.That(linkage!.Leads!.Select(l => l.Kind), Is.EqualTo(new[] { "hit", "multiple_sale", "time_to_crime", "purchaser_firearm" }));
        Assert.That(linkage.Nodes!.Select(n => n.Id), Is.SupersetOf(new[] { "firearm:SEIZED-42", "incident:MX-SON-0099", "incident:MX-SON-0007" }));
        Assert.That(linkage.Edges!.Where(e => e.Kind == "hit").Select(e => e.Status), Is.EqualTo(new[] { "confirmed" }));
    }

    [Test]
    public async Task Problem_RefusedRequest_GeneratedClientThrowsTheDocumentedProblem()
    {
        await using var factory = new ApiFactory();
        using var investigator = new Session(factory, "investigator", "FGJ Sonora", "MX");

        // Without the case statement an investigator is refused: a 400 ProblemDetails, typed by the document.
        ProblemDetails? refused = null;
        try
        {
            await investigator.Api.V1.Firearms["SEIZED-42"].Linkage.GetAsync();
        }
        catch (ProblemDetails problem)
        {
            refused = problem;
        }

        Assert.That(refused, Is.Not.Null, "refused, and said so");
        Assert.That(refused!.Status, Is.EqualTo(400));
        Assert.That(refused.Title, Is.EqualTo("Registro no válido"), "in the key's country's language");
    }
}
