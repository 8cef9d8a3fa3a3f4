using Ballistics.Cluster.Corpus;
using Ballistics.Cluster.Jobs;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Ballistics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace Ballistics.Cluster.Tests.Jobs;

/// <summary>A batch correlation job over three silos, one of them killed while it runs.</summary>
[TestFixture]
[NonParallelizable]
public sealed class CorrelationJobGrainTests
{
    private const int Shards = 5;
    private const int LeadsKept = 3;
    private static readonly string[] Scans =
    [
        "baldwin_K013sA1_processed", "baldwin_K013sA2_processed", "baldwin_K227iG3_processed", "fadul_1-1_processed", "fadul_1-2_processed",
        "triplet_x3p1_processed", "triplet_x3p2_processed", "triplet_x3p3_questioned",
    ];

    [Test]
    public async Task Run_SiloKilledMidJob_EveryItemStoredExactlyOnceWithTheOneProcessLeads()
    {
        using var dir = new TempDirectory();
        var folder = dir.File("data");
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var options = CorpusSearchOptions.Default with { FullComparisons = 4 };
        Dictionary<long, long[]> expected;
        CorrelationJob job;
        using (var store = RecordStore.Open(folder, create: true).Value)
        {
            store.Scans.Add([.. Scans.Select(name => new ScanSubmission(SharedData.X3p($"cartridge/{name}.x3p")))], matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
            var single = new CorpusSearch(store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default), matcher);
            expected = store.Scans.Items().ToDictionary(
                item => item.Id,
                item => single.Search(store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default).Scan!, SearchFilter.None, options, id => store.Scans.Candidate(id, matcher, SurfaceFileOptions.Default), item.Id)
                    .Leads.Take(LeadsKept).Select(l => l.ItemId).ToArray());
            (job, _) = store.Correlations.StartOrResume(null, options.Candidates, LeadsKept, "cluster", "test/cluster", options.FullComparisons);
        }

        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(matcher);
            silo.Services.AddSingleton(Options.Create(new ClusterCorpusOptions { StoreFolder = folder, Shards = Shards }));
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        // One item a batch, so that most of the job is still ahead when the silo goes.
        var running = ClusterCorrelation.Run(cluster.Client, job.Id, batchItems: 1);
        while (Done(folder, job.Id) == 0)
        {
            await Task.Delay(20);
        }

        var doneAtKill = Done(folder, job.Id);
        await cluster.KillSiloAsync(cluster.Silos[^1]);
        var progress = await running;

        using var after = RecordStore.Open(folder, create: false).Value;
        var finished = after.Correlations.Get(job.Id)!;
        var leads = after.Correlations.Leads(finished).GroupBy(l => l.ItemId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.Rank).Select(l => l.CandidateId).ToArray());
        Assert.That(doneAtKill, Is.LessThan(Scans.Length), "the silo went with work still ahead");
        Assert.That(progress, Is.EqualTo(new JobProgress(job.Id, Scans.Length, Scans.Length, 0, true)));
        Assert.That(finished.FinishedAt, Is.Not.Null);
        Assert.That(after.Correlations.Pending(finished, out var done), Is.Empty);
        Assert.That(done, Is.EqualTo(Scans.Length), "every item done, once");
        Assert.That(leads, Is.EquivalentTo(expected), "the leads one process finds, each stored once");
        await cluster.StopAllSilosAsync();
    }

    private static int Done(string folder, long jobId)
    {
        using var store = RecordStore.Open(folder, create: false).Value;
        store.Correlations.Pending(store.Correlations.Get(jobId)!, out var done);
        return done;
    }
}
