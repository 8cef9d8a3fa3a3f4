using System.CommandLine;
using System.Net;
using Ballistics.Cluster.Hosting;
using Ballistics.Store;
using Microsoft.Extensions.Hosting;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics silo --store DIR [--address IP] [--port N] [--gateway-port N] [--cluster-id ID] [--shards N] [--local-cache DIR]`: one silo of
/// the cluster, until stopped. It holds some of the corpus's shards and does searches and batch work; it joins
/// the others through the membership table in the store's PostgreSQL database, so DIR must be a PostgreSQL store.
/// </summary>
internal static class SiloCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = StoreVerbs.StoreOption();
        var address = new Option<string>("--address") { DefaultValueFactory = _ => "127.0.0.1", Description = "the address other silos and API nodes reach this silo at (default 127.0.0.1: a cluster on one machine)" };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 11111, Description = "port for silo-to-silo traffic (default 11111)" };
        var gatewayPort = new Option<int>("--gateway-port") { DefaultValueFactory = _ => 30000, Description = "port API nodes connect to (default 30000)" };
        var clusterId = ClusterIdOption();
        var shards = new Option<int>("--shards") { DefaultValueFactory = _ => 12, Description = "how many shards the corpus is cut into (default 12; every silo of a cluster must use the same)" };
        var localCache = new Option<string?>("--local-cache") { Description = "a folder on this machine's own disk for its shards' screen samples, read once from the store's shared folder and then from here" };
        var command = new Command("silo", "Run one silo of a cluster over a PostgreSQL store: holds corpus shards, runs searches and batch work.")
        {
            store, address, port, gatewayPort, clusterId, shards, localCache,
        };
        command.SetAction(parse => Run(
            new Settings(parse.GetValue(store)!, parse.GetValue(address)!, parse.GetValue(port), parse.GetValue(gatewayPort), parse.GetValue(clusterId)!, parse.GetValue(shards), parse.GetValue(localCache)),
            output,
            error));
        return command;
    }

    internal static Option<string> ClusterIdOption() =>
        new("--cluster-id") { DefaultValueFactory = _ => ClusterNode.DefaultClusterId, Description = $"which cluster in the store's database (default {ClusterNode.DefaultClusterId})" };

    internal sealed record Settings(string Store, string Address, int Port, int GatewayPort, string ClusterId, int Shards, string? LocalCache = null);

    internal static int Run(Settings settings, TextWriter output, TextWriter error)
    {
        if (Check(settings) is { } refusal)
        {
            error.WriteLine($"error: {refusal}");
            return 2;
        }

        var connection = DataStore.PostgresConnection(settings.Store);
        if (!connection.Success)
        {
            error.WriteLine($"error: {connection.Error}");
            return 1;
        }

        IHost host;
        try
        {
            host = ClusterNode.BuildSilo(
                new SiloSettings
                {
                    StoreFolder = settings.Store,
                    ClusterId = settings.ClusterId,
                    Address = IPAddress.Parse(settings.Address),
                    SiloPort = settings.Port,
                    GatewayPort = settings.GatewayPort,
                    Shards = settings.Shards,
                    LocalCacheFolder = settings.LocalCache,
                },
                connection.Value);
            host.Start();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or Orleans.Runtime.OrleansException)
        {
            error.WriteLine($"error: silo {settings.Address}:{settings.Port} could not start: {ex.Message}");
            return 1;
        }

        using (host)
        {
            // The line a supervisor (or a test) waits for: the silo is in the membership table and takes calls.
            output.WriteLine($"silo {settings.Address}:{settings.Port} (gateway {settings.GatewayPort}) of cluster '{settings.ClusterId}' serving {Path.GetFullPath(settings.Store)} in {settings.Shards} shards; ready; Ctrl+C stops");
            output.Flush();
            host.WaitForShutdown();
        }

        return 0;
    }

    private static string? Check(Settings settings)
    {
        if (!IPAddress.TryParse(settings.Address, out _))
        {
            return $"--address: '{settings.Address}' is not an IP address";
        }

        if (settings.Port is < 1 or > 65535 || settings.GatewayPort is < 1 or > 65535 || settings.Port == settings.GatewayPort)
        {
            return $"--port {settings.Port} / --gateway-port {settings.GatewayPort}: two different ports from 1 to 65535";
        }

        return settings.Shards is < 1 or > 4096 ? $"--shards: {settings.Shards} is not from 1 to 4096" : null;
    }
}
