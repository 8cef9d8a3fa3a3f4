namespace Ballistics.Cluster.Corpus;

/// <summary>One shard of the corpus: the stage-1 codes of its items held in memory, searched on request.</summary>
public interface ICorpusShardGrain : IGrainWithIntegerKey
{
    /// <summary>The shard's best items for the query (at most its Top), as its own index would rank them.</summary>
    Task<ShardHits> Search(ShardQuery query);
}
