using System.CommandLine;
using System.Globalization;
using System.Text;
using Ballistics.Cli.Corpus;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Ingest.Tables;
using Ballistics.Store.Scans;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics correlate [--since DATE | --all] [--store DIR] --out RESULTS.csv`: each selected item searched against
/// everything else on file, its best leads kept. The job lives in the store: killed and run again with the same
/// arguments, it goes on with the items not yet done, and RESULTS.csv is written whole from the stored leads when the
/// last item is done.
/// </summary>
internal static class CorrelateCommand
{
    public const string Header = "item_id,exhibit_id,rank,candidate_id,candidate_exhibit_id,score,score_bf,score_fp,score_shear,similarity,cmc,ccf,theta_deg,dx_um,dy_um,candidate_incident_id,candidate_firearm_id,status";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var since = new Option<string?>("--since") { Description = "items added on or after this day (YYYY-MM-DD, UTC)" };
        var all = new Option<bool>("--all") { Description = "every item on file" };
        var store = StoreVerbs.StoreOption();
        var outFile = new Option<string>("--out") { Required = true, Description = "results CSV: " + Header };
        var leads = new Option<int>("--leads") { DefaultValueFactory = _ => 10, Description = "leads kept per item (default 10)" };
        var candidates = new Option<int>("--candidates") { DefaultValueFactory = _ => CorpusSearchOptions.Default.Candidates, Description = "stage-1 candidates re-ranked in stage 2 per item (default 200)" };
        var full = StoreVerbs.FullOption();
        var command = new Command("correlate", "Batch job: search each selected item against the corpus; resumable after a kill.") { since, all, store, outFile, leads, candidates, full };
        command.SetAction(parse => Run(parse.GetValue(since), parse.GetValue(all), parse.GetValue(store)!, parse.GetValue(outFile)!, parse.GetValue(leads), parse.GetValue(candidates), output, error, parse.GetValue(full)));
        return command;
    }

    internal static int Run(string? sinceText, bool all, string storePath, string outPath, int leadCount, int candidates, TextWriter output, TextWriter error, int? full = null)
    {
        if (all == (sinceText is not null))
        {
            error.WriteLine("error: give exactly one of --since DATE and --all");
            return 2;
        }

        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (!DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                error.WriteLine($"error: --since: '{sinceText}' is not a date (YYYY-MM-DD)");
                return 2;
            }

            since = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (leadCount <= 0 || candidates <= 0 || full <= 0)
        {
            error.WriteLine($"error: --leads, --candidates and --full must be positive (got {leadCount}, {candidates} and {full})");
            return 2;
        }

        using var store = StoreVerbs.OpenStore(storePath, create: false, error);
        if (store is null)
        {
            return 1;
        }

        var session = CliCorpus.Open(store);
        var fullOut = Path.GetFullPath(outPath);
        full = Math.Max(full ?? CorpusSearchOptions.DefaultFullComparisons, leadCount);
        var (job, resumed) = store.Correlations.StartOrResume(since, candidates, leadCount, fullOut, session.Search.Index.Codec.Version, full);
        var pending = store.Correlations.Pending(job, out var done);
        error.WriteLine(resumed
            ? $"resuming job {job.Id}: {done} items done, {pending.Count} to go"
            : $"job {job.Id}: {pending.Count} items to correlate against {session.Search.Index.Count} on file");
        var progress = new ConsoleProgress(error, done + pending.Count, "correlating");
        var options = new CorpusSearchOptions { Candidates = candidates, FullComparisons = full };
        var tally = CorrelationRun.Items(job, pending, new CorrelationSteps
        {
            Search = itemId => Task.FromResult(SearchItem(session, itemId, options)),
            Complete = (itemId, compared, kept) => store.Correlations.Complete(job, itemId, compared, kept),
            Skipped = (itemId, reason) => error.WriteLine($"warning: item {itemId} skipped: {reason}"),
            Stored = () => progress.Report(++done),
        }).GetAwaiter().GetResult();
        progress.Done();
        if (tally.Skipped > 0)
        {
            error.WriteLine($"error: {tally.Skipped} items could not be correlated; the job stays open: fix the store and run the same command again");
            return 1;
        }

        var rows = WriteResults(store, job, fullOut);
        store.Correlations.Finish(job);
        output.WriteLine($"job {job.Id}: {done} items correlated, {rows} leads written to {outPath}");
        return 0;
    }

    /// <summary>An item on file searched against the others in this process.</summary>
    private static ItemSearch SearchItem(CliCorpus session, long itemId, CorpusSearchOptions options)
    {
        var (scan, reason) = session.Candidate(itemId);
        if (scan is null)
        {
            return ItemSearch.Refused(reason ?? "its prepared scan cannot be had");
        }

        var result = session.Run(scan, SearchFilter.None, options, itemId);
        return ItemSearch.Found([.. result.Leads.Select(l => CorrelationLead.Of(itemId, l))], result.Leads.Count);
    }

    private static int WriteResults(Store.DataStore store, CorrelationJob job, string path)
    {
        var items = new Dictionary<long, ScanItem?>();
        ScanItem? Item(long id) => items.TryGetValue(id, out var item) ? item : items[id] = store.Scans.Get(id);
        string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? string.Empty;
        var text = new StringBuilder(Header).Append('\n');
        var rows = 0;
        foreach (var lead in store.Correlations.Leads(job))
        {
            var candidate = Item(lead.CandidateId)?.Metadata;
            var registration = RegistrationOutcome.Of(lead.RegistrationFailure);
            CsvText.AppendLine(text,
            [
                lead.ItemId.ToString(CultureInfo.InvariantCulture),
                Item(lead.ItemId)?.Metadata.ExhibitId ?? string.Empty,
                lead.Rank.ToString(CultureInfo.InvariantCulture),
                lead.CandidateId.ToString(CultureInfo.InvariantCulture),
                candidate?.ExhibitId ?? string.Empty,
                F(lead.Score, "0.0000"),
                F(lead.ScoreBf, "0.0000"),
                F(lead.ScoreFp, "0.0000"),
                F(lead.ScoreShear, "0.0000"),
                F(lead.Similarity, "0.0000"),
                lead.Cmc.ToString(CultureInfo.InvariantCulture),
                F(lead.Ccf, "0.0000"),
                F(registration.Pose(lead.ThetaDeg), "0.00"),
                F(registration.Pose(lead.DxUm), "0.0"),
                F(registration.Pose(lead.DyUm), "0.0"),
                candidate?.IncidentId ?? string.Empty,
                candidate?.FirearmId ?? string.Empty,
                registration.CsvStatus,
            ]);
            rows++;
        }

        CliFiles.WriteAtomically(path, text.ToString());
        return rows;
    }
}
