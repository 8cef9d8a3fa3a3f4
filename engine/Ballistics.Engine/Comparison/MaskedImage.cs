using System.Runtime.Intrinsics;
using Ballistics.Engine.Preprocessing;
using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// A height map split into zero-filled values and a 0/1 validity mask, both CV_32F. Every
/// correlation in the comparison works on this pair, because masked normalised cross-correlation
/// (Padfield 2012) needs exactly these two planes; keeping them apart once avoids re-splitting NaNs
/// for every rotation. Values are standardised over the valid points (zero mean, unit variance),
/// which keeps float32 sums well conditioned.
/// </summary>
internal sealed class MaskedImage : IDisposable
{
    private readonly Lock _gapsLock = new();
    private Mat? _withGaps;

    private MaskedImage(Mat values, Mat mask, int validCount)
    {
        Values = values;
        Mask = mask;
        ValidCount = validCount;
        Width = values.Cols;
        Height = values.Rows;
    }

    public Mat Values { get; }

    public Mat Mask { get; }

    public int ValidCount { get; private set; }

    /// <summary>Columns, read once: Mat.Cols is a native call, too slow for loop bounds.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>An all-invalid image of the given size, to be filled by <see cref="WarpFrom"/>.</summary>
    public static MaskedImage Create(int width, int height) =>
        new(new Mat(height, width, MatType.CV_32FC1, Scalar.All(0)), new Mat(height, width, MatType.CV_32FC1, Scalar.All(0)), 0);

    /// <summary>An image from its two planes as they were (values zero where invalid, mask 0 or 1), without standardising again.</summary>
    public static MaskedImage FromPlanes(ReadOnlySpan<float> values, ReadOnlySpan<float> mask, int width, int height)
    {
        var image = Create(width, height);
        values.CopyTo(image.Values.AsSpan<float>());
        mask.CopyTo(image.Mask.AsSpan<float>());
        image.ValidCount = Cv2.CountNonZero(image.Mask);
        return image;
    }

    /// <summary>Splits row-major heights (NaN = invalid) and standardises them over the valid points.</summary>
    public static MaskedImage FromHeights(ReadOnlySpan<float> heights, int width, int height)
    {
        var image = Create(width, height);
        var values = image.Values.AsSpan<float>();
        var mask = image.Mask.AsSpan<float>();
        double sum = 0, sumSq = 0;
        var count = 0;
        for (var i = 0; i < heights.Length; i++)
        {
            var z = heights[i];
            if (float.IsFinite(z))
            {
                sum += z;
                sumSq += (double)z * z;
                count++;
            }
        }

        var mean = count > 0 ? sum / count : 0;
        var variance = count > 1 ? (sumSq / count) - (mean * mean) : 0;
        var scale = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 1;
        for (var i = 0; i < heights.Length; i++)
        {
            var z = heights[i];
            var valid = float.IsFinite(z);
            values[i] = valid ? (float)((z - mean) * scale) : 0f;
            mask[i] = valid ? 1f : 0f;
        }

        image.ValidCount = count;
        return image;
    }

    /// <summary>Heights again, NaN where invalid (for diagnostics and for spatial-domain checks).</summary>
    public float[] ToHeights()
    {
        var values = Values.AsSpan<float>();
        var mask = Mask.AsSpan<float>();
        var result = new float[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = mask[i] > 0 ? values[i] : float.NaN;
        }

        return result;
    }

    /// <summary>
    /// Area-averages <paramref name="source"/> by the exact <paramref name="scale"/> (below 1 shrinks), so two
    /// images resampled with one scale keep one step. A coarse point is valid when at least half of what it
    /// covers was valid; its value is the mean of the valid part only.
    /// </summary>
    public static MaskedImage Resample(MaskedImage source, double scale)
    {
        using var weights = new Mat();
        Cv2.Resize(source.Mask, weights, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        var values = new Mat();
        MaskedImage? image = null;
        try
        {
            Cv2.Resize(source.Values, values, new Size(0, 0), scale, scale, InterpolationFlags.Area);
            image = new MaskedImage(values, weights.Clone(), 0);
            image.FinishWeighted(weights, 0.5f);
            return image;
        }
        catch
        {
            // The new image owns its planes once made; before that, the values plane is this method's to free.
            if (image is null)
            {
                values.Dispose();
            }
            else
            {
                image.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// A copy without wavelengths beyond <paramref name="cutoffUm"/>: each point less the Gaussian-weighted mean
    /// (ISO 16610-21 weighting, half amplitude at the cut-off) of the valid points around it, standardised again.
    /// Points whose neighbourhood holds no valid weight become invalid.
    /// </summary>
    public MaskedImage HighPassed(double stepUm, double cutoffUm) => FromHeights(HighPassedHeights(stepUm, cutoffUm), Width, Height);

    /// <summary>
    /// The values less the Gaussian-weighted mean of the valid points around each (as <see cref="HighPassed"/>), in the
    /// values' own unit, NaN where invalid or where the neighbourhood holds no valid weight.
    /// </summary>
    public float[] HighPassedHeights(double stepUm, double cutoffUm)
    {
        // The high-pass half of GaussianBandPass on this image's own planes; that one works on preprocessing's height
        // grids and drops points with less than MinWeight support, which here would cut the scan's edges again.
        var sigma = GaussianBandPass.SigmaUm(cutoffUm) / stepUm;
        using var weightedSum = new Mat();
        using var weight = new Mat();
        Cv2.GaussianBlur(Values, weightedSum, new Size(0, 0), sigma, sigma, BorderTypes.Constant);
        Cv2.GaussianBlur(Mask, weight, new Size(0, 0), sigma, sigma, BorderTypes.Constant);
        var values = Values.AsSpan<float>();
        var mask = Mask.AsSpan<float>();
        var sum = weightedSum.AsSpan<float>();
        var w = weight.AsSpan<float>();
        var heights = new float[values.Length];
        for (var i = 0; i < heights.Length; i++)
        {
            heights[i] = mask[i] > 0 && w[i] > 1e-6f ? values[i] - (sum[i] / w[i]) : float.NaN;
        }

        return heights;
    }

    /// <summary>
    /// Writes the values into <paramref name="target"/> (this image's size), weighted by a raised cosine of the
    /// distance to the nearest invalid point that reaches 1 at <paramref name="taperSteps"/>: for transforms, where
    /// an abrupt edge of the data would add its own streak to the spectrum.
    /// </summary>
    public void WriteEdgeTapered(double taperSteps, Mat target)
    {
        using var valid = new Mat();
        using var distance = new Mat();
        Mask.ConvertTo(valid, MatType.CV_8UC1);
        Cv2.DistanceTransform(valid, distance, DistanceTypes.L2, DistanceTransformMasks.Mask5);
        using var weight = new Mat(Height, Width, MatType.CV_32FC1);
        var d = distance.AsSpan<float>();
        var w = weight.AsSpan<float>();
        for (var i = 0; i < d.Length; i++)
        {
            w[i] = d[i] >= taperSteps ? 1f : (float)(0.5 - (0.5 * Math.Cos(Math.PI * d[i] / taperSteps)));
        }

        Cv2.Multiply(Values, weight, target);
    }

    /// <summary>
    /// Rotates (and shifts) <paramref name="source"/> into this image with bilinear weights. A point is valid
    /// only when all four source neighbours were valid, so no NaN edge leaks a made-up value into a correlation
    /// (<see cref="BilinearWarp"/>: the source is read with NaN in its gaps and split in the same pass).
    /// </summary>
    public void WarpFrom(MaskedImage source, SourceMap map)
    {
        lock (_gapsLock)
        {
            _withGaps?.Dispose();
            _withGaps = null;
        }

        ValidCount = BilinearWarp.Warp(source.WithGaps().AsSpan<float>(), source.Width, source.Height, map, Values.AsSpan<float>(), Mask.AsSpan<float>(), Width, Height, Width);
    }

    /// <summary>
    /// Rotates (and shifts) the values alone into a <paramref name="width"/>×<paramref name="height"/> window of a
    /// larger row-major image (rows <paramref name="stride"/> apart) with the same rule as <see cref="WarpFrom"/>:
    /// zero wherever a source neighbour was missing.
    /// </summary>
    public void WarpValuesInto(Span<float> target, int width, int height, int stride, SourceMap map) =>
        BilinearWarp.Warp(WithGaps().AsSpan<float>(), Width, Height, map, target, [], width, height, stride);

    /// <summary>Distance in points from (<paramref name="centreX"/>, <paramref name="centreY"/>) to the farthest valid point; 0 when none is valid.</summary>
    public double FarthestValidDistance(double centreX, double centreY)
    {
        var mask = Mask.AsSpan<float>();
        var farthest = 0.0;
        for (var y = 0; y < Height; y++)
        {
            var dy = y - centreY;
            for (var x = 0; x < Width; x++)
            {
                if (mask[(y * Width) + x] > 0)
                {
                    var dx = x - centreX;
                    farthest = Math.Max(farthest, (dx * dx) + (dy * dy));
                }
            }
        }

        return Math.Sqrt(farthest);
    }

    /// <summary>Values with NaN where the mask is 0, made on first use and kept (sources are warped many times).</summary>
    private Mat WithGaps()
    {
        lock (_gapsLock)
        {
            if (_withGaps is null)
            {
                _withGaps = new Mat(Height, Width, MatType.CV_32FC1);
                var target = _withGaps.AsSpan<float>();
                var values = Values.AsSpan<float>();
                var mask = Mask.AsSpan<float>();
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = mask[i] > 0 ? values[i] : float.NaN;
                }
            }

            return _withGaps;
        }
    }

    /// <summary>Splits heights with NaN gaps into zero-filled values and a 0/1 mask; returns the valid count.</summary>
    internal static int Split(ReadOnlySpan<float> heights, Span<float> values, Span<float> mask, bool useVectors)
    {
        var i = 0;
        var count = 0;
        if (useVectors && Vector256.IsHardwareAccelerated)
        {
            var one = Vector256.Create(1f);
            var counts = Vector256<float>.Zero;
            for (; i + Vector256<float>.Count <= heights.Length; i += Vector256<float>.Count)
            {
                var h = Vector256.Create(heights.Slice(i, Vector256<float>.Count));
                var valid = Vector256.Equals(h, h);
                (h & valid).CopyTo(values.Slice(i, Vector256<float>.Count));
                var m = one & valid;
                m.CopyTo(mask.Slice(i, Vector256<float>.Count));
                counts += m;
            }

            count = (int)Vector256.Sum(counts);
        }

        for (; i < heights.Length; i++)
        {
            var valid = !float.IsNaN(heights[i]);
            values[i] = valid ? heights[i] : 0f;
            mask[i] = valid ? 1f : 0f;
            count += valid ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Puts <paramref name="source"/> (scan B) on this image's grid, which is the reference scan's size, as
    /// <paramref name="registration"/> places it, turned a further <paramref name="extraRotationDeg"/> about its centre.
    /// </summary>
    public void WarpRegistered(MaskedImage source, Registration registration, double stepUm, double extraRotationDeg) =>
        WarpFrom(source, SourceMap.Turn(
            Rotation2D.FromDegrees(registration.RotationDeg + extraRotationDeg),
            (source.Width - 1) / 2.0,
            (source.Height - 1) / 2.0,
            ((Width - 1) / 2.0) + (registration.DxUm / stepUm),
            ((Height - 1) / 2.0) + (registration.DyUm / stepUm)));

    private void FinishWeighted(Mat weights, float minWeight)
    {
        var values = Values.AsSpan<float>();
        var mask = Mask.AsSpan<float>();
        var w = weights.AsSpan<float>();
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (w[i] >= minWeight)
            {
                values[i] /= w[i];
                mask[i] = 1f;
                count++;
            }
            else
            {
                values[i] = 0f;
                mask[i] = 0f;
            }
        }

        ValidCount = count;
    }

    public void Dispose()
    {
        Values.Dispose();
        Mask.Dispose();
        _withGaps?.Dispose();
    }
}
