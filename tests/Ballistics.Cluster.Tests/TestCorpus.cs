using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Ballistics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    /// <summary>A new store in <paramref name="folder"/> with every scan of <see cref="Scans"/> on file.</summary>
    public static RecordStore Create(string folder, BreechFaceMatcher matcher)
    {
        var store = RecordStore.Open(folder, create: true).Value;
        var added = store.Scans.Add([.. Scans.Select(name => new ScanSubmission(SharedData.X3p($"cartridge/{name}.x3p")))], matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
        Assert.That(added.Added, Has.Count.EqualTo(Scans.Length));
        return store;
    }

    /// <summary>Silos (not yet deployed) whose shard grains read the store in <paramref name="folder"/>.</summary>
    public static InProcessTestCluster Cluster(string folder, BreechFaceMatcher matcher, int silos = 3)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(matcher);
            silo.Services.AddSingleton(Options.Create(new ClusterCorpusOptions { StoreFolder = folder, Shards = Shards }));
        });
        return builder.Build();
    }
}
