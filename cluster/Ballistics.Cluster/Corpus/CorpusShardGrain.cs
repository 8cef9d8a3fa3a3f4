using System.Globalization;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Store;
using Microsoft.Extensions.Options;

namespace Ballistics.Cluster.Corpus;

/// <summary>
/// A shard's signature index, loaded from the store when Orleans activates the grain (on whichever silo it places it)
/// and searched in memory after that: the whole corpus is held once across the cluster, each silo holding its shards.
/// Items stored later (through any API node or CLI) are taken in when a query says the corpus reaches past what the
/// shard has seen — ids commit in order, so "after the last id seen" is exactly what is new.
/// </summary>
internal sealed class CorpusShardGrain(IOptions<ClusterCorpusOptions> options, BreechFaceMatcher matcher, QueryScans queries) : Grain, ICorpusShardGrain
{
    private SignatureIndex _index = new(SignatureCodec.Default);
    private long _seenUpTo;
    private int _shard;
    private int _shards;

    // Open for the activation's life: every query's screen reads this shard's candidates from it.
    private DataStore? _store;

    private DataStore Store => _store ?? throw new InvalidOperationException($"shard {_shard} of {_shards} is not active");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shard = (int)this.GetPrimaryKeyLong(out var shards);
        _shards = int.Parse(shards!, NumberStyles.None, CultureInfo.InvariantCulture);
        _store = options.Value.OpenStore($"shard {_shard} of {_shards}");
        _index = new SignatureIndex(SignatureCodec.Default);
        TakeIn();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _store?.Dispose();
        _store = null;
        return Task.CompletedTask;
    }

    public Task<double[]> Screen(byte[] preparedQuery, long[] itemIds, int turns, double shiftRadiusUm)
    {
        ArgumentNullException.ThrowIfNull(preparedQuery);
        ArgumentNullException.ThrowIfNull(itemIds);
        var query = queries.Get(preparedQuery);
        var store = Store;
        var search = new CorpusSearch(_index, matcher);
        var screen = new ScreenOptions { Turns = turns, ShiftRadiusUm = shiftRadiusUm };
        var screens = new double[itemIds.Length];
        var candidates = store.Scans.Candidates(matcher, SurfaceFileOptions.Default, options.Value.LocalCacheFolder);
        Parallel.For(0, itemIds.Length, i => screens[i] = search.ScreenCandidate(query, itemIds[i], screen, candidates).Screen);
        return Task.FromResult(screens);
    }

    public Task<ShardHits> Search(ShardQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.CorpusLastId > _seenUpTo)
        {
            TakeIn();
            // Every item up to the query's last id had committed when the query was made, so this shard has them all,
            // even when the newest belong to other shards (it reads only its own rows).
            _seenUpTo = Math.Max(_seenUpTo, query.CorpusLastId);
        }

        var hits = _index.Search(query.ToCodes(), query.Filter.ToFilter(), query.Top, query.ExcludeItemId);
        return Task.FromResult(new ShardHits([.. hits.Select(h => h.ItemId)], [.. hits.Select(h => h.Similarity)], _index.Count));
    }

    /// <summary>This shard's items stored after the last one seen.</summary>
    private void TakeIn()
    {
        _seenUpTo = Math.Max(_seenUpTo, Store.Scans.AddToIndex(_index, _seenUpTo, matcher, SurfaceFileOptions.Default, shard: _shard, shards: _shards));
    }
}
