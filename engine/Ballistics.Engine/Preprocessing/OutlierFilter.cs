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
        var residuals = new List<float>(grid.Values.Length);
        for (var i = 0; i < grid.Values.Length; i++)
        {
            if (float.IsFinite(grid.Values[i]))
            {
                residuals.Add(Math.Abs(grid.Values[i] - l[i]));
            }
        }

        if (residuals.Count < 16)
        {
            return 0;
        }

        residuals.Sort();
        var sigma = 1.4826 * residuals[residuals.Count / 2];
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
