using System.Diagnostics;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Corpus;

/// <summary>How many candidates each stage keeps.</summary>
public sealed record CorpusSearchOptions
{
    public static CorpusSearchOptions Default { get; } = new();

    /// <summary>Stage-1 candidates re-ranked in stage 2.</summary>
    public int Candidates { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Candidates), value, "at least one candidate"); } = 200;

    /// <summary>
    /// How many of the candidates get the full comparison: null, all of them; fewer, the best of them by the screen
    /// (<see cref="BreechFaceMatcher.Screen(PreparedScan, ScreenSamples, ScreenOptions)"/>, every candidate screened
    /// at its likely poses) — a cascade that answers in a fraction of the time and, measured on the easy and hard
    /// generated corpora, ranks the same mates in the top 10 as comparing all of them (docs/benchmarks.md).
    /// </summary>
    public int? FullComparisons { get; init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(FullComparisons), value, "at least one"); } = DefaultFullComparisons;

    /// <summary>The default of <see cref="FullComparisons"/>: twice the five that held every mate on the hard set.</summary>
    public const int DefaultFullComparisons = 10;

    /// <summary>The screen's poses.</summary>
    public ScreenOptions Screen { get; init => field = value ?? throw new ArgumentNullException(nameof(Screen)); } = ScreenOptions.Default;
}

/// <summary>One ranked lead: a candidate on file, its stage-1 similarity and the full comparison's result.</summary>
public sealed record Lead(int Rank, long ItemId, float Similarity, ComparisonResult Comparison)
{
    public double Score => Comparison.Score;
}

/// <summary>
/// A search's leads, best first, with what each stage did and cost: <see cref="Screened"/> is how many candidates the
/// screen ranked (0 when every candidate got the full comparison).
/// </summary>
public sealed record CorpusSearchResult(
    IReadOnlyList<Lead> Leads,
    IReadOnlyList<StageOneHit> StageOne,
    int Searched,
    IReadOnlyList<(long ItemId, string Reason)> Skipped,
    double StageOneMs,
    double StageTwoMs,
    string AlgorithmVersion,
    int Screened = 0);

/// <summary>
/// Two-stage search of a corpus: every stage-1 code the filter keeps is scored against the query's (the index scan),
/// and the best <see cref="CorpusSearchOptions.Candidates"/> are screened at their likely poses and the best of those
/// compared in full by the matching core on all cores (or all of them, <see cref="CorpusSearchOptions.FullComparisons"/>),
/// ranked by its score (ties by signature similarity, then item id). Candidates come from the caller as prepared scans
/// and screen samples (a store's cache), so the engine stays free of files.
/// </summary>
public sealed class CorpusSearch(SignatureIndex index, BreechFaceMatcher matcher)
{
    /// <summary>The stage-2 screen's algorithm: the pose screen.</summary>
    public const string ScreenVersion = "screen/2";

    public SignatureIndex Index { get; } = index ?? throw new ArgumentNullException(nameof(index));

    public BreechFaceMatcher Matcher { get; } = matcher ?? throw new ArgumentNullException(nameof(matcher));

    /// <summary>
    /// <paramref name="filter"/> kept to <paramref name="query"/>'s modality: a photograph is searched among photographs and
    /// a topography among topographies, never on one list; a topography rendered as a photograph among the photographs of its
    /// light. Every search — here, the CLI's, a cluster's shards — filters through this.
    /// </summary>
    public static SearchFilter FilterFor(PreparedScan query, SearchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        // A topography rendered as a photograph meets the photographs taken under the light it was rendered under, as
        // each pair's own comparison would render it (a photograph of unknown light meets a ring-lit rendering).
        var rendered = query.Surface.Metadata.RenderedFrom is not null;
        return filter with
        {
            Modality = query.Kind == Surfaces.SurfaceKind.Intensity2D ? Modalities.Photograph : Modalities.Topography,
            Lighting = rendered ? query.Surface.Metadata.Lighting : filter.Lighting,
        };
    }

    /// <summary>
    /// The query's stage-1 codes: one for a topography; for a photograph whose shading is compared as recorded, one for
    /// each variant its comparisons try (<see cref="PreparedScan.Relit"/>: its shading relit from other sides, or a
    /// topography's rendering under each turn of its light), since two photographs of one case lit from different sides
    /// of it share little until one is relit. Empty when the scan is too small for a signature.
    /// </summary>
    public IReadOnlyList<StageOneCode> Codes(PreparedScan query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var codes = new List<StageOneCode>();
        foreach (var variant in query.Variants())
        {
            if (Matcher.Signature(variant, Index.Codec.Options) is { } signature)
            {
                codes.Add(Index.Codec.Encode(signature));
            }
        }

        return codes;
    }

    /// <param name="query">The prepared query scan.</param>
    /// <param name="filter">Which items are candidates.</param>
    /// <param name="options">Stage sizes.</param>
    /// <param name="candidates">The items on file: each one's prepared scan and stored screen samples.</param>
    /// <param name="excludeItemId">The query's own item when it is on file (a batch correlation).</param>
    public CorpusSearchResult Search(
        PreparedScan query,
        SearchFilter filter,
        CorpusSearchOptions options,
        ICandidateSource candidates,
        long? excludeItemId = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(candidates);
        var watch = Stopwatch.StartNew();
        var codes = Codes(query);
        if (codes.Count == 0)
        {
            return new CorpusSearchResult([], [], Index.Count, [], 0, 0, Version(query, options));
        }

        var stageOne = Index.Search(codes, FilterFor(query, filter), options.Candidates, excludeItemId);
        return Rank(query, stageOne, Index.Count, options, candidates, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// One candidate's screen, as stage 2 computes it: from its stored screen samples when the caller keeps them (the scan
    /// is then not read), else from its prepared scan (returned, for the full comparison). NaN when the candidate cannot be
    /// had (it stays in, to be reported as skipped), negative infinity when it is too small to screen.
    /// </summary>
    public (double Screen, (PreparedScan? Scan, string? Reason) Loaded) ScreenCandidate(
        PreparedScan query, long itemId, ScreenOptions options, ICandidateSource candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.ScreenSamples(itemId) is { } samples)
        {
            using (samples)
            {
                return (Matcher.Screen(query, samples, options) ?? double.NegativeInfinity, default);
            }
        }

        var loaded = candidates.Candidate(itemId);
        var screen = loaded.Scan is { } scan ? Matcher.Screen(query, scan, options) ?? double.NegativeInfinity
            : loaded.Reason is null ? double.NegativeInfinity : double.NaN;
        return (screen, loaded);
    }

    /// <summary>The algorithms a search of <paramref name="query"/> with <paramref name="options"/> runs, as its result names them.</summary>
    public string Version(PreparedScan query, CorpusSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        var version = $"{Index.Codec.Version} {query.AlgorithmVersion} {BreechFaceMatcher.ComparisonVersion} {Matcher.ScoringVersionFor(query)}";
        if (query.Relit.Count > 0)
        {
            // Stage 1 searched with one code per variant of the query (Codes).
            version += FormattableString.Invariant($" codes {1 + query.Relit.Count}");
        }

        if (options.FullComparisons is { } best && best < options.Candidates)
        {
            version += FormattableString.Invariant($" {ScreenVersion}(turns {options.Screen.Turns}, shift {options.Screen.ShiftRadiusUm} µm, full {best})");
        }

        return version;
    }

    /// <summary>
    /// Stage 2 alone: the candidates a stage 1 found — this search's own, or the merged best of several shards'
    /// (<see cref="SignatureIndex.Merge"/>) — screened, compared and ranked exactly as <see cref="Search"/> ranks them.
    /// </summary>
    /// <param name="query">The prepared query scan.</param>
    /// <param name="stageOne">The stage-1 candidates, best first.</param>
    /// <param name="searched">How many items stage 1 scanned (reported).</param>
    /// <param name="options">Stage sizes.</param>
    /// <param name="candidates">The items on file, as for <see cref="Search"/>.</param>
    /// <param name="stageOneMs">How long stage 1 took (reported).</param>
    /// <param name="screens">
    /// The candidates' screens when they were computed elsewhere (where their samples are kept: a sharded corpus's
    /// silos), in the order of <paramref name="stageOne"/>; NaN for one that could not be had. Null: screened here.
    /// </param>
    public CorpusSearchResult Rank(
        PreparedScan query,
        StageOneHit[] stageOne,
        int searched,
        CorpusSearchOptions options,
        ICandidateSource candidates,
        double stageOneMs = 0,
        IReadOnlyList<double>? screens = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(stageOne);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(candidates);
        var watch = Stopwatch.StartNew();
        var version = Version(query, options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var full = stageOne;
        (PreparedScan? Scan, string? Reason)[]? loaded = null;
        var screened = 0;
        if (options.FullComparisons is { } keep && keep < stageOne.Length)
        {
            // The cascade: every candidate is screened at its likely poses — from its stored screen samples when the
            // caller keeps them, else from its prepared scan (no comparison view is built either way) — and the best
            // screened get the full comparison; the others are let go at once. The query's view is needed by the
            // full comparisons anyway; built first, it serves every screen.
            Matcher.EnsureComparisonView(query);
            var scans = new (PreparedScan? Scan, string? Reason)[stageOne.Length];
            var screen = screens?.ToArray() ?? new double[stageOne.Length];
            Parallel.For(0, screens is null ? stageOne.Length : 0, parallel, i =>
                (screen[i], scans[i]) = ScreenCandidate(query, stageOne[i].ItemId, options.Screen, candidates));
            // A candidate that cannot be had (NaN) stays in, to be reported as skipped with its reason.
            var chosen = Enumerable.Range(0, stageOne.Length)
                .Where(i => !double.IsNaN(screen[i]))
                .OrderByDescending(i => screen[i]).ThenBy(i => i)
                .Take(keep)
                .ToHashSet();
            var kept = Enumerable.Range(0, stageOne.Length).Where(i => chosen.Contains(i) || double.IsNaN(screen[i])).ToArray();
            full = [.. kept.Select(i => stageOne[i])];
            loaded = [.. kept.Select(i => scans[i].Scan is null && scans[i].Reason is null ? candidates.Candidate(stageOne[i].ItemId) : scans[i])];
            screened = stageOne.Length;
        }

        var compared = new (StageOneHit Hit, ComparisonResult? Result, string? Reason)[full.Length];
        Parallel.For(0, full.Length, parallel, i =>
        {
            // Without the cascade each candidate is read here and dropped after its comparison: two hundred comparison
            // views held at once would take gigabytes.
            var (scan, reason) = loaded is null ? candidates.Candidate(full[i].ItemId) : loaded[i];
            compared[i] = scan is null ? (full[i], null, reason ?? "not available") : (full[i], Matcher.Compare(query, scan), null);
            if (loaded is not null)
            {
                loaded[i] = default;
            }
        });
        var leads = compared
            .Where(c => c.Result is not null)
            .OrderByDescending(c => c.Result!.Score)
            .ThenByDescending(c => c.Hit.Similarity)
            .ThenBy(c => c.Hit.ItemId)
            .Select((c, i) => new Lead(i + 1, c.Hit.ItemId, c.Hit.Similarity, c.Result!))
            .ToArray();
        var skipped = compared.Where(c => c.Result is null).Select(c => (c.Hit.ItemId, c.Reason!)).ToArray();
        return new CorpusSearchResult(leads, stageOne, searched, skipped, stageOneMs, watch.Elapsed.TotalMilliseconds, version, screened);
    }
}
