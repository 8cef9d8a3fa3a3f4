using System.Security.Cryptography;

namespace Ballistics.Store.Scans;

/// <summary>
/// Original files kept by content: <c>DIR/blobs/ab/abcdef…</c> named by the SHA-256 of their bytes, so the same file
/// added twice is stored once and an examiner can prove a file is the one that was submitted. A file is written to
/// <c>blobs/tmp/</c>, flushed to disk and renamed into place, and only then does its row commit: a crash leaves at
/// worst an unreferenced file (reused by the next add of the same bytes, or swept by <see cref="SweepTemporary"/>),
/// never a row naming a missing or half-written file.
/// </summary>
internal sealed class ContentStore
{
    private readonly string _root;
    private readonly string _temporary;

    public ContentStore(string storeFolder)
    {
        _root = Path.Combine(storeFolder, "blobs");
        _temporary = Path.Combine(_root, "tmp");
    }

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);

    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Stores <paramref name="content"/> under its hash (computed by the caller with <see cref="Hash"/>) unless it is there already.</summary>
    public void Put(string sha256, ReadOnlySpan<byte> content)
    {
        var final = PathOf(sha256);
        if (File.Exists(final) && new FileInfo(final).Length == content.Length)
        {
            return;
        }

        Directory.CreateDirectory(_temporary);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temporary = Path.Combine(_temporary, $"{sha256}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, final, overwrite: true);
    }

    /// <summary>Reads a stored file; null when it is missing.</summary>
    public byte[]? Read(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>
    /// Removes what a killed process left half written, once it is older than <paramref name="minimumAge"/>: a younger
    /// file may be another live writer's, about to be renamed into place.
    /// </summary>
    public int SweepTemporary(TimeSpan minimumAge)
    {
        if (!Directory.Exists(_temporary))
        {
            return 0;
        }

        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(_temporary))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) >= minimumAge)
            {
                File.Delete(file);
                swept++;
            }
        }

        return swept;
    }
}
