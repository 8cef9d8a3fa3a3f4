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
    private MaskedImage(Mat values, Mat mask, int validCount)
    {
        Values = values;
        Mask = mask;
        ValidCount = validCount;
    }

    public Mat Values { get; }

    public Mat Mask { get; }

    public int ValidCount { get; private set; }

    public int Width => Values.Cols;

    public int Height => Values.Rows;

    /// <summary>An all-invalid image of the given size, to be filled by <see cref="WarpFrom"/>.</summary>
    public static MaskedImage Create(int width, int height) =>
        new(new Mat(height, width, MatType.CV_32FC1, Scalar.All(0)), new Mat(height, width, MatType.CV_32FC1, Scalar.All(0)), 0);

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
        var values = new Mat();
        var weights = new Mat();
        Cv2.Resize(source.Values, values, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        Cv2.Resize(source.Mask, weights, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        var image = new MaskedImage(values, weights.Clone(), 0);
        image.FinishWeighted(weights, 0.5f);
        weights.Dispose();
        return image;
    }

    /// <summary>
    /// Rotates (and shifts) <paramref name="source"/> into this image with bilinear weights. A point is valid
    /// only when all four source neighbours were valid, so no NaN edge leaks a made-up value into a correlation.
    /// </summary>
    public void WarpFrom(MaskedImage source, Mat affine2x3, Mat scratch)
    {
        var size = new Size(Width, Height);
        Cv2.WarpAffine(source.Values, Values, affine2x3, size, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        Cv2.WarpAffine(source.Mask, scratch, affine2x3, size, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        FinishWeighted(scratch, 0.999f);
    }

    /// <summary>
    /// Puts <paramref name="source"/> (scan B) on this image's grid, which is the reference scan's size, as
    /// <paramref name="registration"/> places it, turned a further <paramref name="extraRotationDeg"/> about its centre.
    /// </summary>
    public void WarpRegistered(MaskedImage source, Registration registration, double stepUm, double extraRotationDeg, Mat scratch)
    {
        using var affine = Rotation2D.FromDegrees(registration.RotationDeg + extraRotationDeg).Affine(
            (source.Width - 1) / 2.0, (source.Height - 1) / 2.0, ((Width - 1) / 2.0) + (registration.DxUm / stepUm), ((Height - 1) / 2.0) + (registration.DyUm / stepUm));
        WarpFrom(source, affine, scratch);
    }

    /// <summary>
    /// Polar resampling about (<paramref name="centreX"/>, <paramref name="centreY"/>): row k holds angle
    /// 360°·k/rows (clockwise on screen, OpenCV's warpPolar), column j radius maxRadius·j/columns. Turning the
    /// source about the centre becomes a circular shift of rows.
    /// </summary>
    public static MaskedImage Polar(MaskedImage source, double centreX, double centreY, double maxRadius, int radii, int angles)
    {
        var size = new Size(radii, angles);
        var centre = new Point2f((float)centreX, (float)centreY);
        var values = new Mat();
        var weights = new Mat();
        Cv2.WarpPolar(source.Values, values, size, centre, maxRadius, InterpolationFlags.Linear, WarpPolarMode.Linear);
        Cv2.WarpPolar(source.Mask, weights, size, centre, maxRadius, InterpolationFlags.Linear, WarpPolarMode.Linear);
        var image = new MaskedImage(values, weights.Clone(), 0);
        image.FinishWeighted(weights, 0.999f);
        weights.Dispose();
        return image;
    }

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
    }
}
