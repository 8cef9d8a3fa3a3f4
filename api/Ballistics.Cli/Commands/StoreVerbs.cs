using System.CommandLine;
using Ballistics.Engine.Corpus;
using Ballistics.Store;

namespace Ballistics.Cli.Commands;

/// <summary>The options and the opening every verb over the store shares.</summary>
internal static class StoreVerbs
{
    public static Option<string> StoreOption() =>
        new("--store") { DefaultValueFactory = _ => "data", Description = "data folder (default ./data)" };

    public static Option<int?> FullOption() =>
        new("--full") { Description = $"compare in full the best N candidates by the screen at their likely poses (default {CorpusSearchOptions.DefaultFullComparisons}); N at least --candidates compares every candidate in full" };

    /// <summary>The store at <paramref name="storePath"/>, or null with the reason written as an error.</summary>
    public static DataStore? OpenStore(string storePath, bool create, TextWriter error)
    {
        var opened = DataStore.Open(storePath, create);
        if (!opened.Success)
        {
            error.WriteLine($"error: {opened.Error}");
            return null;
        }

        return opened.Value;
    }
}
