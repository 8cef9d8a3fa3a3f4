using System.Text;

namespace Ballistics.Cli;

/// <summary>How every verb writes its output files.</summary>
internal static class CliFiles
{
    /// <summary>UTF-8 without a byte-order mark, written as <see cref="WriteAtomically(string, byte[])"/> writes.</summary>
    public static void WriteAtomically(string path, string text) => WriteAtomically(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes beside the target and renames, so a reader never sees half a file and a crash leaves the old one.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        File.WriteAllBytes(partial, bytes);
        File.Move(partial, full, overwrite: true);
    }
}
