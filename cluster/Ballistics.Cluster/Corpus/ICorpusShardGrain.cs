using System.Globalization;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// One shard of the corpus: the stage-1 codes of its items held in memory, searched on request. Its key is the shard's
/// number with the shard count as the key's extension, so callers cut with different counts never share a grain and a
/// set of shards always covers the whole corpus once.
/// </summary>
public interface ICorpusShardGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>
    /// The shard's best items for the query (at most its Top), as its own index would rank them — after taking in the
    /// items stored since it last looked, when the query says the corpus reaches further than the shard has seen.
    /// </summary>
    Task<ShardHits> Search(ShardQuery query);

    /// <summary>
    /// Stage 2's screen of some of this shard's items against the query (its prepared scan, as <c>PreparedScanCodec</c>
    /// writes it), computed here beside the items' screen samples: one number each, in order (NaN: cannot be had).
    /// </summary>
    Task<double[]> Screen(byte[] preparedQuery, long[] itemIds, int turns, double shiftRadiusUm);
}

/// <summary>Finds shard grains by number and count.</summary>
public static class CorpusShards
{
    public static ICorpusShardGrain Get(IGrainFactory grains, int shard, int shards)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ICorpusShardGrain>(shard, shards.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The shard an item lives in.</summary>
    public static int Of(long itemId, int shards) => (int)(itemId % shards);
}
