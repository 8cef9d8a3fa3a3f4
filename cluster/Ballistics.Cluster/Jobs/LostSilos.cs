using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Ballistics.Cluster.Jobs;

/// <summary>
/// Calls made again while the cluster gets over a lost silo. Until membership declares a killed silo dead (its probes
/// missed and the other silos' votes in: some tens of seconds with Orleans' defaults), calls to grains it held fail at
/// once; counting attempts would give up in a second, so the budget is time, with a pause that grows between tries.
/// </summary>
internal static class LostSilos
{
    /// <summary>Well past Orleans' default time to declare a silo dead; a cluster still failing then has a real problem.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static bool IsLostSilo(Exception ex) => ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    public static async Task<T> Retry<T>(Func<Task<T>> call, ILogger? log, string what)
    {
        ArgumentNullException.ThrowIfNull(call);
        var watch = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsLostSilo(ex) && watch.Elapsed < Patience)
            {
                log?.LogWarning("{What}: a silo was lost ({Reason}); trying again in {Pause} ms", what, ex.GetType().Name, (int)pause.TotalMilliseconds);
                await Task.Delay(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
