using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Cli.Matching;

namespace Ballistics.Cli.Corpus;

/// <summary>An open store with its index loaded and a search over it: what search, correlate and corpus eval share.</summary>
internal sealed class CorpusSession(RecordStore store, BreechFaceMatcher matcher, CorpusSearch search)
{
    public RecordStore Store { get; } = store;

    public BreechFaceMatcher Matcher { get; } = matcher;

    public CorpusSearch Search { get; } = search;

    public double IndexLoadMs { get; private init; }

    public static CorpusSession Open(RecordStore store)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var matcher = MatcherFactory.Create(null);
        var index = store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default);
        return new CorpusSession(store, matcher, new CorpusSearch(index, matcher)) { IndexLoadMs = watch.Elapsed.TotalMilliseconds };
    }

    /// <summary>A candidate's prepared scan for stage 2, from the store's cache.</summary>
    public (PreparedScan? Scan, string? Reason) Candidate(long itemId) =>
        Store.Scans.Candidate(itemId, Matcher, SurfaceFileOptions.Default);

    /// <summary>A candidate's screen samples for the cascade's screen, from the store's cache.</summary>
    public ScreenSamples? Screen(long itemId) =>
        Store.Scans.ScreenSamples(itemId, Matcher, SurfaceFileOptions.Default);

    public CorpusSearchResult Run(PreparedScan query, SearchFilter filter, CorpusSearchOptions options, long? exclude = null) =>
        Search.Search(query, filter, options, Candidate, exclude, Screen);
}
