namespace Ballistics.Engine.Matching;

/// <summary>
/// OpenCV's own thread count, set in this one place for every host (the CLI, `serve`, a silo, the benchmarks): the
/// engine already runs scans and comparisons on every core with its own parallel loops, and OpenCV's threads on top
/// of them only contend. Every host makes a <see cref="BreechFaceMatcher"/> before any OpenCV work, and its type
/// initialiser calls this.
/// </summary>
internal static class OpenCvThreads
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 0)
        {
            OpenCvSharp.Cv2.SetNumThreads(1);
        }
    }
}
