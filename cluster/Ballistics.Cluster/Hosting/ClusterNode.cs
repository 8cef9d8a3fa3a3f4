using System.Net;
using Ballistics.Cluster.Corpus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Orleans.Configuration;

namespace Ballistics.Cluster.Hosting;

/// <summary>Where a silo listens and what it serves: the store's data folder and the cluster it joins.</summary>
public sealed record SiloSettings
{
    public required string StoreFolder { get; init; }

    public string ClusterId { get; init; } = ClusterNode.DefaultClusterId;

    /// <summary>The address other silos and clients reach this one at (loopback for a cluster on one machine).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    public int SiloPort { get; init; } = EndpointOptions.DEFAULT_SILO_PORT;

    public int GatewayPort { get; init; } = EndpointOptions.DEFAULT_GATEWAY_PORT;

    public int Shards { get; init; } = new ClusterCorpusOptions().Shards;

    /// <summary>The silo's own cache of its shards' screen samples (<see cref="ClusterCorpusOptions.LocalCacheFolder"/>).</summary>
    public string? LocalCacheFolder { get; init; }
}

/// <summary>
/// The two kinds of process of a cluster: silos (<c>ballistics silo</c>), which hold the corpus's shards and do the
/// searches and batch work, and clients (<c>ballistics serve --cluster</c>, API nodes), which hold nothing and call them.
/// Both find each other through the membership table in the store's PostgreSQL database.
/// </summary>
public static class ClusterNode
{
    public const string DefaultClusterId = "ballistics";

    /// <summary>One service across clusters' restarts: grain state is keyed by it, so a job's account outlives the silos.</summary>
    public const string ServiceId = "ballistics";

    /// <summary>A silo host over the store whose PostgreSQL database is <paramref name="connectionString"/> (the silo makes the cluster's tables if missing).</summary>
    public static IHost BuildSilo(SiloSettings settings, string connectionString, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = Host.CreateApplicationBuilder();
        Logging(builder, logging);
        builder.UseOrleans(silo =>
        {
            silo.UseBallisticsPostgres(connectionString);
            silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (settings.ClusterId, ServiceId));
            silo.ConfigureEndpoints(settings.Address, settings.SiloPort, settings.GatewayPort);
            silo.AddBallisticsCorpus(new ClusterCorpusOptions
            {
                StoreFolder = Path.GetFullPath(settings.StoreFolder),
                Shards = settings.Shards,
                LocalCacheFolder = settings.LocalCacheFolder is { } local ? Path.GetFullPath(local) : null,
            });
        });
        return builder.Build();
    }

    /// <summary>Makes <paramref name="builder"/>'s host a client of the cluster whose membership is in <paramref name="connectionString"/>'s database.</summary>
    public static void AddClient(IHostApplicationBuilder builder, string connectionString, string clusterId = DefaultClusterId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // The providers' queries are read from the database as the client starts: a node started before any silo
        // installs them itself (idempotent, under the same lock as the silos) instead of failing on a missing table.
        ClusterDatabase.EnsureSchema(connectionString);
        builder.UseOrleansClient(client =>
        {
            client.UseBallisticsPostgres(connectionString);
            client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId, ServiceId));
        });
    }

    private static void Logging(HostApplicationBuilder builder, Action<ILoggingBuilder>? logging)
    {
        // Orleans is chatty at Information; a silo's console says what an operator needs: warnings, and its own start.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Ballistics", LogLevel.Information);
        // Logs to standard error: standard output carries the silo's own lines (its ready line) for whoever started it.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging?.Invoke(builder.Logging);
    }
}
