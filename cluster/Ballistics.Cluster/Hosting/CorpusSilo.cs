using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ballistics.Cluster.Hosting;

/// <summary>What a silo needs to serve the corpus's grains: where the store is, how the corpus is cut, and the matcher.</summary>
public static class CorpusSilo
{
    /// <summary>The services of the shard, search, job and worker grains, with the default matcher unless one is given.</summary>
    public static ISiloBuilder AddBallisticsCorpus(this ISiloBuilder silo, ClusterCorpusOptions options, BreechFaceMatcher? matcher = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Services.AddSingleton(Options.Create(options));
        silo.Services.AddSingleton(matcher ?? new BreechFaceMatcher(ScoreModel.LoadDefault()));
        silo.Services.AddSingleton<QueryScans>();
        return silo;
    }
}
