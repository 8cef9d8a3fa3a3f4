using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// A working height map of the preprocessing steps: row-major float µm with NaN for invalid points, owned by
/// the pipeline and handed from step to step. OpenCV sees the same memory through <see cref="Wrap"/>.
/// </summary>
internal sealed class HeightGrid
{
    public HeightGrid(float[] values, int width, int height, double stepUm)
    {
        Values = values;
        Width = width;
        Height = height;
        StepUm = stepUm;
    }

    public float[] Values { get; }

    public int Width { get; }

    public int Height { get; }

    public double StepUm { get; }

    public Span<float> Row(int y) => Values.AsSpan(y * Width, Width);

    /// <summary>An OpenCV header over <see cref="Values"/> (no copy); dispose it, not the data.</summary>
    public Mat Wrap() => Mat.FromPixelData(Height, Width, MatType.CV_32FC1, Values);

    public int CountValid()
    {
        var count = 0;
        foreach (var v in Values)
        {
            if (float.IsFinite(v))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The q-quantile (0…1) of the valid heights, by selection on a copy.</summary>
    public float Quantile(double q)
    {
        var valid = Values.Where(float.IsFinite).ToArray();
        if (valid.Length == 0)
        {
            return float.NaN;
        }

        Array.Sort(valid);
        return valid[(int)Math.Clamp(Math.Round(q * (valid.Length - 1)), 0, valid.Length - 1)];
    }

    /// <summary>
    /// Area-average resampling by <paramref name="scale"/> (below 1 shrinks): each output point is the mean of
    /// the valid input it covers, invalid when less than <paramref name="minValidFraction"/> of it was valid.
    /// </summary>
    public HeightGrid Resample(double scale, double minValidFraction)
    {
        using var source = Wrap();
        using var weights = new Mat(Height, Width, MatType.CV_32FC1);
        using var filled = new Mat(Height, Width, MatType.CV_32FC1);
        var w = weights.AsSpan<float>();
        var f = filled.AsSpan<float>();
        for (var i = 0; i < Values.Length; i++)
        {
            var valid = float.IsFinite(Values[i]);
            w[i] = valid ? 1f : 0f;
            f[i] = valid ? Values[i] : 0f;
        }

        using var sumZ = new Mat();
        using var sumW = new Mat();
        var interpolation = scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear;
        Cv2.Resize(filled, sumZ, new Size(0, 0), scale, scale, interpolation);
        Cv2.Resize(weights, sumW, new Size(0, 0), scale, scale, interpolation);
        var z = sumZ.AsSpan<float>();
        var ww = sumW.AsSpan<float>();
        var result = new float[z.Length];
        var threshold = (float)minValidFraction;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ww[i] >= threshold ? z[i] / ww[i] : float.NaN;
        }

        return new HeightGrid(result, sumZ.Cols, sumZ.Rows, StepUm / scale);
    }

    /// <summary>Sets every point outside <paramref name="region"/> (8-bit, non-zero = inside) to NaN.</summary>
    public void KeepOnly(Mat region)
    {
        var r = region.AsSpan<byte>();
        for (var i = 0; i < Values.Length; i++)
        {
            if (r[i] == 0)
            {
                Values[i] = float.NaN;
            }
        }
    }

    /// <summary>8-bit mask of the valid points (255 valid).</summary>
    public Mat ValidMask()
    {
        var mask = new Mat(Height, Width, MatType.CV_8UC1);
        var m = mask.AsSpan<byte>();
        for (var i = 0; i < Values.Length; i++)
        {
            m[i] = float.IsFinite(Values[i]) ? (byte)255 : (byte)0;
        }

        return mask;
    }
}
