using System.Diagnostics;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A corpus search over the shard grains: stage 1 fans out to every shard, their best are merged as one index would
/// rank them (<see cref="SignatureIndex.Merge"/>), and stage 2 ranks the merged candidates exactly as the single-process
/// search does (<see cref="CorpusSearch.Rank"/>), each candidate screened on the silo of its shard — so a cluster returns
/// the same leads as one process over the same store.
/// </summary>
public sealed class ClusterSearch(IGrainFactory grains, int shards, BreechFaceMatcher matcher)
{
    private readonly CorpusSearch _stageTwo = new(new SignatureIndex(SignatureCodec.Default), matcher);

    /// <summary>
    /// The query's leads; <paramref name="corpusLastId"/> is the last item id on file as the caller sees it (the store's
    /// <c>LastId</c>), so that shards loaded earlier search what was stored since.
    /// </summary>
    public async Task<CorpusSearchResult> Search(
        PreparedScan query,
        SearchFilter filter,
        CorpusSearchOptions options,
        ICandidateSource candidates,
        long corpusLastId,
        long? excludeItemId = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        var codes = _stageTwo.Codes(query);
        if (codes.Count == 0)
        {
            return new CorpusSearchResult([], [], 0, [], 0, 0, _stageTwo.Version(query, options));
        }

        var request = ShardQuery.Of(codes, CorpusSearch.FilterFor(query, filter), options.Candidates, excludeItemId, corpusLastId);
        var parts = await Task.WhenAll(Enumerable.Range(0, shards).Select(s => CorpusShards.Get(grains, s, shards).Search(request)));
        var merged = SignatureIndex.Merge(parts.Select(p => p.ToHits()), options.Candidates);
        var stageOneMs = watch.Elapsed.TotalMilliseconds;
        double[]? screens = null;
        if (options.FullComparisons is { } keep && keep < merged.Length)
        {
            // Each shard screens its own candidates beside their samples: the query travels (its prepared scan, some
            // hundreds of KB a shard), not two hundred candidates' samples (over 60 MB).
            using var written = new MemoryStream();
            PreparedScanCodec.Write(query, written);
            var prepared = written.ToArray();
            screens = new double[merged.Length];
            var byShard = Enumerable.Range(0, merged.Length).GroupBy(i => CorpusShards.Of(merged[i].ItemId, shards)).ToArray();
            var answers = await Task.WhenAll(byShard.Select(g => CorpusShards.Get(grains, g.Key, shards)
                .Screen(prepared, [.. g.Select(i => merged[i].ItemId)], options.Screen.Turns, options.Screen.ShiftRadiusUm)));
            for (var s = 0; s < byShard.Length; s++)
            {
                var positions = byShard[s].ToArray();
                for (var j = 0; j < positions.Length; j++)
                {
                    screens[positions[j]] = answers[s][j];
                }
            }
        }

        return _stageTwo.Rank(query, merged, parts.Sum(p => p.Searched), options, candidates, stageOneMs, screens);
    }
}
