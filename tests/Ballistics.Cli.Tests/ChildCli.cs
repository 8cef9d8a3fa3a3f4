using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Ballistics.Cli.Tests;

/// <summary>The `ballistics` built beside the tests, run as a process of its own so that a test can kill it mid-work.</summary>
internal static class ChildCli
{
    public static Process Start(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ballistics.dll"));
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// Polls the store with a read-only connection of its own until <paramref name="countSql"/> shows a commit
    /// (a count above zero) or the child exits; returns the count (0 on time-out or exit).
    /// </summary>
    public static long WaitForCommit(string database, string countSql, Process child, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !child.HasExited)
        {
            if (File.Exists(database))
            {
                try
                {
                    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = countSql;
                    if (command.ExecuteScalar() is long count && count > 0)
                    {
                        return count;
                    }
                }
                catch (SqliteException)
                {
                    // The schema is still being created.
                }
            }

            Thread.Sleep(5);
        }

        return 0;
    }
}
