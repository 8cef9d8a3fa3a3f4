using System.Threading.Channels;
using Ballistics.Api.Evidence;
using Ballistics.Engine.Corpus;
using Ballistics.Store.Scans;

namespace Ballistics.Api.Jobs;

/// <summary>
/// Runs batch correlation jobs in the background, one at a time, item by item: each item's leads commit with its done
/// mark (the store's <see cref="CorrelationJobs"/>, as `ballistics correlate` uses it), so a server stopped mid-job loses
/// at most the item in hand, and on start it takes up every unfinished job where it stood.
/// </summary>
public sealed class CorrelationWorker(StoreAccess store, CorpusService corpus, ILogger<CorrelationWorker> log) : BackgroundService
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
            // The work is CPU-bound and synchronous; it runs off the request threads and checks for a stop between items.
            await Task.Run(() => Run(jobId, stoppingToken), stoppingToken);
        }
    }

    private void Run(long jobId, CancellationToken stop)
    {
        if (store.Use(s => s.Correlations.Get(jobId)) is not { FinishedAt: null } job)
        {
            return;
        }

        var pending = store.Use(s => s.Correlations.Pending(job, out _));
        var options = new CorpusSearchOptions { Candidates = job.Candidates, FullComparisons = job.FullComparisons };
        var skipped = 0;
        foreach (var itemId in pending)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            if (corpus.Get(itemId) is not { } item || corpus.Search(item, SearchFilter.None, options) is not { } result)
            {
                log.LogWarning("correlation job {Job}: item {Item} skipped: its scan cannot be had", jobId, itemId);
                skipped++;
                continue;
            }

            var kept = result.Leads.Take(job.Leads).Select(l => CorrelationLead.Of(itemId, l)).ToArray();
            store.Use(s =>
            {
                s.Correlations.Complete(job, itemId, result.Leads.Count, kept);
                return 0;
            });
        }

        // A job with items that could not be had stays open, as `correlate` leaves it, to be taken up after a repair.
        if (skipped == 0)
        {
            store.Use(s =>
            {
                s.Correlations.Finish(job);
                return 0;
            });
        }
    }
}
