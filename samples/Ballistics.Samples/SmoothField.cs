using OpenCvSharp;

namespace Ballistics.Samples;

/// <summary>
/// Slowly varying random fields (correlation lengths of hundreds of micrometres), made on a coarse grid and
/// enlarged: a Gaussian blur that wide on the full grid would cost more than the rest of a breech face.
/// </summary>
internal static class SmoothField
{
    private const int Coarsening = 8;

    /// <summary>A field of unit root mean square on a width × height grid of the given step.</summary>
    public static float[] Create(Random rng, int width, int height, double stepUm, double correlationUm)
    {
        var coarseWidth = Math.Max(4, (width / Coarsening) + 2);
        var coarseHeight = Math.Max(4, (height / Coarsening) + 2);
        var coarse = new float[coarseWidth * coarseHeight];
        rng.FillGaussian(coarse, 1.0);
        FloatImage.GaussianBlur(coarse, coarseWidth, coarseHeight, correlationUm / (stepUm * Coarsening));
        FloatImage.Standardise(coarse);

        var field = new float[width * height];
        using var small = Mat.FromPixelData(coarseHeight, coarseWidth, MatType.CV_32FC1, coarse);
        using var large = Mat.FromPixelData(height, width, MatType.CV_32FC1, field);
        Cv2.Resize(small, large, new Size(width, height), 0, 0, InterpolationFlags.Linear);
        return field;
    }
}
