using System.Diagnostics;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A corpus search over the shard grains: stage 1 fans out to every shard, their best are merged as one index would
/// rank them (<see cref="SignatureIndex.Merge"/>), and stage 2 ranks the merged candidates exactly as the single-process
/// search does (<see cref="CorpusSearch.Rank"/>) — so a cluster returns the same leads as one process over the same store.
/// </summary>
public sealed class ClusterSearch(IGrainFactory grains, int shards, BreechFaceMatcher matcher)
{
    private readonly CorpusSearch _stageTwo = new(new SignatureIndex(SignatureCodec.Default), matcher);

    public async Task<CorpusSearchResult> Search(
        PreparedScan query,
        SearchFilter filter,
        CorpusSearchOptions options,
        Func<long, (PreparedScan? Scan, string? Reason)> candidate,
        long? excludeItemId = null,
        Func<long, ScreenSamples?>? screenSamples = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        if (_stageTwo.Code(query) is not { } code)
        {
            return new CorpusSearchResult([], [], 0, [], 0, 0, _stageTwo.Version(query, options));
        }

        var request = ShardQuery.Of(code, filter, options.Candidates, excludeItemId);
        var parts = await Task.WhenAll(Enumerable.Range(0, shards).Select(s => grains.GetGrain<ICorpusShardGrain>(s).Search(request)));
        var merged = SignatureIndex.Merge(parts.Select(p => p.ToHits()), options.Candidates);
        return _stageTwo.Rank(query, merged, parts.Sum(p => p.Searched), options, candidate, screenSamples, watch.Elapsed.TotalMilliseconds);
    }
}
