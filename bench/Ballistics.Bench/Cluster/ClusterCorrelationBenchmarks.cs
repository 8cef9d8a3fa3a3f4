using Ballistics.Cluster.Corpus;
using Ballistics.Cluster.Hosting;
using Ballistics.Cluster.Jobs;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Store;
using BenchmarkDotNet.Attributes;
using Orleans.TestingHost;

namespace Ballistics.Bench.Cluster;

/// <summary>
/// A batch correlation job (every item on file searched against the rest, its leads stored) over 1, 2 and 3 silos in this
/// process, 12 shards, batches of 8 items as API nodes send them. One job per iteration: divide the items by the time for
/// the batch throughput. The store is a generated corpus put on file beforehand (docs/scaling.md has the commands), named
/// by BALLISTICS_BENCH_JOB_STORE; each iteration's job is a new one (its own output name), so none resumes another's.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class ClusterCorrelationBenchmarks
{
    private const int Shards = 12;
    private const int BatchItems = 8;
    private InProcessTestCluster _cluster = null!;
    private string _folder = "";
    private long _jobId;
    private int _iteration;

    [Params(1, 2, 3)]
    public int Silos { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Environment.GetEnvironmentVariable("BALLISTICS_BENCH_JOB_STORE")
            ?? throw new InvalidOperationException("set BALLISTICS_BENCH_JOB_STORE to a store with a generated corpus on file (docs/scaling.md)");
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var builder = new InProcessTestClusterBuilder((short)Silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBallisticsCorpus(new ClusterCorpusOptions { StoreFolder = _folder, Shards = Shards }, matcher);
            silo.AddMemoryGrainStorage(ClusterStorage.JobsStorage);
        });
        _cluster = builder.Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void NewJob()
    {
        using var store = DataStore.Open(_folder, create: false).Value;
        var options = CorpusSearchOptions.Default;
        (var job, _) = store.Correlations.StartOrResume(null, options.Candidates, 10, $"bench/{Silos}/{Environment.ProcessId}/{_iteration++}", "bench", options.FullComparisons);
        _jobId = job.Id;
    }

    [Benchmark(Description = "correlation job: every item against the rest, batches of 8")]
    public async Task<int> Job()
    {
        var progress = await ClusterCorrelation.Run(_cluster.Client, _jobId, BatchItems);
        return progress.Finished ? progress.Done : throw new InvalidOperationException($"job {_jobId} did not finish: {progress}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.StopAllSilosAsync().GetAwaiter().GetResult();
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
