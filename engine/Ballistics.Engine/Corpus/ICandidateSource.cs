using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// Where a search reads the items on file it ranks in stage 2. The store implements it once (its prepared-scan and
/// screen-sample caches); every host — the CLI, the API, a silo — searches through that one implementation.
/// </summary>
public interface ICandidateSource
{
    /// <summary>An item's prepared scan, or null with the reason it cannot be had.</summary>
    (PreparedScan? Scan, string? Reason) Candidate(long itemId);

    /// <summary>An item's stored screen samples (the caller disposes them), or null when there are none: the screen then reads the prepared scan.</summary>
    ScreenSamples? ScreenSamples(long itemId);
}
