using System.Threading.Channels;
using Ballistics.Api.Evidence;
using Ballistics.Cluster.Jobs;
using Ballistics.Engine.Corpus;
using Ballistics.Store.Scans;

namespace Ballistics.Api.Jobs;

/// <summary>
/// Runs batch correlation jobs in the background, one at a time, item by item: each item's leads commit with its done
/// mark (the store's <see cref="CorrelationJobs"/>, as `ballistics correlate` uses it), so a server stopped mid-job loses
/// at most the item in hand, and on start it takes up every unfinished job where it stood. On an API node of a cluster the
/// job runs on the silos instead (<see cref="ClusterCorrelation"/>: batches on every silo, handed out again when one is lost).
/// </summary>
public sealed class CorrelationWorker(StoreAccess store, ApiCorpus corpus, ILogger<CorrelationWorker> log) : BackgroundService
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>();

    /// <summary>Queues a job the store already holds.</summary>
    public void Enqueue(long jobId) => _queue.Writer.TryWrite(jobId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in store.Use(s => s.Correlations.Unfinished()))
        {
            Enqueue(job.Id);
        }

        await foreach (var jobId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (corpus.Cluster is { } cluster)
            {
                try
                {
                    await ClusterCorrelation.Run(cluster, jobId, ClusterBatchItems, log, stoppingToken);
                }
                catch (Exception ex) when (ex is InvalidOperationException or OrleansException or TimeoutException)
                {
                    // The job stays open in the store with what was done; the next start of this node takes it up.
                    log.LogError(ex, "correlation job {Job} stopped on the cluster", jobId);
                }

                continue;
            }

            // The work is CPU-bound; it runs off the request threads and checks for a stop between items.
            await Task.Run(() => Run(jobId, stoppingToken), stoppingToken);
        }
    }

    /// <summary>Items a silo's worker takes at a time: small enough that a lost silo costs little work, large enough to keep its cores busy.</summary>
    private const int ClusterBatchItems = 8;

    private async Task Run(long jobId, CancellationToken stop)
    {
        if (store.Use(s => s.Correlations.Get(jobId)) is not { Open: true } job)
        {
            return;
        }

        var pending = store.Use(s => s.Correlations.Pending(job, out _));
        var options = new CorpusSearchOptions { Candidates = job.Candidates, FullComparisons = job.FullComparisons };
        var tally = await CorrelationRun.Items(job, pending, new CorrelationSteps
        {
            Search = async itemId => corpus.Get(itemId) is { } item && await corpus.Search(item, SearchFilter.None, options) is { } result
                ? ItemSearch.Found([.. result.Leads.Select(l => l.ToCorrelationLead(itemId))], result.Leads.Count)
                : ItemSearch.Refused("its scan cannot be had"),
            Complete = (itemId, compared, kept) => store.Use(s => s.Correlations.Complete(job, itemId, compared, kept)),

            // Stopping the server, or the job cancelled by its key.
            Stopped = () => stop.IsCancellationRequested || store.Use(s => s.Correlations.Get(jobId)?.CancelledAt) is not null,
            Skipped = (itemId, reason) => log.LogWarning("correlation job {Job}: item {Item} skipped: {Reason}", jobId, itemId, reason),
        });

        // A job with items that could not be had stays open, as `correlate` leaves it, to be taken up after a repair.
        if (!tally.Stopped && tally.Skipped == 0)
        {
            store.Use(s =>
            {
                s.Correlations.Finish(job);
                return 0;
            });
        }
    }
}
