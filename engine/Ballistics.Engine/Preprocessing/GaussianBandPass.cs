using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// ISO 16610-21 Gaussian filtering with missing points handled by normalised convolution: the smoothed surface
/// is G∗(z·w) / G∗w, so invalid points neither pull their neighbours towards zero nor spread NaN. Heights·weights
/// and weights travel together as the two channels of one image, so each filter is one OpenCV call.
/// </summary>
internal static class GaussianBandPass
{
    /// <summary>α = √(ln 2 / π): a wavelength equal to the cut-off keeps 50 % of its amplitude.</summary>
    private static readonly double Alpha = Math.Sqrt(Math.Log(2) / Math.PI);

    /// <summary>
    /// A Gaussian this wide (σ in grid points) or wider is applied on a grid coarser by an integer factor that keeps
    /// σ at least this many coarse points: its transfer is nil long before the coarse grid's Nyquist wavelength, so
    /// the result is the same, at a fraction of the cost (the 600 µm long cut-off is an 81-point kernel at 10 µm).
    /// </summary>
    private const double CoarseSigmaPoints = 3;

    /// <summary>Standard deviation (µm) of the Gaussian whose ISO weighting has cut-off <paramref name="cutoffUm"/>.</summary>
    public static double SigmaUm(double cutoffUm) => Alpha * cutoffUm / Math.Sqrt(2 * Math.PI);

    /// <summary>Band-pass in place: long-wave form removed, short waves smoothed; points with too little valid support become NaN.</summary>
    public static void Apply(HeightGrid grid, BandPassOptions options)
    {
        using var pairs = Pairs(grid);
        var p = pairs.AsSpan<float>();
        var z = grid.Values;

        // High-pass: subtract the NaN-aware long-wave mean where it has enough support.
        using var longMean = new Mat();
        Smooth(pairs, longMean, SigmaUm(options.LongCutoffUm) / grid.StepUm);
        var l = longMean.AsSpan<float>();
        var minWeight = (float)options.MinWeight;
        for (var i = 0; i < z.Length; i++)
        {
            var lw = l[(2 * i) + 1];
            if (p[(2 * i) + 1] > 0 && lw >= minWeight)
            {
                p[2 * i] -= l[2 * i] / lw;
            }
            else
            {
                p[2 * i] = 0f;
                p[(2 * i) + 1] = 0f;
            }
        }

        // Low-pass of the residual with the short cut-off.
        using var shortMean = new Mat();
        Smooth(pairs, shortMean, SigmaUm(options.ShortCutoffUm) / grid.StepUm);
        var s = shortMean.AsSpan<float>();
        for (var i = 0; i < z.Length; i++)
        {
            var sw = s[(2 * i) + 1];
            z[i] = p[(2 * i) + 1] > 0 && sw >= minWeight ? s[2 * i] / sw : float.NaN;
        }
    }

    /// <summary>
    /// The NaN-aware Gaussian mean of <paramref name="grid"/> at <paramref name="cutoffUm"/>: every point with at least
    /// <paramref name="minWeight"/> of the kernel's weight on valid points gets a value, gaps inside that reach included.
    /// </summary>
    public static float[] LowPass(HeightGrid grid, double cutoffUm, double minWeight)
    {
        using var pairs = Pairs(grid);
        var z = grid.Values;
        using var mean = new Mat();
        Smooth(pairs, mean, SigmaUm(cutoffUm) / grid.StepUm);
        var m = mean.AsSpan<float>();
        var result = new float[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            var w = m[(2 * i) + 1];
            result[i] = w >= minWeight ? m[2 * i] / w : float.NaN;
        }

        return result;
    }

    /// <summary>Heights times weights (zero where invalid) and the weights (0 or 1), as the two channels of one image.</summary>
    private static Mat Pairs(HeightGrid grid)
    {
        var pairs = new Mat(grid.Height, grid.Width, MatType.CV_32FC2);
        var p = pairs.AsSpan<float>();
        var z = grid.Values;
        for (var i = 0; i < z.Length; i++)
        {
            var valid = float.IsFinite(z[i]);
            p[2 * i] = valid ? z[i] : 0f;
            p[(2 * i) + 1] = valid ? 1f : 0f;
        }

        return pairs;
    }

    /// <summary>Separable Gaussian of σ points on both channels, zero outside the grid (the weights carry the border).</summary>
    private static void Smooth(Mat source, Mat destination, double sigmaPoints)
    {
        if (sigmaPoints < 0.2)
        {
            // Narrower than a fifth of a point, the kernel is a delta: the grid already holds no shorter waves.
            source.CopyTo(destination);
            return;
        }

        var factor = Math.Max(1, (int)Math.Floor(sigmaPoints / CoarseSigmaPoints));
        if (factor == 1)
        {
            Blur(source, destination, sigmaPoints);
            return;
        }

        // Pad with zero weight to a whole number of coarse points, so that area averaging down and linear
        // interpolation up by exactly the factor keep every point where it was.
        var width = source.Cols;
        var height = source.Rows;
        var coarseWidth = (width + factor - 1) / factor;
        var coarseHeight = (height + factor - 1) / factor;
        using var padded = new Mat();
        Cv2.CopyMakeBorder(source, padded, 0, (coarseHeight * factor) - height, 0, (coarseWidth * factor) - width, BorderTypes.Constant, Scalar.All(0));
        using var coarse = new Mat();
        Cv2.Resize(padded, coarse, new Size(coarseWidth, coarseHeight), 0, 0, InterpolationFlags.Area);
        Blur(coarse, coarse, sigmaPoints / factor);
        using var fine = new Mat();
        Cv2.Resize(coarse, fine, padded.Size(), 0, 0, InterpolationFlags.Linear);
        using var roi = new Mat(fine, new Rect(0, 0, width, height));
        roi.CopyTo(destination);
    }

    private static void Blur(Mat source, Mat destination, double sigmaPoints)
    {
        var half = Math.Max(1, (int)Math.Ceiling(3.5 * sigmaPoints));
        Cv2.GaussianBlur(source, destination, new Size((2 * half) + 1, (2 * half) + 1), sigmaPoints, sigmaPoints, BorderTypes.Constant);
    }
}
