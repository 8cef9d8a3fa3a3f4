using Microsoft.Extensions.Logging;

namespace Ballistics.Cluster.Jobs;

/// <summary>
/// What a client (an API node, a test) calls to run a correlation job on the cluster: it starts the job grain and polls
/// its account until the run ends. When the job grain's silo is lost, the next poll reaches a new activation with no run
/// under way, and the job is started again there — it reads what is pending from the store and goes on.
/// </summary>
public static class ClusterCorrelation
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private const int MostRestarts = 3;

    public static async Task<JobProgress> Run(IGrainFactory grains, long jobId, int batchItems, ILogger? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var job = grains.GetGrain<ICorrelationJobGrain>(jobId);
        var what = $"correlation job {jobId}";
        var account = await LostSilos.Retry(() => job.Start(batchItems), log, what);
        var runs = account.Runs;
        var restarts = 0;
        while (true)
        {
            if (!account.Running)
            {
                var ended = account.Runs >= runs && account.EndedAt is not null && account.Runs > 0;
                if (ended && account.Error is null)
                {
                    return new JobProgress(jobId, account.Done, account.Total, account.Skipped, account.FinishedAt is not null);
                }

                // A run that stopped on an error (its silo shutting down under it, say) is started again a few times:
                // every start reads what is pending from the store, so nothing is done twice. An error that persists is the caller's.
                if (ended && ++restarts > MostRestarts)
                {
                    throw new InvalidOperationException($"{what}: {account.Error}");
                }

                log?.LogWarning("{What}: its run {How}; started again", what, ended ? $"stopped ({account.Error})" : "was lost with its silo");
                await Task.Delay(TimeSpan.FromSeconds(restarts), cancel);
                account = await LostSilos.Retry(() => job.Start(batchItems), log, what);
                runs = account.Runs;
                continue;
            }

            await Task.Delay(Poll, cancel);
            account = await LostSilos.Retry(() => job.Progress(), log, what);
        }
    }
}
