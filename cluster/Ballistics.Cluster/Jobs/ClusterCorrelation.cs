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

    public static async Task<JobProgress> Run(IGrainFactory grains, long jobId, int batchItems, ILogger? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var job = grains.GetGrain<ICorrelationJobGrain>(jobId);
        var what = $"correlation job {jobId}";
        var account = await LostSilos.Retry(() => job.Start(batchItems), log, what);
        var runs = account.Runs;
        while (true)
        {
            if (!account.Running)
            {
                if (account.Runs >= runs && account.EndedAt is not null && account.Runs > 0)
                {
                    return account.Error is { } error
                        ? throw new InvalidOperationException($"{what}: {error}")
                        : new JobProgress(jobId, account.Done, account.Total, account.Skipped, account.FinishedAt is not null);
                }

                // A new activation (the last one's silo was lost) with nothing under way: start it again.
                log?.LogWarning("{What}: its coordinator was lost; started again", what);
                account = await LostSilos.Retry(() => job.Start(batchItems), log, what);
                runs = account.Runs;
                continue;
            }

            await Task.Delay(Poll, cancel);
            account = await LostSilos.Retry(() => job.Progress(), log, what);
        }
    }
}
