using Ballistics.Cluster.Corpus;
using Ballistics.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ballistics.Cluster.Jobs;

/// <summary>
/// Hands a job's pending items to workers, as many batches at once as there are worker slots, and hands a batch out again
/// when its worker's silo is lost. The store decides what is done (an item's leads and done mark commit together, once),
/// so the work needs nothing of this grain to survive its silo: the next activation reads what is pending and goes on.
/// The account of the runs (<see cref="JobRun"/>) is grain state, written as each batch returns.
/// </summary>
internal sealed class CorrelationJobGrain(
    IOptions<ClusterCorpusOptions> options,
    ILogger<CorrelationJobGrain> log,
    [PersistentState("run", CorrelationJobGrain.Storage)] IPersistentState<JobRun> run) : Grain, ICorrelationJobGrain
{
    /// <summary>The grain storage the silos provide for job state (PostgreSQL through Orleans' ADO.NET provider).</summary>
    public const string Storage = "jobs";

    /// <summary>Attempts of one batch before the job gives up on the cluster (each after a lost worker).</summary>
    private const int Attempts = 5;

    public async Task<JobProgress> Run(int batchItems)
    {
        var jobId = this.GetPrimaryKeyLong();
        var (pending, done) = Pending(jobId);
        var total = pending.Count + done;
        run.State.Runs++;
        run.State.StartedAt = DateTimeOffset.UtcNow;
        run.State.Silo = RuntimeIdentity;
        run.State.Done = done;
        run.State.Total = total;
        await run.WriteStateAsync();
        var batches = pending.Chunk(Math.Max(1, batchItems)).ToArray();
        var skipped = 0;
        var next = 0;
        // Every silo's worker slots kept busy: two batches in flight per shard of parallelism is plenty on small silos.
        var slots = Math.Max(2, options.Value.Shards);
        var running = new List<Task<WorkDone>>();
        var workers = 0L;
        while (next < batches.Length || running.Count > 0)
        {
            while (next < batches.Length && running.Count < slots)
            {
                running.Add(Hand(jobId, batches[next++], workers++));
            }

            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            var work = await finished;
            skipped += work.Skipped;
            run.State.Done += work.Stored;
            await run.WriteStateAsync();
        }

        (pending, done) = Pending(jobId);
        var complete = pending.Count == 0;
        if (complete)
        {
            using var store = Open();
            store.Correlations.Finish(store.Correlations.Get(jobId)!);
        }

        run.State.Done = done;
        run.State.FinishedAt = complete ? DateTimeOffset.UtcNow : null;
        await run.WriteStateAsync();

        return new JobProgress(jobId, done, total, skipped, complete);
    }

    public Task<JobRun> Progress() => Task.FromResult(run.State);

    /// <summary>One batch to a worker; again to another when the first is lost with its silo.</summary>
    private async Task<WorkDone> Hand(long jobId, long[] batch, long worker)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GrainFactory.GetGrain<ICorrelationWorkerGrain>(worker).Correlate(jobId, batch);
            }
            catch (Exception ex) when (attempt < Attempts && ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                log.LogWarning("correlation job {Job}: batch of {Items} items lost with its worker ({Reason}); handed out again", jobId, batch.Length, ex.GetType().Name);
                run.State.BatchesHandedAgain++;
            }
        }
    }

    private (IReadOnlyList<long> Pending, int Done) Pending(long jobId)
    {
        using var store = Open();
        var job = store.Correlations.Get(jobId) ?? throw new InvalidOperationException($"no correlation job {jobId}");
        var pending = store.Correlations.Pending(job, out var done);
        return (pending, done);
    }

    private RecordStore Open()
    {
        var opened = RecordStore.Open(options.Value.StoreFolder, create: false);
        return opened.Success ? opened.Value : throw new InvalidOperationException(opened.Error!.ToString());
    }
}
