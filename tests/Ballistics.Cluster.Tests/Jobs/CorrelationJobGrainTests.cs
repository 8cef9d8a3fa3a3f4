using Ballistics.Cluster.Jobs;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Ballistics.Testing;

namespace Ballistics.Cluster.Tests.Jobs;

/// <summary>A batch correlation job over three silos, one of them killed while it runs.</summary>
[TestFixture]
[NonParallelizable]
public sealed class CorrelationJobGrainTests
{
    private const int LeadsKept = 3;
    [Test]
    public async Task Run_SiloKilledMidJob_EveryItemStoredExactlyOnceWithTheOneProcessLeads()
    {
        using var dir = new TempDirectory();
        var folder = dir.File("data");
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var options = CorpusSearchOptions.Default with { FullComparisons = 4 };
        Dictionary<long, long[]> expected;
        CorrelationJob job;
        using (var store = TestCorpus.Create(folder, matcher))
        {
            var single = new CorpusSearch(store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default), matcher);
            expected = store.Scans.Items().ToDictionary(
                item => item.Id,
                item => single.Search(store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default).Scan!, SearchFilter.None, options, store.Scans.Candidates(matcher, SurfaceFileOptions.Default), item.Id)
                    .Leads.Take(LeadsKept).Select(l => l.ItemId).ToArray());
            (job, _) = store.Correlations.StartOrResume(null, options.Candidates, LeadsKept, "cluster", "test/cluster", options.FullComparisons);
        }

        await using var cluster = TestCorpus.Cluster(folder, matcher);
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

        using var after = DataStore.Open(folder, create: false).Value;
        var finished = after.Correlations.Get(job.Id)!;
        var leads = after.Correlations.Leads(finished).GroupBy(l => l.ItemId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.Rank).Select(l => l.CandidateId).ToArray());
        Assert.That(doneAtKill, Is.LessThan(TestCorpus.Scans.Length), "the silo went with work still ahead");
        Assert.That(progress, Is.EqualTo(new JobProgress(job.Id, TestCorpus.Scans.Length, TestCorpus.Scans.Length, 0, true)));
        Assert.That(finished.FinishedAt, Is.Not.Null);
        Assert.That(after.Correlations.Pending(finished, out var done), Is.Empty);
        Assert.That(done, Is.EqualTo(TestCorpus.Scans.Length), "every item done, once");
        Assert.That(leads, Is.EquivalentTo(expected), "the leads one process finds, each stored once");
        await cluster.StopAllSilosAsync();
    }

    private static int Done(string folder, long jobId)
    {
        using var store = DataStore.Open(folder, create: false).Value;
        store.Correlations.Pending(store.Correlations.Get(jobId)!, out var done);
        return done;
    }
}
