using System.Numerics.Tensors;
using OpenCvSharp;

namespace Ballistics.Samples;

/// <summary>
/// Bulk operations on row-major float32 images held in plain arrays. OpenCV works on the arrays in place
/// (the Mat only pins them), so no step copies a whole image it does not have to.
/// </summary>
internal static class FloatImage
{
    public static void GaussianBlur(float[] data, int width, int height, double sigmaPx)
    {
        if (sigmaPx <= 0)
        {
            return;
        }

        using var mat = Mat.FromPixelData(height, width, MatType.CV_32FC1, data);
        Cv2.GaussianBlur(mat, mat, new Size(0, 0), sigmaPx, sigmaPx, BorderTypes.Reflect101);
    }

    /// <summary>Blurs a 1-D profile, treating it as one row.</summary>
    public static void GaussianBlur1D(float[] profile, double sigmaSamples)
    {
        if (sigmaSamples <= 0)
        {
            return;
        }

        var kernel = (2 * (int)Math.Ceiling(3 * sigmaSamples)) + 1;
        using var mat = Mat.FromPixelData(1, profile.Length, MatType.CV_32FC1, profile);
        Cv2.GaussianBlur(mat, mat, new Size(kernel, 1), sigmaSamples, 0, BorderTypes.Reflect101);
    }

    /// <summary>
    /// Samples <paramref name="source"/> into <paramref name="destination"/>: destination pixel (x, y) takes the
    /// source value at (m00·x + m01·y + m02, m10·x + m11·y + m12), bilinearly; outside the source gives
    /// <paramref name="border"/>.
    /// </summary>
    public static void WarpAffine(float[] source, int sourceWidth, int sourceHeight, float[] destination, int width, int height, ReadOnlySpan<double> destinationToSource, float border)
    {
        using var src = Mat.FromPixelData(sourceHeight, sourceWidth, MatType.CV_32FC1, source);
        using var dst = Mat.FromPixelData(height, width, MatType.CV_32FC1, destination);
        using var matrix = new Mat(2, 3, MatType.CV_64FC1);
        for (var i = 0; i < 6; i++)
        {
            matrix.Set(i / 3, i % 3, destinationToSource[i]);
        }

        Cv2.WarpAffine(src, dst, matrix, new Size(width, height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, new Scalar(border));
    }

    /// <summary>Removes the mean and scales to unit root mean square; a flat field stays zero.</summary>
    public static void Standardise(Span<float> values)
    {
        var mean = TensorPrimitives.Sum<float>(values) / values.Length;
        TensorPrimitives.Subtract(values, mean, values);
        var rms = MathF.Sqrt(TensorPrimitives.SumOfSquares<float>(values) / values.Length);
        if (rms > 0)
        {
            TensorPrimitives.Multiply(values, 1f / rms, values);
        }
    }

    public static void Scale(Span<float> values, float factor) => TensorPrimitives.Multiply(values, factor, values);

    /// <summary>destination += weight · source.</summary>
    public static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float weight) =>
        TensorPrimitives.MultiplyAdd(source, weight, destination, destination);
}
