namespace Ballistics.Store.Scans;

/// <summary>One item's search as a correlation run sees it: its leads, best first, and how many it compared; or why it could not be searched.</summary>
public sealed record ItemSearch(IReadOnlyList<CorrelationLead> Leads, int Compared, string? Refusal)
{
    public static ItemSearch Found(IReadOnlyList<CorrelationLead> leads, int compared) => new(leads, compared, null);

    public static ItemSearch Refused(string reason) => new([], 0, reason);
}

/// <summary>What a run did with the items it was given: stored, done already by another worker, skipped; and whether it stopped early.</summary>
public readonly record struct CorrelationTally(int Stored, int Already, int Skipped, bool Stopped);

/// <summary>
/// What a host gives a correlation run: how it searches an item (its own search: in this process, or on a cluster), how
/// it reaches the job's table (directly, or through a lock around a shared connection), and what it says along the way.
/// </summary>
public sealed class CorrelationSteps
{
    /// <summary>An item searched against the corpus, or refused with the reason (its scan cannot be had).</summary>
    public required Func<long, Task<ItemSearch>> Search { get; init; }

    /// <summary>
    /// Stores an item's kept leads with its done mark (<see cref="CorrelationJobs.Complete"/>): item, leads compared, leads
    /// kept; false when the item was done already.
    /// </summary>
    public required Func<long, int, IReadOnlyList<CorrelationLead>, bool> Complete { get; init; }

    /// <summary>Asked before each item: true stops the run there (the server stopping, the job cancelled). Never, when null.</summary>
    public Func<bool>? Stopped { get; init; }

    /// <summary>Told of an item skipped and why.</summary>
    public Action<long, string>? Skipped { get; init; }

    /// <summary>Told after each item stored.</summary>
    public Action? Stored { get; init; }
}

/// <summary>
/// The per-item loop of a batch correlation job, written once for every host (`ballistics correlate`, the API's worker,
/// a silo's worker): each item searched, its job's number of best leads kept and committed with its done mark, an item
/// whose scan cannot be had skipped and told (the job then stays open for a rerun), a stop asked for between items.
/// </summary>
public static class CorrelationRun
{
    public static async Task<CorrelationTally> Items(CorrelationJob job, IEnumerable<long> itemIds, CorrelationSteps steps)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(steps);
        int stored = 0, already = 0, skipped = 0;
        foreach (var itemId in itemIds)
        {
            // What is done stays done: a stop between items loses nothing.
            if (steps.Stopped?.Invoke() == true)
            {
                return new CorrelationTally(stored, already, skipped, Stopped: true);
            }

            var found = await steps.Search(itemId);
            if (found.Refusal is { } reason)
            {
                skipped++;
                steps.Skipped?.Invoke(itemId, reason);
                continue;
            }

            if (steps.Complete(itemId, found.Compared, [.. found.Leads.Take(job.Leads)]))
            {
                stored++;
                steps.Stored?.Invoke();
            }
            else
            {
                already++;
            }
        }

        return new CorrelationTally(stored, already, skipped, Stopped: false);
    }
}
