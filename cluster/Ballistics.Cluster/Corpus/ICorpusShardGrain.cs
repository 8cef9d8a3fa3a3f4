namespace Ballistics.Cluster.Corpus;

/// <summary>One shard of the corpus: the stage-1 codes of its items held in memory, searched on request.</summary>
public interface ICorpusShardGrain : IGrainWithIntegerKey
{
    /// <summary>The shard's best items for the query (at most its Top), as its own index would rank them.</summary>
    Task<ShardHits> Search(ShardQuery query);

    /// <summary>
    /// Stage 2's screen of some of this shard's items against the query (its prepared scan, as <c>PreparedScanCodec</c>
    /// writes it), computed here beside the items' screen samples: one number each, in order (NaN: cannot be had).
    /// </summary>
    Task<double[]> Screen(byte[] preparedQuery, long[] itemIds, int turns, double shiftRadiusUm);
}
