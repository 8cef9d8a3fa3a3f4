using System.Data.Common;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Access;
using Ballistics.Store.Database;

namespace Ballistics.Store.Scans;

/// <summary>
/// A file to put on file, with its metadata (null: none known, the exhibit id is the file name) and the audit entry of
/// its storing when the submission is audited (given the new item's id; committed with the item's row).
/// </summary>
public sealed record ScanSubmission(string Path, ScanItemMetadata? Metadata = null, Func<long, AuditEvent>? Audit = null);

/// <summary>What an add did: items stored (their ids), files skipped as already on file, files refused with the reason.</summary>
public sealed record ScanAddResult(IReadOnlyList<long> Added, IReadOnlyList<string> Duplicates, IReadOnlyList<IngestError> Rejected);

/// <summary>
/// The scans of a store, as three parts with a concurrency story each: the rows (<see cref="ScanCatalog"/>: metadata and
/// stage-1 codes, one connection under one lock), the prepared scans (<see cref="PreparedScans"/>: originals by content
/// address and the cache of what the engine made of them, no lock) and the ingest pipeline (<see cref="ScanIngest"/>:
/// prepare and sign on all cores, write in order). This class only joins them for the hosts, and loads search indexes.
/// </summary>
public sealed class ScanCorpus
{
    private readonly ScanCatalog _catalog;
    private readonly PreparedScans _prepared;
    private readonly ScanIngest _ingest;

    internal ScanCorpus(string folder, DbConnection connection, StoreDialect dialect)
    {
        _catalog = new ScanCatalog(connection, dialect);
        _prepared = new PreparedScans(new ContentStore(folder), new DerivedCache(folder));
        _ingest = new ScanIngest(_catalog, _prepared.Blobs, _prepared.Cache);
    }

    internal DerivedCache Cache => _prepared.Cache;

    /// <summary>Rows read per page by the index loader: the catalogue's lock is held for one page at a time.</summary>
    internal int IndexPageRows { get; set; } = 2_000;

    public long Count => _catalog.Count();

    public ScanItem? Get(long id) => _catalog.Get(id);

    /// <summary>
    /// An item's stage-1 code, to put an item just added into an index already loaded; null when there is no such item
    /// or its code was written by another signature version (<see cref="LoadIndex(SignatureCodec, BreechFaceMatcher, SurfaceFileOptions)"/> recomputes those).
    /// </summary>
    public StageOneCode? CodeOf(long id, SignatureCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return _catalog.Signature(id) is { } stored && stored.Version == codec.Version ? StageOneCode.FromBytes(stored.Code) : null;
    }

    /// <summary>The item holding a file of these bytes, if one is on file.</summary>
    public ScanItem? FindByContent(ReadOnlySpan<byte> content) => _catalog.FindBySha(ContentStore.Hash(content));

    /// <summary>The items whose firearm_id is <paramref name="firearmId"/>, in id order.</summary>
    public IReadOnlyList<ScanItem> OfFirearm(string firearmId) => _catalog.OfFirearm(firearmId ?? throw new ArgumentNullException(nameof(firearmId)));

    /// <summary>The items whose incident_id is <paramref name="incidentId"/>, in id order.</summary>
    public IReadOnlyList<ScanItem> OfIncident(string incidentId) => _catalog.OfIncident(incidentId ?? throw new ArgumentNullException(nameof(incidentId)));

    /// <summary>Every item on file, in id order.</summary>
    public IReadOnlyList<ScanItem> Items() => _catalog.All();

    /// <summary>Items whose original is not in the store under its hash (a store check; never after a crash).</summary>
    public long MissingOriginals() => _catalog.Hashes().Count(sha => !_prepared.Blobs.Contains(sha));

    /// <summary>Where the original file of an item is kept.</summary>
    public string OriginalPath(ScanItem item) => _prepared.Blobs.PathOf((item ?? throw new ArgumentNullException(nameof(item))).Sha256);

    /// <summary>An item's original read as it was when added (a photograph with the pixel size and light stated for it).</summary>
    public Ingest.IngestResult<Engine.Surfaces.Surface> Original(ScanItem item, Ingest.SurfaceFileOptions fileOptions)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(fileOptions);
        var path = OriginalPath(item);
        if (_prepared.Blobs.Read(item.Sha256) is not { } bytes)
        {
            return Ingest.IngestResult<Engine.Surfaces.Surface>.Fail(new Ingest.IngestError(Ingest.IngestErrorKind.NotFound, path, null, $"the original of item {item.Id} is missing from the store"));
        }

        return ScanIngest.ReadOriginal(path, bytes, item, fileOptions);
    }

    /// <summary>The largest item id on file (0 when there is none): how far an index must reach to hold every item.</summary>
    public long LastId() => _catalog.LastId();

    /// <summary>
    /// Stores the files of <paramref name="submissions"/> not yet on file (<see cref="ScanIngest"/>). A file that cannot
    /// be read or prepared is rejected with its located reason and the others go on; a failure of the store itself (disk
    /// full) throws, and the items committed before it stay.
    /// </summary>
    public ScanAddResult Add(IReadOnlyList<ScanSubmission> submissions, BreechFaceMatcher matcher, SignatureCodec codec, SurfaceFileOptions fileOptions, IProgress<int>? progress = null) =>
        _ingest.Add(submissions, matcher, codec, fileOptions, progress);

    /// <summary>
    /// Every item's stage-1 code in an index. Codes written by another signature version are recomputed from the
    /// prepared cache (or the original) and stored again, so an upgraded engine searches a consistent index.
    /// </summary>
    public SignatureIndex LoadIndex(SignatureCodec codec, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions) => LoadIndex(codec, matcher, fileOptions, keep: null);

    /// <summary>The index of the items <paramref name="keep"/> takes (a shard of a corpus spread over machines), else of all.</summary>
    public SignatureIndex LoadIndex(SignatureCodec codec, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, Func<long, bool>? keep)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var index = new SignatureIndex(codec);
        AddToIndex(index, afterId: 0, matcher, fileOptions, keep);
        return index;
    }

    /// <summary>
    /// Adds to <paramref name="index"/> the items after <paramref name="afterId"/> that <paramref name="keep"/> takes, of
    /// shard <paramref name="shard"/> of <paramref name="shards"/> (item id mod shards) when given — ids are given in
    /// commit order, so a holder of an index catches up on what others stored since it looked; returns the largest id it
    /// saw, kept or not, or <paramref name="afterId"/> when there is none after it. Rows are read a page at a time under
    /// the catalogue's lock; stale codes are made again by the engine outside it.
    /// </summary>
    public long AddToIndex(SignatureIndex index, long afterId, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, Func<long, bool>? keep = null, int shard = 0, int shards = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shards);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        ArgumentNullException.ThrowIfNull(index);
        var codec = index.Codec;
        var stale = new List<ScanItem>();
        var last = afterId;
        for (var page = _catalog.SignaturePage(last, shard, shards, IndexPageRows); page.Count > 0; page = _catalog.SignaturePage(last, shard, shards, IndexPageRows))
        {
            foreach (var (item, bytes) in page)
            {
                last = item.Id;
                if (keep is not null && !keep(item.Id))
                {
                    continue;
                }

                // A code made by another signature or another preprocessing is made again: a raw scan's breech face
                // changed with preprocess/1.10, and a query's code is always made by today's.
                if (item.SignatureVersion != codec.Version || item.PreprocessVersion != PreprocessVersionOf(item))
                {
                    stale.Add(item);
                    continue;
                }

                index.Add(item.Id, StageOneCode.FromBytes(bytes), Facets(item));
            }
        }

        foreach (var item in stale)
        {
            if (Prepared(item, matcher, fileOptions) is { Scan: { } scan } && matcher.Signature(scan, codec.Options) is { } signature)
            {
                var code = codec.Encode(signature);
                _catalog.UpdateSignature(item.Id, scan.AlgorithmVersion, codec.Version, code.ToBytes());
                index.Add(item.Id, code, Facets(item));
            }
        }

        return last;
    }

    /// <summary>The preprocessing version an item of its modality is prepared by today.</summary>
    private static string PreprocessVersionOf(ScanItem item) =>
        item.Modality == Modalities.Photograph ? PhotographPreprocessor.AlgorithmVersion : Preprocessor.AlgorithmVersion;

    /// <summary>An item's prepared scan: from the cache, else prepared again from the original (and cached).</summary>
    public (PreparedScan? Scan, string? Reason) Prepared(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(matcher);
        return _prepared.Prepared(item, matcher, fileOptions);
    }

    /// <summary>
    /// A topography item prepared as a photograph of it under <paramref name="lighting"/> would be (<see
    /// cref="BreechFaceMatcher.PrepareAsPhotograph"/>), to be searched among or compared with photographs; rendered from the
    /// original each time, not cached. The reason instead when the item is a photograph already or cannot be rendered.
    /// </summary>
    public (PreparedScan? Scan, string? Reason) PreparedAsPhotograph(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, Engine.Surfaces.ImageLighting lighting)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(matcher);
        if (item.Modality != Modalities.Topography)
        {
            return (null, $"item {item.Id} is a photograph, not a topography to render as one");
        }

        var original = Original(item, fileOptions);
        if (!original.Success)
        {
            return (null, original.Error.ToString());
        }

        try
        {
            return (matcher.PrepareAsPhotograph(original.Value, lighting), null);
        }
        catch (ArgumentException ex)
        {
            return (null, $"item {item.Id} cannot be prepared as a photograph: {ex.Message}");
        }
    }

    /// <summary>
    /// An item's screen samples for the search's screen: from the cache, else taken from its prepared scan (and cached);
    /// null when the scan has no known axis or is too small (the screen then reads the prepared scan).
    /// </summary>
    public ScreenSamples? ScreenSamples(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(matcher);
        return _prepared.ScreenSamples(item, matcher, fileOptions);
    }

    /// <summary>
    /// The items on file as a search reads them (<see cref="ICandidateSource"/>): every host's searches go through this;
    /// with <paramref name="localCacheFolder"/>, screen samples are kept on this machine's own disk once read.
    /// </summary>
    public ICandidateSource Candidates(BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, string? localCacheFolder = null)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(fileOptions);
        return new StoredCandidates(this, matcher, fileOptions, localCacheFolder);
    }

    /// <summary>A search candidate's prepared scan by item id, or why it cannot be had (what a search's loader calls).</summary>
    public (PreparedScan? Scan, string? Reason) Candidate(long itemId, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions) =>
        Get(itemId) is { } item ? Prepared(item, matcher, fileOptions) : (null, $"item {itemId} is no longer on file");

    /// <summary>A search candidate's screen samples by item id; null when there is no such item or none can be had.</summary>
    public ScreenSamples? ScreenSamples(long itemId, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions) =>
        Get(itemId) is { } item ? ScreenSamples(item, matcher, fileOptions) : null;

    /// <summary>
    /// An item's screen samples through a cache on this machine's own disk (<paramref name="localCacheFolder"/>): a silo
    /// screening its shard's candidates stops reading them across the network once each has been read once.
    /// </summary>
    public ScreenSamples? ScreenSamples(long itemId, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, string localCacheFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(localCacheFolder);
        ArgumentNullException.ThrowIfNull(matcher);
        return Get(itemId) is { } item ? _prepared.ScreenSamples(item, matcher, fileOptions, localCacheFolder) : null;
    }

    public static ItemFacets Facets(ScanItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var m = item.Metadata;
        return new ItemFacets(m.Caliber, m.FiringPinClass, m.Country, m.MxState ?? m.UsState, m.Date) { FiringPinShape = item.FiringPinShape, Modality = item.Modality, Lighting = m.Lighting };
    }
}
