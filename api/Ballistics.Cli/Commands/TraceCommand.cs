using System.CommandLine;
using Ballistics.Cli.Records;
using Ballistics.Intelligence.Tracing;
using Ballistics.Ingest.Records;
using Ballistics.Store;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics trace --serial S --make M [--store DIR] [--json]` and `ballistics trace --request ID`:
/// resolves a recovered firearm, or a stored trace request, against the transactions on file.
/// </summary>
internal static class TraceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var serial = new Option<string?>("--serial") { Description = "the firearm's serial as marked (UNK or 'obliterated' accepted)" };
        var make = new Option<string?>("--make") { Description = "the maker, any common spelling (S&W, Smith and Wesson, ...)" };
        var request = new Option<string?>("--request") { Description = "the trace number (or record content id) of a stored trace request" };
        var store = new Option<string>("--store") { DefaultValueFactory = _ => "data", Description = "data folder (default ./data)" };
        var json = new Option<bool>("--json") { Description = "print the result as one JSON object" };
        var command = new Command("trace", "Resolve a firearm trace: chain of sale, time-to-crime, multiple sales, earlier traces.")
        {
            serial, make, request, store, json,
        };
        command.Validators.Add(result =>
        {
            var byRequest = result.GetValue(request) is not null;
            var byFirearm = result.GetValue(serial) is not null || result.GetValue(make) is not null;
            if (byRequest == byFirearm)
            {
                result.AddError("give either --request ID, or --serial S with --make M");
            }
            else if (byFirearm && (result.GetValue(serial) is null || result.GetValue(make) is null))
            {
                result.AddError(result.GetValue(serial) is null ? "--serial is required with --make" : "--make is required with --serial");
            }
        });
        command.SetAction(parse => Run(parse.GetValue(serial), parse.GetValue(make), parse.GetValue(request), parse.GetValue(store)!, parse.GetValue(json), output, error));
        return command;
    }

    internal static int Run(string? serial, string? make, string? request, string storeFolder, bool json, TextWriter output, TextWriter error)
    {
        TraceQuery? query = null;
        if (request is null)
        {
            // A bad --serial or --make is reported before the store is touched.
            query = FirearmQuery(serial, make, error);
            if (query is null)
            {
                return 1;
            }
        }

        var opened = DataStore.Open(storeFolder, create: false);
        if (!opened.Success)
        {
            error.WriteLine($"error: {opened.Error}");
            return 1;
        }

        using var store = opened.Value;
        if (query is null)
        {
            var found = store.Registry.Requests(request!);
            if (found.Count != 1)
            {
                error.WriteLine(found.Count == 0
                    ? $"error: --request {request}: no stored trace request has that trace number or id"
                    : $"error: --request {request}: {found.Count} stored trace requests have that trace number; give the record content id");
                return 1;
            }

            query = found[0];
        }

        var result = new TraceResolver(store.Registry).Resolve(query);
        if (json)
        {
            output.WriteLine(TraceOutput.Json(result));
        }
        else
        {
            TraceOutput.Text(result, output);
        }

        return 0;
    }

    private static TraceQuery? FirearmQuery(string? serial, string? make, TextWriter error)
    {
        var (firearm, problems) = FirearmLookup.Describe(serial, make);
        foreach (var problem in problems)
        {
            error.WriteLine($"error: --{problem.Field}: {problem.Reason}");
        }

        return problems.Count > 0 ? null : new TraceQuery
        {
            Make = firearm.Make,
            MakeCode = firearm.MakeCode,
            Serial = firearm.Serial.Value,
            SerialKey = firearm.Serial.Key,
            Obliterated = firearm.Serial.IsObliterated,
        };
    }
}
