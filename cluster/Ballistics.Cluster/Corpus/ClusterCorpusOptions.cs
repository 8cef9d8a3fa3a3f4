using Ballistics.Store;

namespace Ballistics.Cluster.Corpus;

/// <summary>Where the silos find the corpus and how it is cut: item i lives in shard i mod <see cref="Shards"/>.</summary>
public sealed record ClusterCorpusOptions
{
    /// <summary>The store's data folder (a PostgreSQL store when the silos are on several machines).</summary>
    public string StoreFolder { get; init; } = "data";

    /// <summary>How many shard grains the corpus is cut into; Orleans places them across the silos.</summary>
    public int Shards { get; init; } = 12;

    /// <summary>
    /// A folder on the silo's own disk where its shards keep their candidates' screen samples once read (null: read them
    /// from the store's folder each time). Across machines the store's folder is shared storage; with this set, a
    /// query's screens read the network once per candidate and silo, not once per query.
    /// </summary>
    public string? LocalCacheFolder { get; init; }

    /// <summary>The store the grains read; <paramref name="who"/> (a shard, the searcher, a job) names the grain in the error when it cannot be opened.</summary>
    public DataStore OpenStore(string who)
    {
        var opened = DataStore.Open(StoreFolder, create: false);
        return opened.Success ? opened.Value : throw new InvalidOperationException($"{who}: {opened.Error}");
    }
}
