using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ballistics.Cluster.Hosting;

/// <summary>
/// A cluster whose membership and grain state live in PostgreSQL (Orleans' ADO.NET providers over our
/// <see cref="ClusterDatabase"/> schema): silos on several machines find each other there, clients find the gateways
/// there, and grain state outlives the silo that wrote it. The caller sets <see cref="ClusterOptions"/>: its ClusterId
/// names the membership, its ServiceId the grain state.
/// </summary>
public static class ClusterStorage
{
    /// <summary>
    /// The grain storage for the batch jobs' state: <c>[PersistentState("name", ClusterStorage.JobsStorage)]</c>. The
    /// providers key a state by its name and the grain's key, not the grain's type: each grain type names its own.
    /// </summary>
    public const string JobsStorage = "jobs";

    /// <summary>
    /// Membership and the <see cref="JobsStorage"/> grain storage in the PostgreSQL database of
    /// <paramref name="connectionString"/>; the silo installs the schema as it starts.
    /// </summary>
    public static ISiloBuilder UseBallisticsPostgres(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaInstaller(connectionString));
        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterDatabase.Invariant;
            options.ConnectionString = connectionString;
        });

        // JSON, not Orleans' binary format, for a state an administrator may have to read in the table (payload is
        // UTF-8 JSON) and that need not carry [GenerateSerializer] ids; System.Text.Json rather than the silo-wide
        // default Newtonsoft serializer, whose embedded .NET type names would tie the rows to assembly names.
        builder.AddAdoNetGrainStorage(JobsStorage, (OptionsBuilder<AdoNetGrainStorageOptions> storage) => storage
            .Configure<IOptions<SystemTextJsonGrainStorageSerializerOptions>>((options, json) =>
            {
                options.Invariant = ClusterDatabase.Invariant;
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(json);
            }));
        return builder;
    }

    /// <summary>
    /// A client that finds the gateways of a cluster's active silos in the PostgreSQL database of
    /// <paramref name="connectionString"/> (the silos' schema: a client installs nothing).
    /// </summary>
    public static IClientBuilder UseBallisticsPostgres(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterDatabase.Invariant;
            options.ConnectionString = connectionString;
        });
    }

    // First of all the silo's start stages: the providers load their queries from the schema when they start.
    private sealed class SchemaInstaller(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
            nameof(SchemaInstaller),
            ServiceLifecycleStage.First,
            _ => Task.Run(() => ClusterDatabase.EnsureSchema(connectionString)));
    }
}
