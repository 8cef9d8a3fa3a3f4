using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Scans;

namespace Ballistics.Store.Scans;

/// <summary>
/// Putting files on file: each read, prepared and signed by the engine, then written — original, cache entries, then
/// the row in its own transaction — so a kill at any moment leaves every item whole or absent and a rerun adds the rest.
/// <para>
/// Concurrency: preparing, the slow part, runs on all cores; files are handed out in order and written strictly in
/// order, so items get their ids in the order they were given. Several adds may run at once (uploads of different
/// labs): each prepares on its own threads and only the writes take turns, under this pipeline's write lock (the
/// catalogue takes its own lock for the row); a file two of them hold is stored once, and the other is told it is on
/// file.
/// </para>
/// </summary>
internal sealed class ScanIngest(ScanCatalog catalog, ContentStore blobs, DerivedCache cache)
{
    private readonly Lock _writeLock = new();

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
        blobs.SweepTemporary(TimeSpan.FromHours(1));
        var known = catalog.Hashes();

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
            blobs.Put(item.Sha256, item.Bytes);
            cache.Put(item.Sha256, item.Prepared);
            if (item.Samples is { } samples)
            {
                cache.PutScreen(item.Sha256, samples);
            }

            var metadata = submission.Metadata ?? new ScanItemMetadata { ExhibitId = Path.GetFileNameWithoutExtension(submission.Path) };
            var shape = item.Prepared.FiringPin.Outline?.Shape.ToString().ToLowerInvariant();
            var modality = item.Prepared.Kind == SurfaceKind.Intensity2D ? Modalities.Photograph : Modalities.Topography;
            return catalog.Add(item.Sha256, Path.GetFileName(submission.Path), item.Bytes.Length, metadata, shape, modality, item.Prepared.AlgorithmVersion, codec.Version, item.Code.ToBytes(), DateTimeOffset.UtcNow, submission.Audit);
        }
    }

    private static PreparedItem Prepare(
        ScanSubmission submission,
        HashSet<string> known,
        ConcurrentDictionary<string, bool> claimed,
        BreechFaceMatcher matcher,
        SignatureCodec codec,
        SurfaceFileOptions fileOptions)
    {
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

        var outcome = Sign(submission.Path, sha, bytes, matcher, codec, ReadOptions(fileOptions, submission.Metadata));
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
        var surface = SurfaceFiles.Read(bytes, path, fileOptions);
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

    /// <summary>
    /// An item's original, from its blob's bytes, read as the surface it holds, as it was when added: the item's file name
    /// says whether it is a topography or a photograph, its metadata a photograph's stated pixel size and light.
    /// </summary>
    internal static IngestResult<Surface> ReadOriginal(string blobPath, byte[] bytes, ScanItem item, SurfaceFileOptions fileOptions) =>
        SurfaceFiles.Read(bytes, blobPath, ReadOptions(fileOptions, item.Metadata), item.FileName);

    /// <summary>
    /// How an item's original is read: a photograph with the pixel size and light its submitter stated (kept with the
    /// item, so reading it again reads it the same), else as the store reads every file.
    /// </summary>
    internal static SurfaceFileOptions ReadOptions(SurfaceFileOptions fileOptions, ScanItemMetadata? metadata) =>
        metadata is null ? fileOptions : fileOptions with
        {
            ImagePixelSizeUm = metadata.PixelSizeUm ?? fileOptions.ImagePixelSizeUm,
            ImageLighting = metadata.Lighting ?? fileOptions.ImageLighting,
        };

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
