using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;

namespace Ballistics.Store.Scans;

/// <summary>
/// The items of a store as a search reads them: prepared scans and screen samples from the store's caches (prepared again
/// from the originals when a cache entry is missing), screen samples through this machine's own disk cache when a
/// folder for it is given (a silo screening its shard).
/// </summary>
internal sealed class StoredCandidates(ScanCorpus corpus, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, string? localCacheFolder) : ICandidateSource
{
    public (PreparedScan? Scan, string? Reason) Candidate(long itemId) => corpus.Candidate(itemId, matcher, fileOptions);

    public ScreenSamples? ScreenSamples(long itemId) => localCacheFolder is null
        ? corpus.ScreenSamples(itemId, matcher, fileOptions)
        : corpus.ScreenSamples(itemId, matcher, fileOptions, localCacheFolder);
}
