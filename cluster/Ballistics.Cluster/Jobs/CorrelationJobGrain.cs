using Ballistics.Cluster.Corpus;
using Ballistics.Cluster.Hosting;
using Ballistics.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ballistics.Cluster.Jobs;

/// <summary>
/// Hands a job's pending items to workers, as many batches at once as there are worker slots, and hands a batch out again
/// when its worker's silo is lost. The store decides what is done (an item's leads and done mark commit together, once),
/// so the work needs nothing of this grain to survive its silo: the next activation reads what is pending and goes on.
/// The run goes on in the background of the activation (a call as long as a job would outlive any sensible timeout, and
/// a caller waiting on a dead silo's answer would wait for that timeout); callers start it and poll its account
/// (<see cref="JobRun"/>, grain state, written as each batch returns).
/// </summary>
internal sealed class CorrelationJobGrain(
    IOptions<ClusterCorpusOptions> options,
    ILogger<CorrelationJobGrain> log,
    [PersistentState("run", ClusterStorage.JobsStorage)] IPersistentState<JobRun> run) : Grain, ICorrelationJobGrain
{
    private Task? _running;

    public Task<JobRun> Start(int batchItems)
    {
        if (_running is not { IsCompleted: false })
        {
            // Started on the activation's own scheduler: its turns interleave with Progress calls, never run beside them.
            _running = RunJob(Math.Max(1, batchItems));
        }

        return Progress();
    }

    // A copy: the state goes on changing under the run while the caller reads it.
    public Task<JobRun> Progress() => Task.FromResult(run.State with { Running = _running is { IsCompleted: false } });

    private async Task RunJob(int batchItems)
    {
        var jobId = this.GetPrimaryKeyLong();
        try
        {
            var (pending, done) = Pending(jobId);
            run.State.Runs++;
            (run.State.StartedAt, run.State.EndedAt, run.State.Error) = (DateTimeOffset.UtcNow, null, null);
            (run.State.Silo, run.State.Done, run.State.Total, run.State.Skipped) = (RuntimeIdentity, done, pending.Count + done, 0);
            await run.WriteStateAsync();
            var batches = pending.Chunk(batchItems).ToArray();
            var next = 0;
            // Every silo's worker slots kept busy: two batches in flight per shard of parallelism is plenty on small silos.
            var slots = Math.Max(2, options.Value.Shards);
            var running = new List<Task<WorkDone>>();
            var workers = 0L;
            while (next < batches.Length || running.Count > 0)
            {
                // A job cancelled by its key hands out no more batches; those in flight finish and are kept.
                while (next < batches.Length && running.Count < slots && !Cancelled(jobId))
                {
                    running.Add(Hand(jobId, batches[next++], workers++));
                }

                var finished = await Task.WhenAny(running);
                running.Remove(finished);
                var work = await finished;
                run.State.Skipped += work.Skipped;
                run.State.Done += work.Stored;
                await run.WriteStateAsync();
            }

            (pending, done) = Pending(jobId);
            if (pending.Count == 0)
            {
                using var store = Open();
                store.Correlations.Finish(store.Correlations.Get(jobId)!);
                run.State.FinishedAt = DateTimeOffset.UtcNow;
            }

            run.State.Done = done;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OrleansException or TimeoutException or IOException)
        {
            // Kept for the caller polling the account; the store keeps every item done so far, so a later start goes on.
            log.LogError(ex, "correlation job {Job} stopped", jobId);
            run.State.Error = ex.Message;
        }

        run.State.EndedAt = DateTimeOffset.UtcNow;
        await run.WriteStateAsync();
    }

    /// <summary>One batch to a worker; again (to whichever worker answers) while a lost silo holds it up.</summary>
    private Task<WorkDone> Hand(long jobId, long[] batch, long worker)
    {
        var attempt = 0;
        return LostSilos.Retry(
            () =>
            {
                if (attempt++ > 0)
                {
                    run.State.BatchesHandedAgain++;
                }

                return GrainFactory.GetGrain<ICorrelationWorkerGrain>(worker).Correlate(jobId, batch);
            },
            log,
            $"correlation job {jobId}: batch of {batch.Length} items");
    }

    private (IReadOnlyList<long> Pending, int Done) Pending(long jobId)
    {
        using var store = Open();
        var job = store.Correlations.Get(jobId) ?? throw new InvalidOperationException($"no correlation job {jobId}");
        var pending = store.Correlations.Pending(job, out var done);
        return (job.CancelledAt is null ? pending : [], done);
    }

    private bool Cancelled(long jobId)
    {
        using var store = Open();
        return store.Correlations.Get(jobId)?.CancelledAt is not null;
    }

    private DataStore Open() => options.Value.OpenStore($"correlation job {this.GetPrimaryKeyLong()}");
}
