using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;

namespace Ballistics.Cli.Matching;

/// <summary>
/// The matcher every CLI verb uses: default options and the embedded score models, or model files given with --model
/// (topographies) and --photograph-model (photographs).
/// </summary>
internal static class MatcherFactory
{
    public static BreechFaceMatcher Create(string? modelPath, string? photographModelPath = null)
    {
        return new BreechFaceMatcher(Load(modelPath) ?? ScoreModel.LoadDefault(), photographModel: Load(photographModelPath));

        static ScoreModel? Load(string? path)
        {
            if (path is null)
            {
                return null;
            }

            using var stream = File.OpenRead(path);
            return ScoreModel.Load(stream);
        }
    }
}
