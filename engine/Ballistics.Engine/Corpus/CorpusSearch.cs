using System.Diagnostics;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Corpus;

/// <summary>How many candidates each stage keeps.</summary>
public sealed record CorpusSearchOptions
{
    public static CorpusSearchOptions Default { get; } = new();

    /// <summary>Stage-1 candidates re-ranked by the full comparison.</summary>
    public int Candidates { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Candidates), value, "at least one candidate"); } = 200;
}

/// <summary>One ranked lead: a candidate on file, its stage-1 similarity and the full comparison's result.</summary>
public sealed record Lead(int Rank, long ItemId, float Similarity, ComparisonResult Comparison)
{
    public double Score => Comparison.Score;
}

/// <summary>A search's leads, best first, with what each stage did and cost.</summary>
public sealed record CorpusSearchResult(
    IReadOnlyList<Lead> Leads,
    IReadOnlyList<StageOneHit> StageOne,
    int Searched,
    IReadOnlyList<(long ItemId, string Reason)> Skipped,
    double StageOneMs,
    double StageTwoMs,
    string AlgorithmVersion);

/// <summary>
/// Two-stage search of a corpus: every stage-1 code the filter keeps is scored against the query's (the index scan),
/// and the best <see cref="CorpusSearchOptions.Candidates"/> are compared in full by the matching core on all cores and
/// ranked by its score (ties by signature similarity, then item id). Candidates come from the caller as prepared scans
/// (a store's cache), so the engine stays free of files.
/// </summary>
public sealed class CorpusSearch(SignatureIndex index, BreechFaceMatcher matcher)
{
    public SignatureIndex Index { get; } = index ?? throw new ArgumentNullException(nameof(index));

    public BreechFaceMatcher Matcher { get; } = matcher ?? throw new ArgumentNullException(nameof(matcher));

    /// <summary>The query's stage-1 code; null when the scan is too small for a signature.</summary>
    public StageOneCode? Code(PreparedScan query)
    {
        var signature = Matcher.Signature(query, Index.Codec.Options);
        return signature is null ? null : Index.Codec.Encode(signature);
    }

    /// <param name="query">The prepared query scan.</param>
    /// <param name="filter">Which items are candidates.</param>
    /// <param name="options">Stage sizes.</param>
    /// <param name="candidate">The prepared scan of an item on file, or null with the reason it cannot be had.</param>
    /// <param name="excludeItemId">The query's own item when it is on file (a batch correlation).</param>
    public CorpusSearchResult Search(
        PreparedScan query,
        SearchFilter filter,
        CorpusSearchOptions options,
        Func<long, (PreparedScan? Scan, string? Reason)> candidate,
        long? excludeItemId = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(candidate);
        var watch = Stopwatch.StartNew();
        var version = $"{Index.Codec.Version} {query.AlgorithmVersion} {BreechFaceMatcher.ComparisonVersion} {Matcher.Model?.Version}";
        if (Code(query) is not { } code)
        {
            return new CorpusSearchResult([], [], Index.Count, [], 0, 0, version);
        }

        var stageOne = Index.Search(code, filter, options.Candidates, excludeItemId);
        var stageOneMs = watch.Elapsed.TotalMilliseconds;
        var compared = new (StageOneHit Hit, ComparisonResult? Result, string? Reason)[stageOne.Length];
        Parallel.For(0, stageOne.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (scan, reason) = candidate(stageOne[i].ItemId);
            compared[i] = scan is null ? (stageOne[i], null, reason ?? "not available") : (stageOne[i], Matcher.Compare(query, scan), null);
        });
        var leads = compared
            .Where(c => c.Result is not null)
            .OrderByDescending(c => c.Result!.Score)
            .ThenByDescending(c => c.Hit.Similarity)
            .ThenBy(c => c.Hit.ItemId)
            .Select((c, i) => new Lead(i + 1, c.Hit.ItemId, c.Hit.Similarity, c.Result!))
            .ToArray();
        var skipped = compared.Where(c => c.Result is null).Select(c => (c.Hit.ItemId, c.Reason!)).ToArray();
        return new CorpusSearchResult(leads, stageOne, Index.Count, skipped, stageOneMs, watch.Elapsed.TotalMilliseconds - stageOneMs, version);
    }
}
