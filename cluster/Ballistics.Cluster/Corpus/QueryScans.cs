using System.Security.Cryptography;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Microsoft.Extensions.Caching.Memory;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A query's prepared scan as this silo's shards screen against it, decoded once per silo: every shard on the silo is
/// sent the same bytes at nearly the same moment, and the scan keeps the comparison view its first screen builds (about
/// a tenth of a second of work) — so the view is built once per silo and query, not once per shard.
/// </summary>
internal sealed class QueryScans(BreechFaceMatcher matcher) : IDisposable
{
    // A query's screens all arrive within a second or two; a few held for half a minute cover overlapping searches.
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(30);
    private const int MostKept = 8;

    private readonly MemoryCache _scans = new(new MemoryCacheOptions { SizeLimit = MostKept });

    public PreparedScan Get(byte[] prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var key = Convert.ToHexString(SHA256.HashData(prepared));
        // One decoder per key even when several shards ask at once: the Lazy is what the cache holds.
        var lazy = _scans.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Kept;
            return new Lazy<PreparedScan>(() => Decode(prepared));
        })!;
        return lazy.Value;
    }

    private PreparedScan Decode(byte[] prepared)
    {
        using var stream = new MemoryStream(prepared, writable: false);
        return PreparedScanCodec.Read(stream, matcher.PreprocessOptions) ?? throw new ArgumentException("not a prepared scan", nameof(prepared));
    }

    public void Dispose() => _scans.Dispose();
}
