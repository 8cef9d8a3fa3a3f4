namespace Ballistics.Testing;

/// <summary>The repository a test runs from (the folder holding Ballistics.sln above the test's binaries).</summary>
public static class Repository
{
    private static readonly Lazy<string> Found = new(Locate);

    public static string Root => Found.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ballistics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("cannot find the repository root (Ballistics.sln) above " + AppContext.BaseDirectory);
    }
}
