namespace Ballistics.Cluster.Jobs;

/// <summary>Searches a batch of a correlation job's items and stores each item's leads with its done mark.</summary>
public interface ICorrelationWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// How many of <paramref name="itemIds"/> this call stored (an item done by another worker first is not stored again).
    /// A batch of searches may take minutes on a busy silo, past Orleans' 30-second default timeout.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<WorkDone> Correlate(long jobId, long[] itemIds);
}

/// <summary>What one batch did: items stored, items found done already, items whose scan could not be had.</summary>
[GenerateSerializer]
[Immutable]
public sealed record WorkDone([property: Id(0)] int Stored, [property: Id(1)] int AlreadyDone, [property: Id(2)] int Skipped);
