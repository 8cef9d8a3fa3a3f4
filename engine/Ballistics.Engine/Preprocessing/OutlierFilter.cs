using System.Buffers;
using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Invalidates points that stand out from their neighbourhood: the residual from a local median, scaled by the
/// residuals' own MAD, above <see cref="OutlierOptions.MaxRobustZ"/>. Spikes and pits a few points wide go; marks,
/// which are wider and shared by neighbours, stay.
/// </summary>
internal static class OutlierFilter
{
    /// <returns>Points removed.</returns>
    public static int Apply(HeightGrid grid, OutlierOptions options)
    {
        var median = grid.Quantile(0.5);
        if (!float.IsFinite(median))
        {
            return 0;
        }

        // OpenCV's median filter knows no missing points, so they take the global median. (A NaN-aware local mean as
        // the fill flags fewer points beside region edges, but shifted the trained score model's inputs; measured and
        // left for the next tuning of the defaults.)
        using var filled = new Mat(grid.Height, grid.Width, MatType.CV_32FC1);
        var f = filled.AsSpan<float>();
        for (var i = 0; i < grid.Values.Length; i++)
        {
            f[i] = float.IsFinite(grid.Values[i]) ? grid.Values[i] : median;
        }

        // OpenCV's float median filter takes windows of 3 or 5 points only.
        var size = grid.StepUm * 4 <= options.WindowUm ? 5 : 3;
        using var local = new Mat();
        Cv2.MedianBlur(filled, local, size);
        var l = local.AsSpan<float>();
        // The residuals' MAD sets the scale: a fixed limit in µm would suit one instrument and one ammunition only.
        var residuals = ArrayPool<float>.Shared.Rent(grid.Values.Length);
        float sigma;
        try
        {
            var n = 0;
            for (var i = 0; i < grid.Values.Length; i++)
            {
                if (float.IsFinite(grid.Values[i]))
                {
                    residuals[n++] = Math.Abs(grid.Values[i] - l[i]);
                }
            }

            if (n < 16)
            {
                return 0;
            }

            sigma = 1.4826f * Selection.Select(residuals.AsSpan(0, n), n / 2);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(residuals);
        }

        if (!(sigma > 0))
        {
            return 0;
        }

        var limit = options.MaxRobustZ * sigma;
        var removed = 0;
        for (var i = 0; i < grid.Values.Length; i++)
        {
            if (float.IsFinite(grid.Values[i]) && Math.Abs(grid.Values[i] - l[i]) > limit)
            {
                grid.Values[i] = float.NaN;
                removed++;
            }
        }

        return removed;
    }
}
