using Microsoft.Extensions.Logging;

namespace Ballistics.Cluster.Jobs;

/// <summary>
/// What a client (the CLI, an API node) calls to run a correlation job on the cluster: the job grain runs it, and if the
/// job grain's own silo is lost the call is made again — a new activation reads what is pending from the store and goes on.
/// </summary>
public static class ClusterCorrelation
{
    public static async Task<JobProgress> Run(IGrainFactory grains, long jobId, int batchItems, ILogger? log = null, int attempts = 5)
    {
        ArgumentNullException.ThrowIfNull(grains);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<ICorrelationJobGrain>(jobId).Run(batchItems);
            }
            catch (Exception ex) when (attempt < attempts && ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                log?.LogWarning("correlation job {Job}: its coordinator was lost ({Reason}); resumed", jobId, ex.GetType().Name);
            }
        }
    }
}
