using Ballistics.Engine.Corpus;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Store.Scans;

/// <summary>
/// What is derived from each original and kept by content address under <c>DIR/cache/</c>: prepared surfaces
/// (<c>prepared/</c>), so a search re-ranks its candidates without preprocessing them again, and turn samples
/// (<c>turns/</c>), so its screen reads a few hundred KB per candidate. An entry can always be rebuilt from the
/// original: one written by another preprocessing version or options, half written or unreadable reads as absent.
/// </summary>
internal sealed class DerivedCache(string storeFolder)
{
    private readonly string _root = Path.Combine(storeFolder, "cache", "prepared");
    private readonly string _turns = Path.Combine(storeFolder, "cache", "turns");

    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256 + ".bps");

    public string TurnsPathOf(string sha256) => Path.Combine(_turns, sha256[..2], sha256 + ".bts");

    public void Put(string sha256, PreparedScan scan) => Write(PathOf(sha256), stream => PreparedScanCodec.Write(scan, stream));

    public void PutTurns(string sha256, TurnSamples samples) => Write(TurnsPathOf(sha256), samples.Write);

    public TurnSamples? GetTurns(string sha256)
    {
        var path = TurnsPathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return TurnSamples.Read(stream);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static void Write(string final, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temporary = $"{final}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        using (var stream = File.Create(temporary))
        {
            write(stream);
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
