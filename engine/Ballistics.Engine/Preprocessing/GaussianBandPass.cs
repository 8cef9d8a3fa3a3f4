using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// ISO 16610-21 Gaussian filtering with missing points handled by normalised convolution: the smoothed surface
/// is G∗(z·w) / G∗w, so invalid points neither pull their neighbours towards zero nor spread NaN.
/// </summary>
internal static class GaussianBandPass
{
    /// <summary>α = √(ln 2 / π): a wavelength equal to the cut-off keeps 50 % of its amplitude.</summary>
    private static readonly double Alpha = Math.Sqrt(Math.Log(2) / Math.PI);

    /// <summary>Standard deviation (µm) of the Gaussian whose ISO weighting has cut-off <paramref name="cutoffUm"/>.</summary>
    public static double SigmaUm(double cutoffUm) => Alpha * cutoffUm / Math.Sqrt(2 * Math.PI);

    /// <summary>Band-pass in place: long-wave form removed, short waves smoothed; points with too little valid support become NaN.</summary>
    public static void Apply(HeightGrid grid, BandPassOptions options)
    {
        using var values = new Mat(grid.Height, grid.Width, MatType.CV_32FC1);
        using var weights = new Mat(grid.Height, grid.Width, MatType.CV_32FC1);
        var v = values.AsSpan<float>();
        var w = weights.AsSpan<float>();
        var z = grid.Values;
        for (var i = 0; i < z.Length; i++)
        {
            var valid = float.IsFinite(z[i]);
            v[i] = valid ? z[i] : 0f;
            w[i] = valid ? 1f : 0f;
        }

        using var longValues = new Mat();
        using var longWeights = new Mat();
        Smooth(values, longValues, SigmaUm(options.LongCutoffUm) / grid.StepUm);
        Smooth(weights, longWeights, SigmaUm(options.LongCutoffUm) / grid.StepUm);

        // High-pass: subtract the long-wave mean; then low-pass the residual with the short cut-off.
        var lv = longValues.AsSpan<float>();
        var lw = longWeights.AsSpan<float>();
        var minWeight = (float)options.MinWeight;
        for (var i = 0; i < z.Length; i++)
        {
            if (w[i] > 0 && lw[i] >= minWeight)
            {
                v[i] -= lv[i] / lw[i];
            }
            else
            {
                v[i] = 0f;
                w[i] = 0f;
            }
        }

        using var shortValues = new Mat();
        using var shortWeights = new Mat();
        Smooth(values, shortValues, SigmaUm(options.ShortCutoffUm) / grid.StepUm);
        Smooth(weights, shortWeights, SigmaUm(options.ShortCutoffUm) / grid.StepUm);
        var sv = shortValues.AsSpan<float>();
        var sw = shortWeights.AsSpan<float>();
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = w[i] > 0 && sw[i] >= minWeight ? sv[i] / sw[i] : float.NaN;
        }
    }

    /// <summary>Separable Gaussian of σ points, zero outside the grid (the weights carry the border).</summary>
    private static void Smooth(Mat source, Mat destination, double sigmaPoints)
    {
        if (sigmaPoints < 0.2)
        {
            // Narrower than a fifth of a point, the kernel is a delta: the grid already holds no shorter waves.
            source.CopyTo(destination);
            return;
        }

        var half = Math.Max(1, (int)Math.Ceiling(3.5 * sigmaPoints));
        Cv2.GaussianBlur(source, destination, new Size((2 * half) + 1, (2 * half) + 1), sigmaPoints, sigmaPoints, BorderTypes.Constant);
    }
}
