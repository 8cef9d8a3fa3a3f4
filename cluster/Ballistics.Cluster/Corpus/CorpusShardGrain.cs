using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;
using Ballistics.Store;
using Microsoft.Extensions.Options;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A shard's signature index, loaded from the store when Orleans activates the grain (on whichever silo it places it)
/// and searched in memory after that: the whole corpus is held once across the cluster, each silo holding its shards.
/// </summary>
internal sealed class CorpusShardGrain(IOptions<ClusterCorpusOptions> options, BreechFaceMatcher matcher) : Grain, ICorpusShardGrain
{
    private SignatureIndex _index = new(SignatureCodec.Default);

    // Open for the activation's life: every query's screen reads this shard's candidates from it.
    private RecordStore? _store;

    private RecordStore Store => _store ?? throw new InvalidOperationException($"shard {this.GetPrimaryKeyLong()} is not active");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var shard = this.GetPrimaryKeyLong();
        var shards = options.Value.Shards;
        var opened = RecordStore.Open(options.Value.StoreFolder, create: false);
        _store = opened.Success ? opened.Value : throw new InvalidOperationException($"shard {shard}: {opened.Error}");
        _index = _store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default, id => id % shards == shard);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _store?.Dispose();
        _store = null;
        return Task.CompletedTask;
    }

    public Task<double[]> Screen(byte[] preparedQuery, long[] itemIds, int turns, double shiftRadiusUm)
    {
        ArgumentNullException.ThrowIfNull(preparedQuery);
        ArgumentNullException.ThrowIfNull(itemIds);
        using var stream = new MemoryStream(preparedQuery, writable: false);
        var query = PreparedScanCodec.Read(stream, matcher.PreprocessOptions) ?? throw new ArgumentException("not a prepared scan", nameof(preparedQuery));
        var store = Store;
        var search = new CorpusSearch(_index, matcher);
        var screen = new ScreenOptions { Turns = turns, ShiftRadiusUm = shiftRadiusUm };
        var screens = new double[itemIds.Length];
        Parallel.For(0, itemIds.Length, i => screens[i] = search.ScreenCandidate(
            query, itemIds[i], screen, id => store.Scans.Candidate(id, matcher, SurfaceFileOptions.Default), id => store.Scans.ScreenSamples(id, matcher, SurfaceFileOptions.Default)).Screen);
        return Task.FromResult(screens);
    }

    public Task<ShardHits> Search(ShardQuery query)
    {
        var hits = _index.Search(query.ToCode(), query.ToFilter(), query.Top, query.ExcludeItemId);
        return Task.FromResult(new ShardHits([.. hits.Select(h => h.ItemId)], [.. hits.Select(h => h.Similarity)], _index.Count));
    }
}
