using Orleans.Concurrency;

namespace Ballistics.Cluster.Jobs;

/// <summary>
/// One correlation job (keyed by its id in the store) run across the cluster: its pending items cut into batches and
/// handed to workers on every silo. What is done is in the store, so whichever silo activates it resumes it; how the
/// runs went (<see cref="JobRun"/>) is the grain's own state, kept by the cluster's grain storage.
/// </summary>
public interface ICorrelationJobGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Starts the job's pending items running on the cluster unless this activation runs them already (batches of a lost
    /// worker are handed out again; the job is finished when none is left), and returns its account at once.
    /// </summary>
    Task<JobRun> Start(int batchItems);

    /// <summary>How the job's runs went so far; answered while a run is under way.</summary>
    [AlwaysInterleave]
    Task<JobRun> Progress();
}

/// <summary>Where a job stands when a run of it ended: items done of its selection, and whether it is finished.</summary>
[GenerateSerializer]
[Immutable]
public sealed record JobProgress([property: Id(0)] long JobId, [property: Id(1)] int Done, [property: Id(2)] int Total, [property: Id(3)] int Skipped, [property: Id(4)] bool Finished);

/// <summary>
/// A job's runs on the cluster, as its grain keeps them in grain storage: how often it was started or resumed (a
/// coordinator lost with its silo makes one more), batches handed out again after their worker was lost, and the items
/// done when it last looked. Settable properties: the storage writes it as JSON an administrator can read.
/// </summary>
[GenerateSerializer]
public sealed record JobRun
{
    [Id(0)]
    public int Runs { get; set; }

    [Id(1)]
    public int BatchesHandedAgain { get; set; }

    [Id(2)]
    public int Done { get; set; }

    [Id(3)]
    public int Total { get; set; }

    [Id(4)]
    public DateTimeOffset? StartedAt { get; set; }

    [Id(5)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The silo that ran it last.</summary>
    [Id(6)]
    public string? Silo { get; set; }

    [Id(7)]
    public int Skipped { get; set; }

    /// <summary>When the last run ended (finished, or stopped by <see cref="Error"/>).</summary>
    [Id(8)]
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why the last run stopped short, when it did.</summary>
    [Id(9)]
    public string? Error { get; set; }

    /// <summary>A run under way on the activation that answered (not stored: an activation's, not the job's).</summary>
    [Id(10)]
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Running { get; set; }
}
