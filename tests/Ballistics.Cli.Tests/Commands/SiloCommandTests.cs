using System.Diagnostics;
using Ballistics.Cluster.Corpus;
using Ballistics.Cluster.Hosting;
using Ballistics.Cluster.Jobs;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Ballistics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ballistics.Cli.Tests.Commands;

/// <summary>
/// `ballistics silo` as separate processes on loopback, over a PostgreSQL store (membership and grain state in its
/// database): three silos give the single-process leads, and a job survives one of them being killed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SiloCommandTests
{
    private const int Shards = 5;
    private const int LeadsKept = 3;

    private static readonly string[] Scans =
    [
        "baldwin_K013sA1_processed", "baldwin_K013sA2_processed", "baldwin_K227iG3_processed", "fadul_1-1_processed", "fadul_1-2_processed",
        "triplet_x3p1_processed", "triplet_x3p2_processed", "triplet_x3p3_questioned",
    ];

    private static readonly CorpusSearchOptions Options = CorpusSearchOptions.Default with { FullComparisons = 4 };

    [Test]
    public void Silo_EmbeddedStore_RefusedNamingTheDescriptionAndTheRemedy()
    {
        using var dir = new TempDirectory();
        InfoCommandTests.Run(["keys", "add", "--role", "admin", "--agency", "ATF", "--country", "US", "--store", dir.File("data")]);

        var (code, _, error) = InfoCommandTests.Run(["silo", "--store", dir.File("data")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("store.json").And.Contain("store init --postgres"));
    }

    [TestCase("--address", "not-an-ip", "--address")]
    [TestCase("--gateway-port", "11111", "two different ports")]
    [TestCase("--shards", "0", "--shards")]
    public void Silo_BadOption_RefusedByName(string option, string value, string expected)
    {
        using var dir = new TempDirectory();

        var (code, _, error) = InfoCommandTests.Run(["silo", "--store", dir.File("data"), option, value]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public async Task Silos_ThreeProcesses_SameRankedLeadsAsOneProcess()
    {
        using var dir = new TempDirectory();
        var (folder, connection, expected) = Corpus(dir);
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var silos = StartSilos(folder, clusterId, 3, localCaches: dir.File("silos"));
        try
        {
            using var client = await Client(connection, clusterId);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            foreach (var (itemId, leads) in expected)
            {
                var answer = await grains.GetGrain<ICorpusSearchGrain>(0).Search(itemId, SearchRequest.Of(SearchFilter.None, Options));

                Assert.That(answer.Leads, Is.EqualTo(leads), $"item {itemId}");
            }

            // Every item was another's candidate and screened on its shard's silo, which kept its samples on its own disk.
            var kept = Directory.GetFiles(dir.File("silos"), "*.bss", SearchOption.AllDirectories).Select(Path.GetFileName).Distinct().Count();
            Assert.That(kept, Is.EqualTo(Scans.Length), "each item's screen samples on a silo's own disk");

            await client.StopAsync();
        }
        finally
        {
            Stop(silos);
        }
    }

    [Test]
    public async Task Silos_OneKilledMidJob_EveryItemStoredExactlyOnceWithTheOneProcessLeads()
    {
        using var dir = new TempDirectory();
        var (folder, connection, expected) = Corpus(dir);
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        CorrelationJob job;
        using (var store = DataStore.Open(folder, create: false).Value)
        {
            (job, _) = store.Correlations.StartOrResume(null, Options.Candidates, LeadsKept, "cluster", "test/silos", Options.FullComparisons);
        }

        var silos = StartSilos(folder, clusterId, 3);
        try
        {
            using var client = await Client(connection, clusterId);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            // One item a batch, so that most of the job is still ahead when the silo goes.
            var running = ClusterCorrelation.Run(grains, job.Id, batchItems: 1);
            var watch = Stopwatch.StartNew();
            while (Done(folder, job.Id) == 0 && watch.Elapsed < TimeSpan.FromMinutes(2) && !running.IsCompleted)
            {
                await Task.Delay(20);
            }

            var doneAtKill = Done(folder, job.Id);
            silos[^1].Kill(entireProcessTree: true);
            var progress = await running;
            var account = await grains.GetGrain<ICorrelationJobGrain>(job.Id).Progress();

            using var after = DataStore.Open(folder, create: false).Value;
            var finished = after.Correlations.Get(job.Id)!;
            var leads = after.Correlations.Leads(finished).GroupBy(l => l.ItemId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.Rank).Select(l => l.CandidateId).ToArray());
            Assert.That(doneAtKill, Is.InRange(1, Scans.Length - 1), "the silo went with work still ahead");
            Assert.That(progress, Is.EqualTo(new JobProgress(job.Id, Scans.Length, Scans.Length, 0, true)));
            Assert.That(after.Correlations.Pending(finished, out var done), Is.Empty);
            Assert.That(done, Is.EqualTo(Scans.Length), "every item done, once");
            Assert.That(leads, Is.EquivalentTo(expected.ToDictionary(e => e.Key, e => e.Value.Take(LeadsKept).Select(l => l.ItemId).ToArray())), "the leads one process finds, each stored once");
            Assert.That((account.Done, account.Total, account.FinishedAt is not null), Is.EqualTo((Scans.Length, Scans.Length, true)), "the job's account, read back from grain storage");
            await client.StopAsync();
        }
        finally
        {
            Stop(silos);
        }
    }

    [Test]
    public async Task ServeCluster_EvidenceSubmitted_LeadsFromTheSilosAsOneProcessFindsThem()
    {
        using var dir = new TempDirectory();
        var (folder, _, _) = Corpus(dir, Scans.Length - 1);
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var (_, key, _) = InfoCommandTests.Run(["keys", "add", "--role", "lab", "--agency", "ATF NIBIN Lab", "--country", "US", "--store", folder]);
        var silos = StartSilos(folder, clusterId, 2);
        var url = $"http://127.0.0.1:{ServeCommandTests.FreePort()}";
        using var node = ChildCli.Start(["serve", "--store", folder, "--urls", url, "--cluster", "--cluster-id", clusterId]);
        try
        {
            var errors = node.StandardError.ReadToEndAsync();
            var serving = await LineWith(node, "serving", TimeSpan.FromMinutes(2));
            Assert.That(serving, Does.Contain($"as an API node of cluster '{clusterId}'"), () => node.HasExited ? errors.GetAwaiter().GetResult() : "no answer");
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Trim());
            using var upload = new MultipartFormDataContent();
            var file = new ByteArrayContent(File.ReadAllBytes(SharedData.X3p($"cartridge/{Scans[^1]}.x3p")));
            upload.Add(file, "file", $"{Scans[^1]}.x3p");
            upload.Add(new StringContent("""{"incident_id": "US-TX-0009"}"""), "metadata");

            using var response = await client.PostAsync(new Uri("/v1/evidence", UriKind.Relative), upload);
            var body = await response.Content.ReadAsStringAsync();

            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), body);
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var evidenceId = json.RootElement.GetProperty("evidence").GetProperty("id").GetInt64();
            var leads = json.RootElement.GetProperty("leads").EnumerateArray().Select(l => (l.GetProperty("candidate_id").GetInt64(), l.GetProperty("score").GetDouble())).ToArray();
            var expected = SingleProcess(folder, evidenceId, CorpusSearchOptions.Default);
            Assert.That(leads.Select(l => l.Item1), Is.EqualTo(expected.Select(l => l.ItemId)), "the candidates, in the one-process order");
            Assert.That(leads.Select(l => l.Item2), Is.EqualTo(expected.Select(l => l.Score)).Within(1e-12), "and their scores");
            Assert.That(leads, Has.Length.EqualTo(Scans.Length - 1));
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            Stop(silos);
        }
    }

    [Test]
    public async Task ServeCluster_NoSiloAnswers_RefusedAfterTheWaitNamingTheCluster()
    {
        using var dir = new TempDirectory();
        using (DataStore.CreatePostgres(dir.File("data"), PostgresTestServer.CreateDatabase()).Value)
        {
        }

        using var node = ChildCli.Start(
            ["serve", "--store", dir.File("data"), "--urls", $"http://127.0.0.1:{ServeCommandTests.FreePort()}", "--cluster", "--cluster-id", "nobody-home"],
            new Dictionary<string, string> { ["Cluster__StartSeconds"] = "3" });
        var output = node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync();
        await output;

        Assert.That(node.ExitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("cluster 'nobody-home': no silo answered within 3 s").And.Contain("ballistics silo"));
    }

    /// <summary>The leads one process finds for an item on file against the rest.</summary>
    private static FoundLead[] SingleProcess(string folder, long itemId, CorpusSearchOptions options)
    {
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        using var store = DataStore.Open(folder, create: false).Value;
        var single = new CorpusSearch(store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default), matcher);
        var item = store.Scans.Get(itemId)!;
        return [.. single.Search(store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default).Scan!, SearchFilter.None, options, store.Scans.Candidates(matcher, SurfaceFileOptions.Default), item.Id)
            .Leads.Select(l => FoundLead.Of(RankedLead.Of(l)))];
    }

    /// <summary>A PostgreSQL store with the real scans on file, and each item's leads as one process finds them.</summary>
    private static (string Folder, string Connection, Dictionary<long, FoundLead[]> Expected) Corpus(TempDirectory dir, int count = int.MaxValue)
    {
        var folder = dir.File("data");
        var connection = PostgresTestServer.CreateDatabase();
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        long[] ids;
        using (var store = DataStore.CreatePostgres(folder, connection).Value)
        {
            var added = store.Scans.Add([.. Scans.Take(count).Select(name => new ScanSubmission(SharedData.X3p($"cartridge/{name}.x3p")))], matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
            Assert.That(added.Added, Has.Count.EqualTo(Math.Min(count, Scans.Length)));
            ids = [.. store.Scans.Items().Select(item => item.Id)];
        }

        var expected = ids.ToDictionary(id => id, id => SingleProcess(folder, id, Options));
        return (folder, connection, expected);
    }

    /// <summary>Silo processes on free loopback ports, each waited for until it says it is ready.</summary>
    private static List<Process> StartSilos(string folder, string clusterId, int count, string? localCaches = null)
    {
        var silos = new List<Process>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                string[] args = [
                    "silo", "--store", folder, "--cluster-id", clusterId, "--shards", Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--port", ServeCommandTests.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--gateway-port", ServeCommandTests.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)];
                silos.Add(ChildCli.Start(localCaches is null ? args : [.. args, "--local-cache", Path.Combine(localCaches, $"silo-{i}")]));
            }

            foreach (var silo in silos)
            {
                // Both pipes drained for the silo's life: a silo blocked on a full pipe would look like a dead one.
                var errors = silo.StandardError.ReadToEndAsync();
                var ready = LineWith(silo, "ready", TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
                Assert.That(ready, Does.Contain("ready"), () => $"a silo did not start: {(silo.HasExited ? errors.GetAwaiter().GetResult() : "no answer")}");
            }

            return silos;
        }
        catch
        {
            Stop(silos);
            throw;
        }
    }

    /// <summary>
    /// The first line of the child's output holding <paramref name="text"/> (null when it ends or the time is up); the rest
    /// of its output is drained after it, so a child never blocks on a full pipe.
    /// </summary>
    private static async Task<string?> LineWith(Process child, string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await child.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    _ = child.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Timed out: the caller's assertion says so.
        }

        return null;
    }

    private static void Stop(List<Process> silos)
    {
        foreach (var silo in silos)
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
            }

            silo.WaitForExit();
            silo.Dispose();
        }
    }

    private static async Task<IHost> Client(string connection, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        ClusterNode.AddClient(builder, connection, clusterId);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int Done(string folder, long jobId)
    {
        using var store = DataStore.Open(folder, create: false).Value;
        store.Correlations.Pending(store.Correlations.Get(jobId)!, out var done);
        return done;
    }
}
