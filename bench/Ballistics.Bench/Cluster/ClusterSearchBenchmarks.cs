using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;
using Ballistics.Store;
using BenchmarkDotNet.Attributes;
using Ballistics.Cluster.Hosting;
using Orleans.TestingHost;

namespace Ballistics.Bench.Cluster;

/// <summary>
/// Corpus search over 1, 2 and 3 silos in this process (Orleans' test host; on a 2-core machine more silos add
/// coordination, not cores), the corpus cut into 12 shard grains. The store is a generated corpus put on file
/// beforehand (docs/scaling.md has the commands), named by BALLISTICS_BENCH_STORE. Measured per query: stage 1 alone
/// (fan-out to every shard, merge) and the whole search (stage 2 on the caller's silo, as the API runs it).
/// </summary>
[MemoryDiagnoser]
public class ClusterSearchBenchmarks
{
    private const int Shards = 12;
    private InProcessTestCluster _cluster = null!;
    private DataStore _store = null!;
    private BreechFaceMatcher _matcher = null!;
    private ClusterSearch _search = null!;
    private (long Id, PreparedScan Scan)[] _queries = [];
    private int _next;
    private long _lastId;

    [Params(1, 2, 3)]
    public int Silos { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("BALLISTICS_BENCH_STORE")
            ?? throw new InvalidOperationException("set BALLISTICS_BENCH_STORE to a store with a generated corpus on file (docs/scaling.md)");
        _matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        _store = DataStore.Open(folder, create: false).Value;
        // Eight queries spread over the corpus (every 250th item): seeded by the corpus itself, the same on every run.
        _queries = [.. _store.Scans.Items().Where((_, i) => i % 250 == 0).Take(8).Select(item => (item.Id, _store.Scans.Prepared(item, _matcher, SurfaceFileOptions.Default).Scan!))];
        _lastId = _store.Scans.LastId();
        var builder = new InProcessTestClusterBuilder((short)Silos);
        builder.ConfigureSilo((_, silo) => silo.AddBallisticsCorpus(new ClusterCorpusOptions { StoreFolder = folder, Shards = Shards }, _matcher));
        _cluster = builder.Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
        _search = new ClusterSearch(_cluster.Client, Shards, _matcher);
        // Every shard activated (its codes loaded) before anything is timed.
        StageOne().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.StopAllSilosAsync().GetAwaiter().GetResult();
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
    }

    [Benchmark(Description = "stage 1: fan out to 12 shards and merge the best 200")]
    public async Task<int> StageOne()
    {
        var (id, scan) = _queries[_next++ % _queries.Length];
        var codes = new CorpusSearch(new SignatureIndex(SignatureCodec.Default), _matcher).Codes(scan);
        var request = ShardQuery.Of(codes, SearchFilter.None, CorpusSearchOptions.Default.Candidates, id, _lastId);
        var parts = await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => CorpusShards.Get(_cluster.Client, s, Shards).Search(request)));
        return SignatureIndex.Merge(parts.Select(p => p.ToHits()), CorpusSearchOptions.Default.Candidates).Length;
    }

    [Benchmark(Description = "whole search: stage 1 on the shards, stage 2 here (screen 200, compare 10)")]
    public async Task<int> Search()
    {
        var (id, scan) = _queries[_next++ % _queries.Length];
        var result = await _search.Search(scan, SearchFilter.None, CorpusSearchOptions.Default, _store.Scans.Candidates(_matcher, SurfaceFileOptions.Default), _lastId, id);
        return result.Leads.Count;
    }
}
