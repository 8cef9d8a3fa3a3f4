namespace Ballistics.Cluster.Jobs;

/// <summary>
/// One correlation job (keyed by its id in the store) run across the cluster: its pending items cut into batches and
/// handed to workers on every silo. Everything it knows is in the store, so whichever silo activates it resumes it.
/// </summary>
public interface ICorrelationJobGrain : IGrainWithIntegerKey
{
    /// <summary>Runs the job's pending items to the end (batches of a lost worker are handed out again) and finishes it.</summary>
    Task<JobProgress> Run(int batchItems);
}

/// <summary>Where a job stands: items done of its selection, and whether it is finished.</summary>
[GenerateSerializer]
[Immutable]
public sealed record JobProgress([property: Id(0)] long JobId, [property: Id(1)] int Done, [property: Id(2)] int Total, [property: Id(3)] int Skipped, [property: Id(4)] bool Finished);
