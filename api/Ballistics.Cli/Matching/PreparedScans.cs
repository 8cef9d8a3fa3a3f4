using System.Collections.Concurrent;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
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
    private readonly ConcurrentDictionary<string, Surface> _sources = new(StringComparer.Ordinal);

    /// <summary>Topographies rendered as photographs under a ring or a side light: made only when photographs were loaded with them.</summary>
    private readonly ConcurrentDictionary<(string Path, ImageLighting Light), PreparedScan> _asPhotographs = new();

    public IReadOnlyDictionary<string, string> Errors => _errors;

    /// <summary>True when both photographs and topographies were loaded (pairs of them are compared 3D ↔ 2D).</summary>
    public bool Mixed { get; private set; }

    /// <summary>
    /// The two as they are compared: as loaded when of one kind; else the topography rendered as a photograph under the
    /// photograph's light (a ring when it is not stated), so that both are photographs.
    /// </summary>
    public bool TryGetPair(string pathA, string pathB, out PreparedScan a, out PreparedScan b)
    {
        if (!TryGet(pathA, out a) || !TryGet(pathB, out b))
        {
            b = a;
            return false;
        }

        if (a.Kind == b.Kind)
        {
            return true;
        }

        return a.Kind == SurfaceKind.Topography
            ? _asPhotographs.TryGetValue((pathA, Light(b)), out a!)
            : _asPhotographs.TryGetValue((pathB, Light(a)), out b!);
    }

    private static ImageLighting Light(PreparedScan photograph) => photograph.Surface.Metadata.Lighting == ImageLighting.Side ? ImageLighting.Side : ImageLighting.Ring;

    public bool TryGet(string path, out PreparedScan scan) => _scans.TryGetValue(path, out scan!);

    /// <summary>The scan as read, when <see cref="Load"/> was asked to keep it (pictures over the scan as given).</summary>
    public bool TryGetSource(string path, out Surface source) => _sources.TryGetValue(path, out source!);

    /// <summary>
    /// When photographs came with topographies, each topography (as read by <see cref="Load"/>) is rendered under each
    /// light the photographs were taken in (<see cref="BreechFaceMatcher.PrepareAsPhotograph"/>), once.
    /// </summary>
    private void RenderTopographiesAsPhotographs(BreechFaceMatcher matcher, IReadOnlyDictionary<string, Surface> topographies)
    {
        var lights = _scans.Values.Where(s => s.Kind == SurfaceKind.Intensity2D).Select(Light).Distinct().ToArray();
        Mixed = lights.Length > 0 && topographies.Count > 0;
        if (!Mixed)
        {
            return;
        }

        Parallel.ForEach(topographies, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, topography =>
        {
            foreach (var light in lights)
            {
                try
                {
                    _asPhotographs[(topography.Key, light)] = matcher.PrepareAsPhotograph(topography.Value, light);
                }
                catch (ArgumentException ex)
                {
                    _errors[topography.Key] = $"{topography.Key}: cannot prepare it rendered as a {light.ToString().ToLowerInvariant()}-lit photograph: {ex.Message}";
                }
            }
        });
    }

    /// <param name="paths">Files to read and prepare; each distinct one once.</param>
    /// <param name="matcher">Prepares them.</param>
    /// <param name="fileOptions">How to read them.</param>
    /// <param name="progress">Told the count done after each file.</param>
    /// <param name="keepSources">Keep each scan as read too (a single comparison's diagnostics; not a batch's memory).</param>
    /// <param name="perFile">How particular files are read instead (a manifest's photographs with their light and pixel size stated).</param>
    public static PreparedScans Load(
        IEnumerable<string> paths, BreechFaceMatcher matcher, SurfaceFileOptions fileOptions, IProgress<int>? progress = null, bool keepSources = false, IReadOnlyDictionary<string, SurfaceFileOptions>? perFile = null)
    {
        var result = new PreparedScans();
        var distinct = paths.Distinct(StringComparer.Ordinal).ToArray();
        // Scans among photographs are rendered to meet them: kept as read until then, rather than read twice.
        var mixed = distinct.Any(SurfaceFiles.IsImage) && !distinct.All(SurfaceFiles.IsImage);
        var topographies = new ConcurrentDictionary<string, Surface>(StringComparer.Ordinal);
        var done = 0;
        Parallel.ForEach(distinct, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            var read = SurfaceFiles.Read(path, perFile?.GetValueOrDefault(path) ?? fileOptions);
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

                    if (mixed && read.Value.Kind == SurfaceKind.Topography)
                    {
                        topographies[path] = read.Value;
                    }
                }
                catch (ArgumentException ex)
                {
                    result._errors[path] = $"{path}: cannot prepare the breech face: {ex.Message}";
                }
            }

            progress?.Report(Interlocked.Increment(ref done));
        });
        result.RenderTopographiesAsPhotographs(matcher, topographies);
        return result;
    }
}
