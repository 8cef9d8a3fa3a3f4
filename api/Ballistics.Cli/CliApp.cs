using System.CommandLine;
using Ballistics.Cli.Commands;

namespace Ballistics.Cli;

/// <summary>
/// The `ballistics` command. Verbs and their flags are contracts named in the issues; each verb
/// lives in its own class and writes to the writers it is given so tests can run it in-process.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Ballistics: firearms tracing and ballistics matching engine.");
        root.Subcommands.Add(InfoCommand.Create(output, error));
        root.Subcommands.Add(SamplesCommand.Create(output, error));
        root.Subcommands.Add(CompareCommand.Create(output, error));
        root.Subcommands.Add(EvalCommand.Create(output, error));
        root.Subcommands.Add(ModelCommand.Create(output, error));
        root.Subcommands.Add(DemoCommand.Create(output, error));
        root.Subcommands.Add(RecordsCommand.Create(output, error));
        root.Subcommands.Add(TraceCommand.Create(output, error));
        root.Subcommands.Add(CorpusCommand.Create(output, error));
        root.Subcommands.Add(SearchCommand.Create(output, error));
        root.Subcommands.Add(CorrelateCommand.Create(output, error));
        root.Subcommands.Add(KeysCommand.Create(output, error));
        root.Subcommands.Add(ServeCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(StoreCommand.Create(output, error));
        root.Subcommands.Add(SiloCommand.Create(output, error));
        var config = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).Invoke(config);
    }
}
