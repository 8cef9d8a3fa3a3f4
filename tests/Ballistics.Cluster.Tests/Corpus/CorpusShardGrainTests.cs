using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;
using Ballistics.Testing;

namespace Ballistics.Cluster.Tests.Corpus;

/// <summary>Shard grains over a store that grows while they are active, and callers cutting the corpus differently.</summary>
[TestFixture]
[NonParallelizable]
public sealed class CorpusShardGrainTests
{
    private static readonly ShardQuery Everything = ShardQuery.Of([new StageOneCode(new sbyte[SignatureCodec.Default.CodeBytes], 1)], SearchFilter.None, 100, null, 0);

    [Test]
    public async Task Search_ItemStoredAfterActivation_FoundOnceTheQuerySaysTheCorpusReachesIt()
    {
        using var dir = new TempDirectory();
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        using var store = TestCorpus.Create(dir.File("data"), matcher, count: TestCorpus.Scans.Length - 1);
        await using var cluster = TestCorpus.Cluster(dir.File("data"), matcher, silos: 2);
        await cluster.DeployAsync();
        var before = await Held(cluster.Client, TestCorpus.Shards, Everything);

        TestCorpus.Add(store, matcher, [TestCorpus.Scans[^1]]);
        var stale = await Held(cluster.Client, TestCorpus.Shards, Everything);
        var after = await Held(cluster.Client, TestCorpus.Shards, Everything with { CorpusLastId = store.Scans.LastId() });

        Assert.That(before, Has.Count.EqualTo(TestCorpus.Scans.Length - 1));
        Assert.That(stale, Is.EqualTo(before), "a query that does not reach the new item leaves the shards as they were");
        Assert.That(after, Is.EqualTo(before.Append(store.Scans.LastId())), "the new item, once, in its shard");
        await cluster.StopAllSilosAsync();
    }

    [Test]
    public async Task Search_TwoShardCounts_EachSetHoldsEveryItemOnce()
    {
        using var dir = new TempDirectory();
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        TestCorpus.Create(dir.File("data"), matcher).Dispose();
        await using var cluster = TestCorpus.Cluster(dir.File("data"), matcher, silos: 2);
        await cluster.DeployAsync();

        var byThree = await Held(cluster.Client, 3, Everything);
        var bySeven = await Held(cluster.Client, 7, Everything);

        var all = Enumerable.Range(1, TestCorpus.Scans.Length).Select(i => (long)i).ToArray();
        Assert.That(byThree, Is.EqualTo(all));
        Assert.That(bySeven, Is.EqualTo(all));
        await cluster.StopAllSilosAsync();
    }

    [Test]
    public async Task Screen_LocalCache_SamplesKeptOnTheSilosDiskAndTheSameLeads()
    {
        using var dir = new TempDirectory();
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        using var store = TestCorpus.Create(dir.File("data"), matcher);
        var local = dir.File("silo-cache");
        await using var cluster = TestCorpus.Cluster(dir.File("data"), matcher, silos: 2, localCache: local);
        await cluster.DeployAsync();
        var single = new CorpusSearch(store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default), matcher);
        var search = new ClusterSearch(cluster.Client, TestCorpus.Shards, matcher);
        // Fewer full comparisons than candidates: the shards screen.
        var options = CorpusSearchOptions.Default with { FullComparisons = 2 };
        var item = store.Scans.Items()[0];
        var query = store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default).Scan!;
        var candidates = store.Scans.Candidates(matcher, SurfaceFileOptions.Default);

        var expected = single.Search(query, SearchFilter.None, options, candidates, item.Id);
        var actual = await search.Search(query, SearchFilter.None, options, candidates, store.Scans.LastId(), item.Id);

        Assert.That(actual.Screened, Is.EqualTo(TestCorpus.Scans.Length - 1), "every other item screened on its shard");
        Assert.That(actual.Leads.Select(l => (l.Rank, l.ItemId, l.Score)), Is.EqualTo(expected.Leads.Select(l => (l.Rank, l.ItemId, l.Score))));
        Assert.That(Directory.GetFiles(local, "*.bss", SearchOption.AllDirectories), Has.Length.EqualTo(TestCorpus.Scans.Length - 1), "one local copy per screened candidate");
        await cluster.StopAllSilosAsync();
    }

    /// <summary>Every item the shards hold, in id order (a query that ranks every item: all codes zero).</summary>
    private static async Task<List<long>> Held(IGrainFactory grains, int shards, ShardQuery query)
    {
        var held = new List<long>();
        for (var shard = 0; shard < shards; shard++)
        {
            held.AddRange((await CorpusShards.Get(grains, shard, shards).Search(query)).ItemIds);
        }

        held.Sort();
        return held;
    }
}
