using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;

namespace Ballistics.Cli.Matching;

/// <summary>The matcher every CLI verb uses: default options and the embedded score model, or a model file given with --model.</summary>
internal static class MatcherFactory
{
    public static BreechFaceMatcher Create(string? modelPath)
    {
        if (modelPath is null)
        {
            return new BreechFaceMatcher(ScoreModel.LoadDefault());
        }

        using var stream = File.OpenRead(modelPath);
        return new BreechFaceMatcher(ScoreModel.Load(stream));
    }
}
