using Ballistics.Engine.Corpus;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Store.Scans;

/// <summary>
/// What is derived from each original and kept by content address under <c>DIR/cache/</c>: prepared surfaces
/// (<c>prepared/</c>), so a search re-ranks its candidates without preprocessing them again, and screen samples
/// (<c>screen/</c>), so its screen reads a few hundred KB per candidate. (The turn samples of earlier versions, in
/// <c>turns/</c>, are no longer read.) An entry can always be rebuilt from the
/// original: one written by another preprocessing version or options, half written or unreadable reads as absent.
/// Screen samples carry no version of their own, so they are kept in a folder named by the preprocessing versions that
/// made them (<see cref="ScreenVersionFolder"/>): after an upgrade they are taken again from the scans as prepared today,
/// and the older folders are no longer read.
/// </summary>
internal sealed class DerivedCache(string storeFolder)
{
    /// <summary>The folder of screen samples made by today's preprocessing of topographies and photographs.</summary>
    public static readonly string ScreenVersionFolder = $"{Preprocessor.AlgorithmVersion}+{PhotographPreprocessor.AlgorithmVersion}".Replace('/', '-');

    private readonly string _root = Path.Combine(storeFolder, "cache", "prepared");
    private readonly string _screen = Path.Combine(storeFolder, "cache", "screen", ScreenVersionFolder);

    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256 + ".bps");

    public string ScreenPathOf(string sha256) => Path.Combine(_screen, sha256[..2], sha256 + ".bss");

    public void Put(string sha256, PreparedScan scan) => Write(PathOf(sha256), stream => PreparedScanCodec.Write(scan, stream));

    public void PutScreen(string sha256, ScreenSamples samples) => Write(ScreenPathOf(sha256), samples.Write);

    public ScreenSamples? GetScreen(string sha256)
    {
        var path = ScreenPathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return ScreenSamples.Read(stream);
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
