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

    /// <summary>Bilinear interpolation at (<paramref name="x"/>, <paramref name="y"/>) points; 0 where a neighbour lies outside.</summary>
    public static float Bilinear(float[] image, int width, int height, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1)
        {
            return 0f;
        }

        var (fx, fy) = ((float)(x - x0), (float)(y - y0));
        var i = (y0 * width) + x0;
        var top = image[i] + (fx * (image[i + 1] - image[i]));
        var bottom = image[i + width] + (fx * (image[i + width + 1] - image[i + width]));
        return top + (fy * (bottom - top));
    }

    public static void Scale(Span<float> values, float factor) => TensorPrimitives.Multiply(values, factor, values);

    /// <summary>destination += weight · source.</summary>
    public static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float weight) =>
        TensorPrimitives.MultiplyAdd(source, weight, destination, destination);
}
