using System.Net;
using System.Net.Http.Json;
using Ballistics.Api.Jobs;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;
using Ballistics.Store.Scans;
using Ballistics.Testing;
using Microsoft.AspNetCore.Mvc;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class JobsApiTests
{
    private static readonly Uri Start = new("/v1/jobs/correlation", UriKind.Relative);

    private static readonly string[] Scans = ["fadul_1-1_processed", "fadul_1-2_processed", "triplet_x3p1_processed"];

    /// <summary>Puts the scans on file as `corpus add` does.</summary>
    private static void AddScans(ApiFactory factory) => factory.WithStore(s => s.Scans.Add(
        [.. Scans.Select(n => new ScanSubmission(SharedData.X3p($"cartridge/{n}.x3p")))],
        new BreechFaceMatcher(ScoreModel.LoadDefault()), SignatureCodec.Default, SurfaceFileOptions.Default));

    private static async Task<JobStatus> Finished(HttpClient client, long id)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = await client.GetFromJsonAsync<JobStatus>(new Uri($"/v1/jobs/{id}", UriKind.Relative), ApiFactory.Json);
            if (status!.Status == "finished" || watch.Elapsed > TimeSpan.FromSeconds(120))
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    [Test]
    public async Task StartCorrelation_SameRequestWhileUnfinished_SameJobAndOverTheKeysCapTooMany()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst", "SESNSP", "MX");
        (await analyst.GetAsync(new Uri("/v1/me", UriKind.Relative))).Dispose();
        var keyId = factory.Audit().Last().Event.KeyId!.Value;
        // Unfinished jobs of this key, put on file after the worker started (so they stay unfinished): leads 3, 4 and 5.
        var queued = factory.WithStore(s => Enumerable.Range(3, JobsApi.MaxUnfinishedPerKey).Select(leads => s.Correlations.StartOrResume(
            null, CorpusSearchOptions.Default.Candidates, leads, $"api:key:{keyId}", SignatureCodec.Default.Version, Math.Max(CorpusSearchOptions.DefaultFullComparisons, leads)).Job.Id).ToArray());

        using var again = await analyst.PostAsJsonAsync(Start, new CorrelationRequest(null, true, 3), ApiFactory.Json);
        var same = await again.Content.ReadFromJsonAsync<JobStatus>(ApiFactory.Json);
        using var more = await analyst.PostAsJsonAsync(Start, new CorrelationRequest(null, true, 2), ApiFactory.Json);
        var problem = await more.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);
        using var other = factory.Client("analyst", "HSI El Paso", "US");
        using var otherKey = await other.PostAsJsonAsync(Start, new CorrelationRequest(null, true, 2), ApiFactory.Json);

        Assert.That((again.StatusCode, same!.Id), Is.EqualTo((HttpStatusCode.Accepted, queued[0])), "the same request is the same job");
        Assert.That(more.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), problem?.Detail);
        Assert.That(more.Headers.RetryAfter, Is.Not.Null);
        Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "another key has its own cap");
        Assert.That(factory.WithStore(s => s.Correlations.Unfinished().Count(j => j.OutPath == $"api:key:{keyId}")), Is.EqualTo(JobsApi.MaxUnfinishedPerKey));
    }

    [Test]
    public async Task CancelJob_OwnUnfinishedJob_CancelledNotResumedOthersNotFoundFinishedConflict()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst", "SESNSP", "MX");
        using var stranger = factory.Client("analyst", "HSI El Paso", "US");
        (await analyst.GetAsync(new Uri("/v1/me", UriKind.Relative))).Dispose();
        var keyId = factory.Audit().Last().Event.KeyId!.Value;
        var (open, finished) = factory.WithStore(s =>
        {
            var a = s.Correlations.StartOrResume(null, CorpusSearchOptions.Default.Candidates, 3, $"api:key:{keyId}", SignatureCodec.Default.Version).Job;
            var b = s.Correlations.StartOrResume(null, CorpusSearchOptions.Default.Candidates, 4, $"api:key:{keyId}", SignatureCodec.Default.Version).Job;
            s.Correlations.Finish(b);
            return (a.Id, b.Id);
        });

        using var byStranger = await stranger.DeleteAsync(new Uri($"/v1/jobs/{open}", UriKind.Relative));
        using var cancelled = await analyst.DeleteAsync(new Uri($"/v1/jobs/{open}", UriKind.Relative));
        var status = await cancelled.Content.ReadFromJsonAsync<JobStatus>(ApiFactory.Json);
        using var again = await analyst.DeleteAsync(new Uri($"/v1/jobs/{open}", UriKind.Relative));
        using var done = await analyst.DeleteAsync(new Uri($"/v1/jobs/{finished}", UriKind.Relative));

        Assert.That(byStranger.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another key's job is not this key's to cancel");
        Assert.That((cancelled.StatusCode, status!.Status), Is.EqualTo((HttpStatusCode.OK, "cancelled")));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "cancelling twice is no error");
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(factory.WithStore(s => s.Correlations.Unfinished().Select(j => j.Id)), Does.Not.Contain(open), "a cancelled job is not resumed");
    }

    [Test]
    public async Task StartCorrelation_All_AcceptedThenFinishedWithEveryItemsLeads()
    {
        await using var factory = new ApiFactory();
        AddScans(factory);
        using var analyst = factory.Client("analyst", "SESNSP", "MX");

        using var response = await analyst.PostAsJsonAsync(Start, new CorrelationRequest(null, true, 2), ApiFactory.Json);
        var accepted = await response.Content.ReadFromJsonAsync<JobStatus>(ApiFactory.Json);
        var done = await Finished(analyst, accepted!.Id);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/jobs/{accepted.Id}"));
        Assert.That((done.Status, done.ItemsTotal, done.ItemsDone, done.LeadsStored), Is.EqualTo(("finished", 3, 3, 6)));
        var first = done.Results!.Where(l => l.Rank == 1).ToDictionary(l => l.ItemExhibitId!, l => l.CandidateExhibitId);
        Assert.That(first["fadul_1-1_processed"], Is.EqualTo("fadul_1-2_processed"));
        Assert.That(first["fadul_1-2_processed"], Is.EqualTo("fadul_1-1_processed"));
    }

    [Test]
    public async Task Job_LeftUnfinishedByAStoppedServer_FinishedAfterRestartWithoutRedoingItsDoneItem()
    {
        using var folder = new TempDirectory();
        long jobId;
        await using (var before = new ApiFactory(folder: folder))
        {
            AddScans(before);
            // The first server took the job and finished its first item before it was stopped.
            jobId = before.WithStore(s =>
            {
                var (job, _) = s.Correlations.StartOrResume(null, 200, 1, "api:before-restart", SignatureCodec.Default.Version, 10);
                s.Correlations.Complete(job, 1, 2, [new CorrelationLead(1, 1, 3, 0.123, 0.5, 0, 0.1, 0, 0, 0, "no pose overlaps")]);
                return job.Id;
            });
        }

        await using var after = new ApiFactory(folder: folder);
        using var analyst = after.Client("analyst");
        var done = await Finished(analyst, jobId);

        Assert.That((done.Status, done.ItemsDone, done.LeadsStored), Is.EqualTo(("finished", 3, 3)), "one lead per item, each item once");
        var kept = done.Results!.Single(l => l.ItemId == 1);
        Assert.That((kept.CandidateId, kept.Score), Is.EqualTo((3L, 0.123)), "the item done before the restart was not redone");
        Assert.That((kept.Registration.Status, kept.Registration.Reason), Is.EqualTo(("failed", "no pose overlaps")), "a stored registration failure is said");
        Assert.That((kept.ThetaDeg, kept.DxUm, kept.DyUm), Is.EqualTo(((double?)null, (double?)null, (double?)null)), "and no pose is shown");
        Assert.That(done.Results!.Single(l => l.ItemId == 2).Registration.Status, Is.EqualTo("registered"));
        // Processed scans carry no firing pin: the breech face's score is the score, and the firing pin's is null.
        var fresh = done.Results!.Single(l => l.ItemId == 2);
        Assert.That((fresh.ScoreBf, fresh.ScoreFp), Is.EqualTo(((double?)fresh.Score, (double?)null)));
        Assert.That((kept.ScoreBf, kept.ScoreFp), Is.EqualTo(((double?)null, (double?)null)), "a lead stored without region scores has none");
        Assert.That(done.Results!.Single(l => l.ItemId == 2).CandidateExhibitId, Is.EqualTo("fadul_1-1_processed"));
    }

    [TestCase("{}", "since")]
    [TestCase("""{"all": true, "since": "2026-01-01"}""", "since")]
    [TestCase("""{"all": false}""", "since")]
    [TestCase("""{"all": true, "leads": 0}""", "leads")]
    [TestCase("""{"all": true, "leads": 500}""", "leads")]
    public async Task StartCorrelation_BadRequest_NamesTheField(string body, string field)
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst");

        using var response = await analyst.PostAsync(Start, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo(field));
        Assert.That(factory.WithStore(s => s.Correlations.Unfinished()), Is.Empty);
    }

    [TestCase("reviewer")]
    [TestCase("examiner")]
    [TestCase("investigator")]
    public async Task Jobs_RoleThatDoesNotRunJobs_Forbidden(string role)
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client(role);

        using var start = await client.PostAsJsonAsync(Start, new CorrelationRequest(null, true, 2), ApiFactory.Json);
        using var get = await client.GetAsync(new Uri("/v1/jobs/1", UriKind.Relative));

        Assert.That((start.StatusCode, get.StatusCode), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)));
    }

    [Test]
    public async Task GetJob_Unknown_NotFound()
    {
        await using var factory = new ApiFactory();
        using var admin = factory.Client("admin");

        using var response = await admin.GetAsync(new Uri("/v1/jobs/41", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
