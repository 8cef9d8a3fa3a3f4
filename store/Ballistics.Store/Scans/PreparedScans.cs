using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;

namespace Ballistics.Store.Scans;

/// <summary>
/// The prepared scans and screen samples of the items on file: read from the cache beside the originals, else made
/// again from the original by the engine and cached.
/// <para>
/// Concurrency: no lock. Cache entries are written whole under a temporary name and renamed into place
/// (<see cref="DerivedCache"/>), so a reader sees an entry complete or not at all; two threads preparing one item at
/// once make the same bytes and the second rename wins. Nothing here touches the database.
/// </para>
/// </summary>
internal sealed class PreparedScans(ContentStore blobs, DerivedCache cache)
{
    public ContentStore Blobs { get; } = blobs;

    public DerivedCache Cache { get; } = cache;

    /// <summary>An item's prepared scan: from the cache, else prepared again from the original (and cached).</summary>
    public (PreparedScan? Scan, string? Reason) Prepared(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions)
    {
        if (Cache.Get(item.Sha256, matcher.PreprocessOptions) is { } cached)
        {
            return (cached, null);
        }

        var bytes = Blobs.Read(item.Sha256);
        if (bytes is null)
        {
            return (null, $"the original of item {item.Id} ({item.Sha256}) is missing from the store");
        }

        var surface = ScanIngest.ReadOriginal(Blobs.PathOf(item.Sha256), bytes, item, fileOptions);
        if (!surface.Success)
        {
            return (null, surface.Error.ToString());
        }

        var prepared = matcher.Prepare(surface.Value, withComparisonView: false);
        Cache.Put(item.Sha256, prepared);
        return (prepared, null);
    }

    /// <summary>
    /// An item's screen samples: from the cache, else taken from its prepared scan (and cached); null when the scan has
    /// no known axis or is too small (the screen then reads the prepared scan).
    /// </summary>
    public ScreenSamples? ScreenSamples(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions)
    {
        if (Cache.GetScreen(item.Sha256) is { } cached)
        {
            return cached;
        }

        if (Prepared(item, matcher, fileOptions).Scan is not { } scan || matcher.ScreenSamplesOf(scan) is not { } samples)
        {
            return null;
        }

        Cache.PutScreen(item.Sha256, samples);
        return samples;
    }

    /// <summary>
    /// An item's screen samples through a cache on this machine's own disk: read there when present, else as
    /// <see cref="ScreenSamples(ScanItem, BreechFaceMatcher, SurfaceFileOptions)"/> reads them (from the store's folder,
    /// shared storage when several machines use the store) and kept there for next time.
    /// </summary>
    public ScreenSamples? ScreenSamples(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, string localCacheFolder)
    {
        var local = new DerivedCache(localCacheFolder);
        if (local.GetScreen(item.Sha256) is { } cached)
        {
            return cached;
        }

        if (ScreenSamples(item, matcher, fileOptions) is not { } samples)
        {
            return null;
        }

        local.PutScreen(item.Sha256, samples);
        return samples;
    }
}
