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

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public bool TryGet(string path, out PreparedScan scan) => _scans.TryGetValue(path, out scan!);

    public static PreparedScans Load(IEnumerable<string> paths, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, IProgress<int>? progress = null)
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
