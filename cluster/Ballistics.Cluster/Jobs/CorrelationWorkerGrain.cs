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
        var tally = await CorrelationRun.Items(job, itemIds, new CorrelationSteps
        {
            Search = async itemId =>
            {
                if (store.Scans.Get(itemId) is not { } item || store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default) is not { Scan: { } query })
                {
                    return ItemSearch.Refused("its prepared scan cannot be had");
                }

                var result = await search.Search(query, SearchFilter.None, searchOptions, candidates, lastId, itemId);
                return ItemSearch.Found([.. result.Leads.Select(l => CorrelationLead.Of(itemId, l))], result.Leads.Count);
            },
            Complete = (itemId, compared, kept) => store.Correlations.Complete(job, itemId, compared, kept),
        });
        return new WorkDone(tally.Stored, tally.Already, tally.Skipped);
    }
}
