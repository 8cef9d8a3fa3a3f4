using System.CommandLine;
using Ballistics.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics serve [--store DIR] [--urls http://127.0.0.1:5080] [--cluster [--cluster-id ID]]`: the HTTP API over the same
/// store the CLI uses, until stopped. With <c>--cluster</c> it is an API node of a cluster: it holds no corpus,
/// and its searches and batch jobs run on the silos (<c>ballistics silo</c>) found through the store's PostgreSQL database.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = StoreVerbs.StoreOption();
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => DefaultUrls, Description = $"where to listen (default {DefaultUrls}; several separated by ';')" };
        var cluster = new Option<bool>("--cluster") { Description = "an API node of a cluster: searches and batch jobs run on the silos (the store must be a PostgreSQL store)" };
        var clusterId = SiloCommand.ClusterIdOption();
        var command = new Command("serve", "Run the HTTP API (OpenAPI at /openapi/v1.json, documentation at /docs) over the store.") { store, urls, cluster, clusterId };
        command.SetAction(parse => Run(parse.GetValue(store)!, parse.GetValue(urls)!, output, error, parse.GetValue(cluster) ? parse.GetValue(clusterId) : null));
        return command;
    }

    internal static int Run(string storePath, string urls, TextWriter output, TextWriter error, string? clusterId = null)
    {
        WebApplication app;
        string[] args = [$"--{ApiHost.StoreSetting}={Path.GetFullPath(storePath)}", $"--urls={urls}"];
        if (clusterId is not null)
        {
            args = [.. args, $"--{ApiHost.ClusterSetting}=true", $"--{ApiHost.ClusterIdSetting}={clusterId}"];
        }

        try
        {
            app = ApiHost.Build(args);
            // Opened now, so a store that cannot be used stops the command before it listens.
            app.Services.GetRequiredService<StoreAccess>();
            // Started now (the cluster's gateways found), so a node that cannot reach its silos never takes a request;
            // Orleans' client would wait for a gateway for ever, so the wait is bounded.
            var wait = TimeSpan.FromSeconds(app.Configuration.GetValue(ApiHost.ClusterStartSecondsSetting, 60));
            using var started = new CancellationTokenSource(clusterId is null ? Timeout.InfiniteTimeSpan : wait);
            try
            {
                app.StartAsync(started.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (started.IsCancellationRequested)
            {
                error.WriteLine($"error: cluster '{clusterId}': no silo answered within {wait.TotalSeconds:0} s (start `ballistics silo --store {storePath}` first)");
                return 1;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Orleans.Runtime.OrleansException or IOException or Npgsql.NpgsqlException)
        {
            error.WriteLine(clusterId is null ? $"error: {ex.Message}" : $"error: cluster '{clusterId}': {ex.Message}");
            return 1;
        }

        var role = clusterId is null ? "" : $" as an API node of cluster '{clusterId}'";
        output.WriteLine($"serving {Path.GetFullPath(storePath)} at {urls}{role} (review page at /review, documentation at /docs); Ctrl+C stops");
        output.Flush();
        app.WaitForShutdown();
        return 0;
    }
}
