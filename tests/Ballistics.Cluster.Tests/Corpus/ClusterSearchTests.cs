using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Ballistics.Testing;
using Orleans.TestingHost;

namespace Ballistics.Cluster.Tests.Corpus;

/// <summary>
/// The corpus cut into shard grains over a three-silo cluster in this process (Orleans' own test host) returns the same
/// ranked leads as the single-process search over the same store.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ClusterSearchTests
{
    private TempDirectory _dir = null!;
    private BreechFaceMatcher _matcher = null!;
    private InProcessTestCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StoreAndCluster()
    {
        _dir = new TempDirectory();
        _matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        TestCorpus.Create(_dir.File("data"), _matcher).Dispose();
        _cluster = TestCorpus.Cluster(_dir.File("data"), _matcher);
        await _cluster.DeployAsync();
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _dir.Dispose();
    }

    [Test]
    public async Task Search_EveryItemAgainstTheRest_SameRankedLeadsAsOneProcess()
    {
        var searched = await TestCorpus.SearchEveryItemBothWays(_dir.File("data"), _matcher, _cluster.Client, CorpusSearchOptions.Default with { FullComparisons = 4 });

        Assert.That(searched, Has.Count.EqualTo(TestCorpus.Scans.Length));
    }

    [Test]
    public async Task Shards_TogetherHoldEveryItemExactlyOnce()
    {
        var request = ShardQuery.Of([new StageOneCode(new sbyte[SignatureCodec.Default.CodeBytes], 1)], SearchFilter.None, 100, null, 0);
        var held = new List<long>();
        for (var shard = 0; shard < TestCorpus.Shards; shard++)
        {
            held.AddRange((await CorpusShards.Get(_cluster.Client, shard, TestCorpus.Shards).Search(request)).ItemIds);
        }

        Assert.That(held.Order(), Is.EqualTo(Enumerable.Range(1, TestCorpus.Scans.Length).Select(i => (long)i)));
    }

    [Test]
    public async Task SearchGrain_ItemOnFile_SameLeadsAsOneProcess()
    {
        using var store = DataStore.Open(_dir.File("data"), create: false).Value;
        var single = new CorpusSearch(store.Scans.LoadIndex(SignatureCodec.Default, _matcher, SurfaceFileOptions.Default), _matcher);
        var options = CorpusSearchOptions.Default with { FullComparisons = 4 };
        var filter = new SearchFilter { Country = null };
        foreach (var item in store.Scans.Items().Take(3))
        {
            var expected = single.Search(store.Scans.Prepared(item, _matcher, SurfaceFileOptions.Default).Scan!, filter, options, store.Scans.Candidates(_matcher, SurfaceFileOptions.Default), item.Id);

            var answer = await _cluster.Client.GetGrain<ICorpusSearchGrain>(0).Search(item.Id, SearchRequest.Of(filter, options));

            Assert.That(answer.Refusal, Is.Null);
            Assert.That(answer.Leads, Is.EqualTo(expected.Leads.Select(l => FoundLead.Of(RankedLead.Of(l)))), item.FileName);
            Assert.That((answer.Searched, answer.Screened, answer.AlgorithmVersion), Is.EqualTo((expected.Searched, expected.Screened, expected.AlgorithmVersion)));
        }
    }

    [Test]
    public async Task SearchGrain_TopographyAsPhotograph_RenderedOnTheSiloAsInOneProcess()
    {
        using var store = DataStore.Open(_dir.File("data"), create: false).Value;
        var single = new CorpusSearch(store.Scans.LoadIndex(SignatureCodec.Default, _matcher, SurfaceFileOptions.Default), _matcher);
        var item = store.Scans.Items().First();
        var rendered = store.Scans.PreparedAsPhotograph(item, _matcher, SurfaceFileOptions.Default, Engine.Surfaces.ImageLighting.Side).Scan!;
        var expected = single.Search(rendered, SearchFilter.None, CorpusSearchOptions.Default, store.Scans.Candidates(_matcher, SurfaceFileOptions.Default), item.Id);

        var answer = await _cluster.Client.GetGrain<ICorpusSearchGrain>(0).Search(item.Id, SearchRequest.Of(SearchFilter.None, CorpusSearchOptions.Default, Engine.Surfaces.ImageLighting.Side));

        Assert.That(answer.Refusal, Is.Null);
        Assert.That(answer.Leads, Is.Empty, "no photograph on file: a rendered scan is never compared with topographies");
        Assert.That(answer.AlgorithmVersion, Is.EqualTo(expected.AlgorithmVersion).And.Contain("preprocess-photo/").And.Contain(_matcher.PhotographModel!.Version));
    }

    [Test]
    public async Task SearchGrain_NoSuchItem_RefusedByName()
    {
        var answer = await _cluster.Client.GetGrain<ICorpusSearchGrain>(0).Search(9999, SearchRequest.Of(SearchFilter.None, CorpusSearchOptions.Default));

        Assert.That(answer.Refusal, Is.EqualTo("no item 9999 on file"));
        Assert.That(answer.Leads, Is.Empty);
    }
}
