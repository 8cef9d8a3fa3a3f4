using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;
using Ballistics.Store;
using Ballistics.Cli.Matching;

namespace Ballistics.Cli.Corpus;

/// <summary>An open store with its index loaded and a search over it: what search, correlate and corpus eval share.</summary>
internal sealed class CliCorpus(DataStore store, BreechFaceMatcher matcher, CorpusSearch search)
{
    private readonly ICandidateSource _candidates = store.Scans.Candidates(matcher, SurfaceFileOptions.Default);

    public DataStore Store { get; } = store;

    public BreechFaceMatcher Matcher { get; } = matcher;

    public CorpusSearch Search { get; } = search;

    public double IndexLoadMs { get; private init; }

    public static CliCorpus Open(DataStore store)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var matcher = MatcherFactory.Create(null);
        var index = store.Scans.LoadIndex(SignatureCodec.Default, matcher, SurfaceFileOptions.Default);
        return new CliCorpus(store, matcher, new CorpusSearch(index, matcher)) { IndexLoadMs = watch.Elapsed.TotalMilliseconds };
    }

    /// <summary>An item's prepared scan, from the store's cache: a query taken from the store, or a candidate.</summary>
    public (PreparedScan? Scan, string? Reason) Candidate(long itemId) => _candidates.Candidate(itemId);

    public CorpusSearchResult Run(PreparedScan query, SearchFilter filter, CorpusSearchOptions options, long? exclude = null) =>
        Search.Search(query, filter, options, _candidates, exclude);
}
