using Ballistics.Engine.Surfaces;
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

    /// <summary>The q-quantile (0…1) of the valid heights (see <see cref="Selection.Quantile"/>).</summary>
    public float Quantile(double q) => Selection.Quantile(Values, q);

    /// <summary>
    /// Area-average resampling by <paramref name="scale"/> (below 1 shrinks): each output point is the mean of
    /// the valid input it covers, invalid when less than <paramref name="minValidFraction"/> of it was valid.
    /// </summary>
    public HeightGrid Resample(double scale, double minValidFraction) => Resample(Values, Width, Height, StepUm, scale, minValidFraction, null);

    /// <summary>
    /// Area-average resampling of row-major heights (see the instance overload). Points outside
    /// <paramref name="region"/>, when given, count as invalid: the region is applied in the same pass.
    /// </summary>
    public static HeightGrid Resample(ReadOnlySpan<float> values, int width, int height, double stepUm, double scale, double minValidFraction, RegionMask? region)
    {
        // Heights times weights and the weights side by side in one two-channel image: one resize averages both,
        // and their ratio is the mean of the valid points only.
        using var pairs = new Mat(height, width, MatType.CV_32FC2);
        var p = pairs.AsSpan<float>();
        var background = region?.BackgroundRgb ?? 0;
        for (var y = 0; y < height; y++)
        {
            var row = values.Slice(y * width, width);
            var inside = region is null ? default : region.Row(y);
            var pair = p.Slice(2 * y * width, 2 * width);
            for (var x = 0; x < row.Length; x++)
            {
                var valid = float.IsFinite(row[x]) && (region is null || inside[x] != background);
                pair[2 * x] = valid ? row[x] : 0f;
                pair[(2 * x) + 1] = valid ? 1f : 0f;
            }
        }

        using var means = new Mat();
        var interpolation = scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear;
        Cv2.Resize(pairs, means, new Size(0, 0), scale, scale, interpolation);
        var m = means.AsSpan<float>();
        var result = new float[means.Rows * means.Cols];
        var threshold = (float)minValidFraction;
        for (var i = 0; i < result.Length; i++)
        {
            var w = m[(2 * i) + 1];
            result[i] = w >= threshold ? m[2 * i] / w : float.NaN;
        }

        return new HeightGrid(result, means.Cols, means.Rows, stepUm / scale);
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
