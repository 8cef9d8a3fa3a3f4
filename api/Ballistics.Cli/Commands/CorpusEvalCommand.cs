using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ballistics.Cli.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Store.Scans;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics corpus eval [--store DIR] [--candidates K] [--queries N] [--out DIR]`: every item with a known firearm
/// searches the others; a hit is a scan of the same firearm. Reports stage-1 recall (a mate among the K candidates,
/// and at ranks 1 and 10) over all items, and top-1 / top-10 after the full comparison re-ranks the candidates for N
/// items spread evenly over the store (the full comparison of every item against K others would take hours).
/// </summary>
internal static class CorpusEvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = StoreVerbs.StoreOption();
        var candidates = new Option<int>("--candidates") { DefaultValueFactory = _ => CorpusSearchOptions.Default.Candidates, Description = "stage-1 candidates (default 200)" };
        var queries = new Option<int>("--queries") { DefaultValueFactory = _ => 100, Description = "items whose candidates are re-ranked by the full comparison (default 100; 0: stage 1 only)" };
        var full = StoreVerbs.FullOption();
        var outDir = new Option<string?>("--out") { Description = "folder for search-eval.csv (each query's mate ranks)" };
        var command = new Command("eval", "Measure how well the items on file find their mates (same firearm_id): stage-1 recall and re-ranked hit rates.")
        {
            store, candidates, queries, full, outDir,
        };
        command.SetAction(parse => Run(parse.GetValue(store)!, parse.GetValue(candidates), parse.GetValue(queries), parse.GetValue(outDir), output, error, parse.GetValue(full)));
        return command;
    }

    internal static int Run(string storePath, int candidates, int queries, string? outDir, TextWriter output, TextWriter error, int? full = null)
    {
        if (candidates <= 0 || queries < 0 || full <= 0)
        {
            error.WriteLine($"error: --candidates and --full must be positive and --queries not negative (got {candidates}, {full} and {queries})");
            return 2;
        }

        using var store = StoreVerbs.OpenStore(storePath, create: false, error);
        if (store is null)
        {
            return 1;
        }

        var session = CliCorpus.Open(store);
        var index = session.Search.Index;
        var all = store.Scans.Items();
        var items = all.ToDictionary(i => i.Id);
        var perFirearm = all.Where(i => i.Metadata.FirearmId is not null).CountBy(i => i.Metadata.FirearmId!).ToDictionary();
        var labelled = all.Where(i => i.Metadata.FirearmId is { } firearm && perFirearm[firearm] > 1).ToArray();
        if (labelled.Length == 0)
        {
            error.WriteLine($"error: {store.Folder}: no item has a firearm_id shared with another item; nothing to measure");
            return 1;
        }

        bool Mate(ScanItem query, long other) => items.TryGetValue(other, out var o) && o.Metadata.FirearmId == query.Metadata.FirearmId;

        var stageOneRanks = new int[labelled.Length];
        var stageOneMs = new double[labelled.Length];
        var progress = new ConsoleProgress(error, labelled.Length, "stage 1");
        for (var q = 0; q < labelled.Length; q++)
        {
            // A topography's one code is the one on file; a photograph searches with each variant its comparisons try
            // (CorpusSearch.Codes), which needs it prepared.
            IReadOnlyList<StageOneCode> codes = [index.CodeOf(labelled[q].Id)!.Value];
            if (labelled[q].Modality == Modalities.Photograph && session.Candidate(labelled[q].Id).Scan is { } photograph)
            {
                codes = session.Search.Codes(photograph);
            }

            var watch = Stopwatch.StartNew();
            // Among the items of the query's own modality, as every search is (CorpusSearch.FilterFor).
            var hits = index.Search(codes, SearchFilter.None with { Modality = labelled[q].Modality }, candidates, labelled[q].Id);
            stageOneMs[q] = watch.Elapsed.TotalMilliseconds;
            stageOneRanks[q] = FirstMate(hits.Select(h => h.ItemId), id => Mate(labelled[q], id));
            progress.Report(q + 1);
        }

        progress.Done();
        var reranked = new Dictionary<long, (int Rank, double StageTwoMs)>();
        var sampled = Math.Min(queries, labelled.Length);
        var sample = Enumerable.Range(0, sampled).Select(i => (int)((long)i * labelled.Length / sampled)).ToArray();
        var reranking = new ConsoleProgress(error, sample.Length, "re-ranking");
        foreach (var q in sample)
        {
            var item = labelled[q];
            var (scan, reason) = session.Candidate(item.Id);
            if (scan is null)
            {
                error.WriteLine($"warning: item {item.Id} not re-ranked: {reason}");
                continue;
            }

            var result = session.Run(scan, SearchFilter.None, new CorpusSearchOptions { Candidates = candidates, FullComparisons = full ?? CorpusSearchOptions.DefaultFullComparisons }, item.Id);
            reranked[item.Id] = (FirstMate(result.Leads.Select(l => l.ItemId), id => Mate(item, id)), result.StageTwoMs);
            reranking.Report(reranked.Count);
        }

        reranking.Done();
        double Rate(IEnumerable<int> ranks, int within) => ranks.Count(r => r >= 1 && r <= within) / (double)Math.Max(1, ranks.Count());
        var n = labelled.Length;
        output.WriteLine($"corpus: {items.Count} items on file, {n} with a mate (same firearm_id); signature {index.Codec.Version}, {index.Codec.CodeBytes} bytes per code");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stage 1 ({n} queries): mate within top {candidates} {Rate(stageOneRanks, candidates):0.0000}, top 10 {Rate(stageOneRanks, 10):0.0000}, top 1 {Rate(stageOneRanks, 1):0.0000}; {stageOneMs.Average():0.00} ms per query"));
        if (reranked.Count > 0)
        {
            var ranks = reranked.Values.Select(r => r.Rank).ToArray();
            var sampleStageOne = sample.Where(q => reranked.ContainsKey(labelled[q].Id)).Select(q => stageOneRanks[q]).ToArray();
            var best = full ?? CorpusSearchOptions.DefaultFullComparisons;
            var how = best < candidates ? $"{candidates} screened, the best {best} compared in full" : $"all {candidates} compared in full";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"re-ranked ({reranked.Count} queries, {how}): top 10 {Rate(ranks, 10):0.0000}, top 1 {Rate(ranks, 1):0.0000} (stage 1 alone on these: top 10 {Rate(sampleStageOne, 10):0.0000}, top 1 {Rate(sampleStageOne, 1):0.0000}); stage 2 {reranked.Values.Average(r => r.StageTwoMs) / 1000:0.00} s per query"));
        }

        if (outDir is not null)
        {
            var text = new StringBuilder("item_id,exhibit_id,firearm_id,stage1_mate_rank,reranked_mate_rank\n");
            for (var q = 0; q < n; q++)
            {
                var item = labelled[q];
                var rerank = reranked.TryGetValue(item.Id, out var r) ? r.Rank.ToString(CultureInfo.InvariantCulture) : string.Empty;
                Ingest.Tables.CsvText.AppendLine(text, [item.Id.ToString(CultureInfo.InvariantCulture), item.Metadata.ExhibitId, item.Metadata.FirearmId!, stageOneRanks[q].ToString(CultureInfo.InvariantCulture), rerank]);
            }

            var path = Path.Combine(outDir, "search-eval.csv");
            CliFiles.WriteAtomically(path, text.ToString());
            output.WriteLine($"wrote {path}");
        }

        return 0;
    }

    /// <summary>1-based rank of the first mate in a ranked list; 0 when none is in it.</summary>
    private static int FirstMate(IEnumerable<long> ranked, Func<long, bool> isMate)
    {
        var rank = 0;
        foreach (var id in ranked)
        {
            rank++;
            if (isMate(id))
            {
                return rank;
            }
        }

        return 0;
    }
}
