namespace Ballistics.Testing;

/// <summary>Finds ../shared/data beside the repository root, where the real scans live; tests read them in place.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>Absolute path of shared/data.</summary>
    public static string DataRoot => Root.Value;

    public static string X3p(string relative) => Path.Combine(DataRoot, "x3p", relative);

    /// <summary>One of the FBI NCIC code lists (MAKCode.tsv, CALCode.tsv, ...).</summary>
    public static string Ncic(string file) => Path.Combine(DataRoot, "ncic", file);

    public static IEnumerable<string> AllX3p() =>
        Directory.EnumerateFiles(Path.Combine(DataRoot, "x3p"), "*.x3p", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BALLISTICS_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var candidate = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : throw new DirectoryNotFoundException($"shared data expected at {candidate} (beside the repository root)");
    }
}
