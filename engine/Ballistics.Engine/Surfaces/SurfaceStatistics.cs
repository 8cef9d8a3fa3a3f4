namespace Ballistics.Engine.Surfaces;

/// <summary>Summary of a surface's values: how much is valid and the range of the valid heights.</summary>
public readonly record struct SurfaceStatistics(long ValidPoints, long TotalPoints, float Min, float Max, double Mean, double RootMeanSquareDeviation)
{
    public double ValidFraction => TotalPoints == 0 ? 0 : (double)ValidPoints / TotalPoints;

    public static SurfaceStatistics Of(ReadOnlySpan<float> values)
    {
        long valid = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        double sum = 0;
        foreach (var v in values)
        {
            if (float.IsNaN(v))
            {
                continue;
            }

            valid++;
            sum += v;
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        if (valid == 0)
        {
            return new SurfaceStatistics(0, values.Length, float.NaN, float.NaN, double.NaN, double.NaN);
        }

        var mean = sum / valid;
        double squares = 0;
        foreach (var v in values)
        {
            if (!float.IsNaN(v))
            {
                var d = v - mean;
                squares += d * d;
            }
        }

        return new SurfaceStatistics(valid, values.Length, min, max, mean, Math.Sqrt(squares / valid));
    }
}
