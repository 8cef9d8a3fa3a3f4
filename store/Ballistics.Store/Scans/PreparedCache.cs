using Ballistics.Engine.Preprocessing;

namespace Ballistics.Store.Scans;

/// <summary>
/// Prepared surfaces by content address under <c>DIR/cache/prepared/</c>, so a search re-ranks its candidates without
/// preprocessing them again. A cache entry can always be rebuilt from the original: one written by another
/// preprocessing version or options, half written or unreadable reads as absent.
/// </summary>
internal sealed class PreparedCache(string storeFolder)
{
    private readonly string _root = Path.Combine(storeFolder, "cache", "prepared");

    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256 + ".bps");

    public void Put(string sha256, PreparedScan scan)
    {
        var final = PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temporary = $"{final}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        using (var stream = File.Create(temporary))
        {
            PreparedScanCodec.Write(scan, stream);
        }

        File.Move(temporary, final, overwrite: true);
    }

    public PreparedScan? Get(string sha256, PreprocessOptions options)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return PreparedScanCodec.Read(stream, options);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null;
        }
    }
}
