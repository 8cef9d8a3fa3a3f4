using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Ballistics.Testing;
using Ballistics.Cluster.Hosting;
using Ballistics.Engine.Preprocessing;
using Orleans.TestingHost;

namespace Ballistics.Cluster.Tests;

/// <summary>Eight real scans on file in a test's store, and a cluster of silos in this process serving them in shards.</summary>
internal static class TestCorpus
{
    public const int Shards = 5;

    public static readonly string[] Scans =
    [
        "baldwin_K013sA1_processed", "baldwin_K013sA2_processed", "baldwin_K227iG3_processed", "fadul_1-1_processed", "fadul_1-2_processed",
        "triplet_x3p1_processed", "triplet_x3p2_processed", "triplet_x3p3_questioned",
    ];

    /// <summary>A new store in <paramref name="folder"/> with the first <paramref name="count"/> scans of <see cref="Scans"/> (all by default) on file.</summary>
    public static DataStore Create(string folder, BreechFaceMatcher matcher, int count = int.MaxValue)
    {
        var store = DataStore.Open(folder, create: true).Value;
        Add(store, matcher, Scans.Take(count));
        return store;
    }

    /// <summary>Puts the named scans on file in <paramref name="store"/>.</summary>
    public static void Add(DataStore store, BreechFaceMatcher matcher, IEnumerable<string> names)
    {
        var submissions = names.Select(name => new ScanSubmission(SharedData.X3p($"cartridge/{name}.x3p"))).ToArray();
        var added = store.Scans.Add(submissions, matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
        Assert.That(added.Added, Has.Count.EqualTo(submissions.Length));
    }

    /// <summary>
    /// Searches every item on file in <paramref name="folder"/> among the rest, in this process and on the cluster, asserts
    /// that both give the same stage-1 hits, ranked leads and item count, and returns each query with the cluster's result.
    /// </summary>
    public static async Task<List<(string FileName, PreparedScan Query, CorpusSearchResult Result)>> SearchEveryItemBothWays(
        string folder, BreechFaceMatcher matcher, IClusterClient client, CorpusSearchOptions options)
    {
        using var store = DataStore.Open(folder, create: false).Value;
        var single = new CorpusSearch(store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default), matcher);
        var cluster = new ClusterSearch(client, Shards, matcher);
        var searched = new List<(string, PreparedScan, CorpusSearchResult)>();
        foreach (var item in store.Scans.Items())
        {
            var query = store.Scans.Prepared(item, matcher, SurfaceFileOptions.Default).Scan!;
            var candidates = store.Scans.Candidates(matcher, SurfaceFileOptions.Default);

            var expected = single.Search(query, SearchFilter.None, options, candidates, item.Id);
            var actual = await cluster.Search(query, SearchFilter.None, options, candidates, store.Scans.LastId(), item.Id);

            Assert.That(actual.StageOne, Is.EqualTo(expected.StageOne), item.FileName);
            Assert.That(actual.Leads.Select(l => (l.Rank, l.ItemId, l.Score)), Is.EqualTo(expected.Leads.Select(l => (l.Rank, l.ItemId, l.Score))), item.FileName);
            Assert.That(actual.Searched, Is.EqualTo(expected.Searched), "every shard's items counted once");
            searched.Add((item.FileName, query, actual));
        }

        return searched;
    }

    /// <summary>Silos (not yet deployed) whose shard grains read the store in <paramref name="folder"/>.</summary>
    public static InProcessTestCluster Cluster(string folder, BreechFaceMatcher matcher, int silos = 3, string? localCache = null)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBallisticsCorpus(new ClusterCorpusOptions { StoreFolder = folder, Shards = Shards, LocalCacheFolder = localCache }, matcher);
            silo.AddMemoryGrainStorage(ClusterStorage.JobsStorage);
        });
        return builder.Build();
    }
}
