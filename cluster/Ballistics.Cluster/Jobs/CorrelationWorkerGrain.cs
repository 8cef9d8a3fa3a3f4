using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Store.Scans;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Ballistics.Cluster.Jobs;

/// <summary>
/// Any silo's worker: each item is searched through the shard grains (stage 1 wherever the shards live) and ranked here
/// (stage 2 on this silo's cores); its leads and its done mark commit together, once (<see cref="CorrelationJobs.Complete"/>),
/// so a batch handed out again after its worker was lost writes nothing twice.
/// </summary>
[StatelessWorker]
internal sealed class CorrelationWorkerGrain(IOptions<ClusterCorpusOptions> options, BreechFaceMatcher matcher) : Grain, ICorrelationWorkerGrain
{
    public async Task<WorkDone> Correlate(long jobId, long[] itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        using var store = options.Value.OpenStore($"correlation job {jobId}");
        var job = store.Correlations.Get(jobId) ?? throw new InvalidOperationException($"no correlation job {jobId}");
        var search = new ClusterSearch(GrainFactory, options.Value.Shards, matcher);
        var searchOptions = new CorpusSearchOptions { Candidates = job.Candidates, FullComparisons = job.FullComparisons };
        var lastId = store.Scans.LastId();
        var candidates = store.Scans.Candidates(matcher, SurfaceFileOptions.Default);
        int stored = 0, already = 0, skipped = 0;
        foreach (var itemId in itemIds)
        {
            if (store.Scans.Get(itemId) is not { } item || store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default).Scan is not { } query)
            {
                skipped++;
                continue;
            }

            var result = await search.Search(
                query, SearchFilter.None, searchOptions, candidates, lastId, itemId);
            var kept = result.Leads.Take(job.Leads).Select(l => CorrelationLead.Of(itemId, l)).ToArray();
            if (store.Correlations.Complete(job, itemId, result.Leads.Count, kept))
            {
                stored++;
            }
            else
            {
                already++;
            }
        }

        return new WorkDone(stored, already, skipped);
    }
}
