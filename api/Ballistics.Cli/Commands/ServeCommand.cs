using System.CommandLine;
using Ballistics.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ballistics.Cli.Commands;

/// <summary>`ballistics serve [--store DIR] [--urls http://127.0.0.1:5080]`: the HTTP API over the same store the CLI uses, until stopped.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = CorpusCommand.StoreOption();
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => DefaultUrls, Description = $"where to listen (default {DefaultUrls}; several separated by ';')" };
        var command = new Command("serve", "Run the HTTP API (OpenAPI at /openapi/v1.json, documentation at /docs) over the store.") { store, urls };
        command.SetAction(parse => Run(parse.GetValue(store)!, parse.GetValue(urls)!, output, error));
        return command;
    }

    internal static int Run(string storePath, string urls, TextWriter output, TextWriter error)
    {
        WebApplication app;
        try
        {
            app = ApiHost.Build([$"--{ApiHost.StoreSetting}={Path.GetFullPath(storePath)}", $"--urls={urls}"]);
            // Opened now, so a store that cannot be used stops the command before it listens.
            app.Services.GetRequiredService<StoreAccess>();
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        output.WriteLine($"serving {Path.GetFullPath(storePath)} at {urls} (review page at /review, documentation at /docs); Ctrl+C stops");
        app.Run();
        return 0;
    }
}
