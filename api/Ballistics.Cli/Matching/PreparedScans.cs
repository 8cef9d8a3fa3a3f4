using System.Collections.Concurrent;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;

namespace Ballistics.Cli.Matching;

/// <summary>
/// Reads and prepares each distinct scan once, on all cores, keeping the located error of every file that
/// fails so that a batch reports it and goes on with the others.
/// </summary>
internal sealed class PreparedScans
{
    private readonly ConcurrentDictionary<string, PreparedScan> _scans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Engine.Surfaces.Surface> _sources = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public bool TryGet(string path, out PreparedScan scan) => _scans.TryGetValue(path, out scan!);

    /// <summary>The scan as read, when <see cref="Load"/> was asked to keep it (pictures over the scan as given).</summary>
    public bool TryGetSource(string path, out Engine.Surfaces.Surface source) => _sources.TryGetValue(path, out source!);

    /// <param name="paths">Files to read and prepare; each distinct one once.</param>
    /// <param name="matcher">Prepares them.</param>
    /// <param name="fileOptions">How to read them.</param>
    /// <param name="progress">Told the count done after each file.</param>
    /// <param name="keepSources">Keep each scan as read too (a single comparison's diagnostics; not a batch's memory).</param>
    public static PreparedScans Load(IEnumerable<string> paths, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, IProgress<int>? progress = null, bool keepSources = false)
    {
        var result = new PreparedScans();
        var distinct = paths.Distinct(StringComparer.Ordinal).ToArray();
        var done = 0;
        Parallel.ForEach(distinct, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            var read = SurfaceFiles.Read(path, fileOptions);
            if (!read.Success)
            {
                result._errors[path] = read.Error.ToString();
            }
            else
            {
                try
                {
                    result._scans[path] = matcher.Prepare(read.Value);
                    if (keepSources)
                    {
                        result._sources[path] = read.Value;
                    }
                }
                catch (ArgumentException ex)
                {
                    result._errors[path] = $"{path}: cannot prepare the breech face: {ex.Message}";
                }
            }

            progress?.Report(Interlocked.Increment(ref done));
        });
        return result;
    }
}
