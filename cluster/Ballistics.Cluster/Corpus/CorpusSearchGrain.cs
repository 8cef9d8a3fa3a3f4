using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// Any silo's searcher: one activation per core at most on each silo that is asked, so the searches of many API nodes
/// spread over the silos and their full comparisons run where the cores are.
/// </summary>
[StatelessWorker]
internal sealed class CorpusSearchGrain(IOptions<ClusterCorpusOptions> options, BreechFaceMatcher matcher) : Grain, ICorpusSearchGrain
{
    // Open for the activation's life (an activation serves one call at a time), as a shard keeps its own.
    private DataStore? _store;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store = options.Value.OpenStore("searcher");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _store?.Dispose();
        _store = null;
        return Task.CompletedTask;
    }

    public async Task<SearchAnswer> Search(long itemId, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var store = _store ?? throw new InvalidOperationException("the searcher is not active");
        if (store.Scans.Get(itemId) is not { } item)
        {
            return Refused($"no item {itemId} on file");
        }

        var (query, reason) = request.AsPhotograph is { } light
            ? store.Scans.PreparedAsPhotograph(item, matcher, SurfaceFileOptions.Default, light)
            : store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default);
        if (query is null)
        {
            return Refused(reason ?? "the item's prepared scan could not be had");
        }

        var search = new ClusterSearch(GrainFactory, options.Value.Shards, matcher);
        var result = await search.Search(
            query, request.Filter.ToFilter(), request.ToOptions(), store.Scans.Candidates(matcher, SurfaceFileOptions.Default), store.Scans.LastId(), itemId);
        return SearchAnswer.Of(RankedLeads.Of(result));
    }

    private static SearchAnswer Refused(string why) => new([], 0, 0, 0, 0, "", why);
}
