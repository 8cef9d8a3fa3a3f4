using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Scans;
using Ballistics.Ingest.X3p;
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
/// The scans of a store: originals by content address, the prepared-surface cache, metadata and stage-1 codes. Adding
/// prepares files on all cores and writes them one at a time (original, cache entry, then the row in its own
/// transaction), so a kill at any moment leaves every item whole or absent and a rerun adds the rest. Adds may run at
/// once (uploads of different labs): each prepares on its own thread and only the writes take turns; a file two of them
/// hold is stored once, and the other is told it is on file.
/// </summary>
public sealed class ScanCorpus
{
    private readonly SqlScanCatalog _catalog;
    private readonly Lock _writeLock = new();

    internal ScanCorpus(string folder, DbConnection connection, StoreDialect dialect)
    {
        _catalog = new SqlScanCatalog(connection, dialect);
        Blobs = new ContentStore(folder);
        Cache = new DerivedCache(folder);
    }

    internal ContentStore Blobs { get; }

    internal DerivedCache Cache { get; }

    // One connection serves the corpus; a search fetches candidates from several threads, so every use takes the lock.
    public long Count
    {
        get
        {
            lock (_writeLock)
            {
                return _catalog.Count();
            }
        }
    }

    public ScanItem? Get(long id)
    {
        lock (_writeLock)
        {
            return _catalog.Get(id);
        }
    }

    /// <summary>
    /// An item's stage-1 code, to put an item just added into an index already loaded; null when there is no such item
    /// or its code was written by another signature version (<see cref="LoadIndex(SignatureCodec, BreechFaceMatcher, SurfaceFileOptions)"/> recomputes those).
    /// </summary>
    public StageOneCode? CodeOf(long id, SignatureCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        lock (_writeLock)
        {
            return _catalog.Signature(id) is { } stored && stored.Version == codec.Version ? StageOneCode.FromBytes(stored.Code) : null;
        }
    }

    /// <summary>The item holding a file of these bytes, if one is on file.</summary>
    public ScanItem? FindByContent(ReadOnlySpan<byte> content)
    {
        var sha = ContentStore.Hash(content);
        lock (_writeLock)
        {
            return _catalog.FindBySha(sha);
        }
    }

    /// <summary>The items whose firearm_id is <paramref name="firearmId"/>, in id order.</summary>
    public IReadOnlyList<ScanItem> OfFirearm(string firearmId)
    {
        ArgumentNullException.ThrowIfNull(firearmId);
        lock (_writeLock)
        {
            return _catalog.OfFirearm(firearmId);
        }
    }

    /// <summary>The items whose incident_id is <paramref name="incidentId"/>, in id order.</summary>
    public IReadOnlyList<ScanItem> OfIncident(string incidentId)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        lock (_writeLock)
        {
            return _catalog.OfIncident(incidentId);
        }
    }

    /// <summary>Every item on file, in id order.</summary>
    public IReadOnlyList<ScanItem> Items()
    {
        lock (_writeLock)
        {
            return _catalog.All();
        }
    }

    /// <summary>Items whose original is not in the store under its hash (a store check; never after a crash).</summary>
    public long MissingOriginals()
    {
        HashSet<string> hashes;
        lock (_writeLock)
        {
            hashes = _catalog.Hashes();
        }

        return hashes.Count(sha => !Blobs.Contains(sha));
    }

    /// <summary>Where the original file of an item is kept.</summary>
    public string OriginalPath(ScanItem item) => Blobs.PathOf((item ?? throw new ArgumentNullException(nameof(item))).Sha256);

    /// <summary>
    /// Stores the files of <paramref name="submissions"/> not yet on file. A file that cannot be read or prepared is
    /// rejected with its located reason and the others go on; a failure of the store itself (disk full) throws, and
    /// the items committed before it stay.
    /// </summary>
    public ScanAddResult Add(IReadOnlyList<ScanSubmission> submissions, BreechFaceMatcher matcher, SignatureCodec codec, SurfaceFileOptions fileOptions, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(codec);
        Blobs.SweepTemporary(TimeSpan.FromHours(1));
        HashSet<string> known;
        lock (_writeLock)
        {
            known = _catalog.Hashes();
        }

        var claimed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var added = new ConcurrentBag<(int Order, long Id)>();
        var duplicates = new ConcurrentBag<(int Order, string Path)>();
        var rejected = new ConcurrentBag<(int Order, IngestError Error)>();
        var done = 0;
        var turn = new SubmissionTurn();

        // Files are handed out one at a time in order and written strictly in order, so items get their ids in the
        // order they were given whichever core prepared them first; preparing, the slow part, still runs on all cores.
        var order = Partitioner.Create(Enumerable.Range(0, submissions.Count), EnumerablePartitionerOptions.NoBuffering);
        try
        {
            Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var submission = submissions[i];
                PreparedItem outcome;
                try
                {
                    outcome = Prepare(submission, known, claimed, matcher, codec, fileOptions);
                    turn.WaitFor(i);
                }
                catch
                {
                    // Later files wait for this one's turn to pass: it must, even when it failed.
                    turn.WaitFor(i);
                    turn.Pass(i);
                    throw;
                }

                try
                {
                    switch (outcome)
                    {
                        case { Error: { } error }:
                            rejected.Add((i, error));
                            break;
                        case { Duplicate: true }:
                            duplicates.Add((i, submission.Path));
                            break;
                        case { Item: { } item }:
                            if (Write(submission, item, codec) is { } stored)
                            {
                                added.Add((i, stored));
                            }
                            else
                            {
                                duplicates.Add((i, submission.Path));
                            }

                            break;
                    }
                }
                finally
                {
                    turn.Pass(i);
                }

                progress?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // The store's own failure (disk full, locked) as itself, for the caller to name.
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return new ScanAddResult(
            [.. added.OrderBy(a => a.Order).Select(a => a.Id)],
            [.. duplicates.OrderBy(d => d.Order).Select(d => d.Path)],
            [.. rejected.OrderBy(r => r.Order).Select(r => r.Error)]);
    }

    /// <summary>Original, cache entries, then the row: a kill between any two leaves no row naming a missing file.</summary>
    private long? Write(ScanSubmission submission, ReadyItem item, SignatureCodec codec)
    {
        lock (_writeLock)
        {
            Blobs.Put(item.Sha256, item.Bytes);
            Cache.Put(item.Sha256, item.Prepared);
            if (item.Samples is { } samples)
            {
                Cache.PutScreen(item.Sha256, samples);
            }

            var metadata = submission.Metadata ?? new ScanItemMetadata { ExhibitId = Path.GetFileNameWithoutExtension(submission.Path) };
            return _catalog.Add(item.Sha256, Path.GetFileName(submission.Path), item.Bytes.Length, metadata, item.Prepared.AlgorithmVersion, codec.Version, item.Code.ToBytes(), DateTimeOffset.UtcNow, submission.Audit);
        }
    }

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
    /// saw, kept or not, or <paramref name="afterId"/> when there is none after it.
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
        foreach (var (item, bytes) in _catalog.WithSignatures(afterId, shard, shards))
        {
            last = item.Id;
            if (keep is not null && !keep(item.Id))
            {
                continue;
            }

            if (item.SignatureVersion != codec.Version)
            {
                stale.Add(item);
                continue;
            }

            index.Add(item.Id, StageOneCode.FromBytes(bytes), Facets(item.Metadata));
        }

        foreach (var item in stale)
        {
            if (Prepared(item, matcher, fileOptions) is { Scan: { } scan } && matcher.Signature(scan, codec.Options) is { } signature)
            {
                var code = codec.Encode(signature);
                _catalog.UpdateSignature(item.Id, codec.Version, code.ToBytes());
                index.Add(item.Id, code, Facets(item.Metadata));
            }
        }

        return last;
    }

    /// <summary>The largest item id on file (0 when there is none): how far an index must reach to hold every item.</summary>
    public long LastId()
    {
        lock (_writeLock)
        {
            return _catalog.LastId();
        }
    }

    /// <summary>An item's prepared scan: from the cache, else prepared again from the original (and cached).</summary>
    public (PreparedScan? Scan, string? Reason) Prepared(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(matcher);
        if (Cache.Get(item.Sha256, matcher.PreprocessOptions) is { } cached)
        {
            return (cached, null);
        }

        var bytes = Blobs.Read(item.Sha256);
        if (bytes is null)
        {
            return (null, $"the original of item {item.Id} ({item.Sha256}) is missing from the store");
        }

        var surface = Read(Blobs.PathOf(item.Sha256), bytes, fileOptions);
        if (!surface.Success)
        {
            return (null, surface.Error.ToString());
        }

        var prepared = matcher.Prepare(surface.Value, withComparisonView: false);
        Cache.Put(item.Sha256, prepared);
        return (prepared, null);
    }

    /// <summary>
    /// An item's screen samples for the search's screen: from the cache, else taken from its prepared scan (and cached);
    /// null when the scan has no known axis or is too small (the screen then reads the prepared scan).
    /// </summary>
    public ScreenSamples? ScreenSamples(ScanItem item, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(matcher);
        if (Cache.GetScreen(item.Sha256) is { } cached)
        {
            return cached;
        }

        if (Prepared(item, matcher, fileOptions).Scan is not { } scan || matcher.ScreenSamplesOf(scan) is not { } samples)
        {
            return null;
        }

        Cache.PutScreen(item.Sha256, samples);
        return samples;
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
    /// An item's screen samples through a cache on this machine's own disk (<paramref name="localCacheFolder"/>): read
    /// there when present, else as <see cref="ScreenSamples(long, BreechFaceMatcher, SurfaceFileOptions)"/> reads them
    /// (from the store's folder, shared storage when several machines use the store) and kept there for next time. A
    /// silo screening its shard's candidates stops reading them across the network once each has been read once.
    /// </summary>
    public ScreenSamples? ScreenSamples(long itemId, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, string localCacheFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(localCacheFolder);
        if (Get(itemId) is not { } item)
        {
            return null;
        }

        var local = new DerivedCache(localCacheFolder);
        if (local.GetScreen(item.Sha256) is { } cached)
        {
            return cached;
        }

        if (ScreenSamples(item, matcher, fileOptions) is not { } samples)
        {
            return null;
        }

        local.PutScreen(item.Sha256, samples);
        return samples;
    }

    public static ItemFacets Facets(ScanItemMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new ItemFacets(metadata.Caliber, metadata.FiringPinClass, metadata.Country, metadata.MxState ?? metadata.UsState, metadata.Date);
    }

    private static PreparedItem Prepare(
        ScanSubmission submission,
        HashSet<string> known,
        ConcurrentDictionary<string, bool> claimed,
        BreechFaceMatcher matcher,
        SignatureCodec codec,
        SurfaceFileOptions fileOptions)
    {
        // A 2D image carries no trustworthy pixel size and the store keeps none per item, so it could not be read again
        // the same way: the corpus takes topography (x3p) only.
        if (SurfaceFiles.IsImage(submission.Path))
        {
            return new PreparedItem { Error = new IngestError(IngestErrorKind.Unsupported, submission.Path, null, "the corpus takes x3p topography only, not 2D images") };
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(submission.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PreparedItem { Error = new IngestError(IngestErrorKind.NotFound, submission.Path, null, $"cannot read the file: {ex.Message}") };
        }

        if (bytes.Length == 0)
        {
            return new PreparedItem { Error = new IngestError(IngestErrorKind.InvalidValue, submission.Path, null, "the file is empty") };
        }

        var sha = ContentStore.Hash(bytes);
        if (known.Contains(sha) || !claimed.TryAdd(sha, true))
        {
            return new PreparedItem { Duplicate = true };
        }

        var outcome = Sign(submission.Path, sha, bytes, matcher, codec, fileOptions);
        if (outcome.Error is not null)
        {
            // A later copy of the same bytes gets its own try (and its own error).
            claimed.TryRemove(sha, out _);
        }

        return outcome;
    }

    /// <summary>Reads, prepares and signs one file's bytes.</summary>
    private static PreparedItem Sign(string path, string sha, byte[] bytes, BreechFaceMatcher matcher, SignatureCodec codec, SurfaceFileOptions fileOptions)
    {
        var surface = Read(path, bytes, fileOptions);
        if (!surface.Success)
        {
            return new PreparedItem { Error = surface.Error };
        }

        try
        {
            var prepared = matcher.Prepare(surface.Value, withComparisonView: false);
            var samples = matcher.ScreenSamplesOf(prepared);
            var signature = samples is null ? matcher.Signature(prepared, codec.Options) : BreechFaceMatcher.Signature(samples, codec.Options);
            return signature is null
                ? new PreparedItem { Error = new IngestError(IngestErrorKind.InvalidValue, path, null, "too little breech face around the firing pin for a search signature") }
                : new PreparedItem { Item = new ReadyItem(sha, bytes, prepared, samples, codec.Encode(signature)) };
        }
        catch (ArgumentException ex)
        {
            return new PreparedItem { Error = new IngestError(IngestErrorKind.InvalidValue, path, null, $"cannot prepare the breech face: {ex.Message}") };
        }
    }

    private static IngestResult<Surface> Read(string path, byte[] bytes, SurfaceFileOptions fileOptions) => X3pReader.Read(bytes, path, fileOptions.X3p);

    /// <summary>Lets submission i through only after every earlier one has passed.</summary>
    private sealed class SubmissionTurn
    {
        private readonly object _gate = new();
        private int _next;

        public void WaitFor(int index)
        {
            lock (_gate)
            {
                while (_next != index)
                {
                    Monitor.Wait(_gate);
                }
            }
        }

        public void Pass(int index)
        {
            lock (_gate)
            {
                if (_next == index)
                {
                    _next++;
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    private sealed record ReadyItem(string Sha256, byte[] Bytes, PreparedScan Prepared, ScreenSamples? Samples, StageOneCode Code);

    private readonly record struct PreparedItem(ReadyItem? Item, bool Duplicate, IngestError? Error);
}
