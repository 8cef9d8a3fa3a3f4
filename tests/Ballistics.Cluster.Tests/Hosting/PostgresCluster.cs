using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ballistics.Cluster.Hosting;
using Ballistics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Ballistics.Cluster.Tests.Hosting;

/// <summary>A silo's row in orleans_membership.</summary>
internal sealed record SiloRow(string Address, int Port, int Generation, int Status, int ProxyPort);

/// <summary>
/// One cluster whose silos and clients (real hosts in this process, on loopback) keep it in a new PostgreSQL database
/// through <see cref="ClusterStorage.UseBallisticsPostgres(ISiloBuilder, string)"/>. Disposing stops whatever still runs.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    public const string ServiceId = "ballistics-test";

    // Orleans' SiloStatus as the providers store it.
    public const int Active = 3;
    public const int Dead = 6;

    // Two cores run the silos, the clients, PostgreSQL and the tests: waits are generous, timings short.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<IHost> _running = [];

    public string ConnectionString { get; } = PostgresTestServer.CreateDatabase();

    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Starts <paramref name="count"/> silos one after another (the first installs the schema itself).</summary>
    public async Task<IHost[]> StartSilosAsync(int count)
    {
        var silos = new IHost[count];
        for (var i = 0; i < count; i++)
        {
            silos[i] = await StartSiloAsync();
        }

        return silos;
    }

    /// <summary>Starts a silo, in an (as yet) empty database if it is the first: the silo installs the schema itself.</summary>
    public async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(Identify)
                .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
                .Configure<ClusterMembershipOptions>(membership =>
                {
                    membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                    membership.ProbeTimeout = TimeSpan.FromSeconds(2);
                })
                .UseBallisticsPostgres(ConnectionString);
        });
        return await StartAsync(builder.Build());
    }

    /// <summary>Starts a client that finds the gateways in the database.</summary>
    public async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(client => client.Configure<ClusterOptions>(Identify).UseBallisticsPostgres(ConnectionString));
        return await StartAsync(builder.Build());
    }

    public async Task StopAsync(IHost host)
    {
        _running.Remove(host);
        using var timeout = new CancellationTokenSource(Patience);
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }

    /// <summary>This cluster's rows in orleans_membership.</summary>
    public IReadOnlyList<SiloRow> Rows()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT address, port, generation, status, proxy_port FROM orleans_membership WHERE deployment_id = @cluster ORDER BY port", connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        using var reader = command.ExecuteReader();
        var rows = new List<SiloRow>();
        while (reader.Read())
        {
            rows.Add(new SiloRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; false if it never did within <see cref="Patience"/>.</summary>
    public static async Task<bool> Eventually(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            await StopAsync(_running[i]);
        }
    }

    private void Identify(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    private async Task<IHost> StartAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        _running.Add(host);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Who a silo host is.</summary>
internal static class SiloHosts
{
    public static ILocalSiloDetails Silo(this IHost host) => host.Services.GetRequiredService<ILocalSiloDetails>();
}
