using Ballistics.Cluster.Corpus;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Scans;
using Ballistics.Store;
using Ballistics.Store.Scans;

namespace Ballistics.Api.Evidence;

/// <summary>What a submission did: the item (new or already on file), or why the file was refused.</summary>
public sealed record Submission(ScanItem? Item, bool Duplicate, string? Refusal);

/// <summary>
/// The scans on file as the service searches them: the stage-1 index held in memory (loaded once, added to as evidence
/// arrives), the matcher, and a store connection of its own for the scans — the corpus guards its connection itself, so
/// a search's candidates load on every core while other requests use the main connection (<see cref="StoreAccess"/>).
/// On an API node of a cluster (<see cref="Cluster"/> set) nothing of the corpus is held here: searches run on the silos
/// (<see cref="ICorpusSearchGrain"/>), and the shards take in new evidence when the next search reaches it.
/// </summary>
public sealed class ApiCorpus : IDisposable
{
    private readonly DataStore _store;
    private readonly BreechFaceMatcher _matcher;
    private readonly ICandidateSource _candidates;
    private readonly ReaderWriterLockSlim _indexLock = new();
    private readonly Lazy<CorpusSearch> _search;

    public ApiCorpus(string folder, IClusterClient? cluster = null)
    {
        Cluster = cluster;
        var opened = DataStore.Open(folder, create: true);
        _store = opened.Success ? opened.Value : throw new InvalidOperationException($"cannot open the store: {opened.Error}");
        _matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        _candidates = _store.Scans.Candidates(_matcher, SurfaceFileOptions.Default);
        _search = new(() => new CorpusSearch(_store.Scans.LoadIndex(SignatureCodec.Default, _matcher, SurfaceFileOptions.Default), _matcher));
        SweepUploads(Path.Combine(_store.Folder, UploadsFolder));
    }

    /// <summary>The cluster this node's searches run on; null when the corpus is searched in this process.</summary>
    public IClusterClient? Cluster { get; }

    /// <summary>Where uploads wait, each in a folder of its own, while they are stored; the folder goes when they are.</summary>
    public const string UploadsFolder = "uploads";

    /// <summary>Uploads left by a killed server; an hour old, so another server on this store is not disturbed.</summary>
    private static void SweepUploads(string uploads)
    {
        if (!Directory.Exists(uploads))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(uploads))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-1))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // In use or gone already: the next start tries again.
            }
        }
    }

    public ScanItem? Get(long id) => _store.Scans.Get(id);

    public IReadOnlyList<ScanItem> OfFirearm(string firearmId) => _store.Scans.OfFirearm(firearmId);

    public IReadOnlyList<ScanItem> OfIncident(string incidentId) => _store.Scans.OfIncident(incidentId);

    /// <summary>
    /// Stores one uploaded file (idempotent by content) with its audit entry and puts a new item into the index. Uploads
    /// of different files are prepared side by side (the corpus serialises only its writes), so one large scan does not
    /// hold up every other lab's.
    /// </summary>
    public Submission Submit(string path, ScanItemMetadata metadata, Func<long, Store.Access.AuditEvent>? audit = null)
    {
        var search = Cluster is null ? _search.Value : null;
        var result = _store.Scans.Add([new ScanSubmission(path, metadata, audit)], _matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
        if (result.Rejected is [var rejected, ..])
        {
            return new Submission(null, false, rejected.Location is null ? rejected.Message : $"{rejected.Location}: {rejected.Message}");
        }

        if (result.Added is [var id])
        {
            var item = _store.Scans.Get(id)!;
            if (search is not null && _store.Scans.CodeOf(id, SignatureCodec.Default) is { } code)
            {
                _indexLock.EnterWriteLock();
                try
                {
                    search.Index.Add(id, code, ScanCorpus.Facets(item));
                }
                finally
                {
                    _indexLock.ExitWriteLock();
                }
            }

            return new Submission(item, false, null);
        }

        return new Submission(_store.Scans.FindByContent(File.ReadAllBytes(path)), true, null);
    }

    /// <summary>
    /// The item's leads among the others the filter keeps (a topography rendered under <paramref name="asPhotograph"/>'s
    /// light is searched among the photographs); null when its prepared scan cannot be had.
    /// </summary>
    public async Task<RankedLeads?> Search(ScanItem item, SearchFilter filter, CorpusSearchOptions options, ImageLighting? asPhotograph = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Cluster is { } cluster)
        {
            // Any silo's searcher; the grain id only spreads the calls.
            var answer = await cluster.GetGrain<ICorpusSearchGrain>(0).Search(item.Id, SearchRequest.Of(filter, options, asPhotograph));
            return answer.Refusal is null ? answer.ToLeads() : null;
        }

        var search = _search.Value;
        var (query, _) = asPhotograph is { } light
            ? _store.Scans.PreparedAsPhotograph(item, _matcher, SurfaceFileOptions.Default, light)
            : _store.Scans.Prepared(item, _matcher, SurfaceFileOptions.Default);
        if (query is null)
        {
            return null;
        }

        CorpusSearchResult result;
        _indexLock.EnterReadLock();
        try
        {
            result = search.Search(query, filter, options, _candidates, item.Id);
        }
        finally
        {
            _indexLock.ExitReadLock();
        }

        // One shape of result, whichever ran the search.
        return RankedLeads.Of(result);
    }

    /// <summary>
    /// The two items compared as a search compares them (the evidence first), with the prepared scans for pictures of it;
    /// the reason instead when either prepared scan cannot be had.
    /// </summary>
    public (ComparisonResult Result, Engine.Preprocessing.PreparedScan A, Engine.Preprocessing.PreparedScan B)? Compare(ScanItem evidence, ScanItem candidate, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(candidate);
        // A topography meets a photograph rendered under the photograph's light, as its search compared them.
        var (a, whyA) = evidence.Modality == Modalities.Topography && candidate.Modality == Modalities.Photograph
            ? _store.Scans.PreparedAsPhotograph(evidence, _matcher, SurfaceFileOptions.Default, candidate.Metadata.Lighting ?? ImageLighting.Unknown)
            : _store.Scans.Prepared(evidence, _matcher, SurfaceFileOptions.Default);
        var (b, whyB) = _candidates.Candidate(candidate.Id);
        if (a is null || b is null)
        {
            reason = whyA ?? whyB ?? "not available";
            return null;
        }

        reason = null;
        return (_matcher.Compare(a, b), a, b);
    }

    /// <summary>The two items' scans as they were submitted, for pictures of the region compared on each; null when either cannot be read.</summary>
    public (Engine.Surfaces.Surface A, Engine.Surfaces.Surface B)? Originals(ScanItem a, ScanItem b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var first = _store.Scans.Original(a, SurfaceFileOptions.Default);
        var second = _store.Scans.Original(b, SurfaceFileOptions.Default);
        return first.Success && second.Success ? (first.Value, second.Value) : null;
    }

    public void Dispose()
    {
        _store.Dispose();
        _indexLock.Dispose();
    }
}
