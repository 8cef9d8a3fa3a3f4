using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// How far a scan's filtered heights stay correlated with themselves: its normalised autocorrelation ρ(τ) for lags
/// up to <see cref="RadiusSteps"/> coarse points each way. It sets what a correlation between two unrelated scans
/// looks like: by Bartlett's formula the correlation of two independent fields over N points varies by
/// σ² ≈ Σ_τ ρ_A(τ)·ρ_B(τ) / N. Scans with long, smooth marks (real Cadre scans after a 20–600 µm band-pass) reach
/// 0.2 against unrelated scans; scans with fine, short marks stay near 0.05. Dividing a correlation by σ makes
/// the two comparable, and a score trained on one kind of scan holds on the other.
/// </summary>
internal sealed class TextureCorrelation
{
    /// <summary>Lags beyond 15 coarse points (300 µm at 20 µm) add noise, not correlation area, for breech-face band-passes.</summary>
    public const int RadiusSteps = 15;

    private const int Side = (2 * RadiusSteps) + 1;

    private readonly float[] _rho;

    private TextureCorrelation(float[] rho, double stepUm)
    {
        _rho = rho;
        StepUm = stepUm;
    }

    /// <summary>Lag step (µm): the coarse grid it was measured on.</summary>
    public double StepUm { get; }

    /// <summary>ρ(0, 0) is 1; lag (dx, dy) at [(dy + R)·(2R + 1) + dx + R].</summary>
    public ReadOnlySpan<float> Rho => _rho;

    /// <summary>
    /// Autocorrelation over valid points only: the zero-filled heights' autocorrelation divided, lag by lag, by the
    /// mask's (how many pairs of valid points each lag has), both by DFT on a frame padded by the radius.
    /// </summary>
    public static TextureCorrelation Measure(MaskedImage coarse, double stepUm)
    {
        var width = Cv2.GetOptimalDFTSize(coarse.Width + RadiusSteps + 1);
        var height = Cv2.GetOptimalDFTSize(coarse.Height + RadiusSteps + 1);
        using var values = Autocorrelate(coarse.Values, width, height);
        using var pairs = Autocorrelate(coarse.Mask, width, height);
        var v = values.AsSpan<float>();
        var m = pairs.AsSpan<float>();
        var rho = new float[Side * Side];
        var zeroPairs = m[0];
        if (zeroPairs < 1 || v[0] <= 0)
        {
            rho[(RadiusSteps * Side) + RadiusSteps] = 1;
            return new TextureCorrelation(rho, stepUm);
        }

        var variance = v[0] / zeroPairs;
        for (var dy = -RadiusSteps; dy <= RadiusSteps; dy++)
        {
            var row = ((dy + height) % height) * width;
            for (var dx = -RadiusSteps; dx <= RadiusSteps; dx++)
            {
                var i = row + ((dx + width) % width);
                // Lags with few pairs of valid points say little; they count as uncorrelated.
                var count = m[i];
                rho[((dy + RadiusSteps) * Side) + dx + RadiusSteps] = count >= 0.1 * zeroPairs ? (float)(v[i] / count / variance) : 0f;
            }
        }

        return new TextureCorrelation(rho, stepUm);
    }

    /// <summary>
    /// Σ_τ ρ_A(τ)·ρ_B(τ) with B's autocorrelation turned as B is turned onto A (<paramref name="angleDeg"/>, the
    /// convention of <see cref="Rotation2D"/>), as an area in µm²: the area over which one independent
    /// sample of the cross-correlation is drawn.
    /// </summary>
    public static double SharedAreaUm2(TextureCorrelation a, TextureCorrelation b, double angleDeg)
    {
        using var source = Mat.FromPixelData(Side, Side, MatType.CV_32FC1, b._rho);
        using var turned = new Mat();
        using (var affine = Rotation2D.FromDegrees(angleDeg).Affine(RadiusSteps, RadiusSteps, RadiusSteps, RadiusSteps))
        {
            Cv2.WarpAffine(source, turned, affine, new Size(Side, Side), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        }

        var rb = turned.AsSpan<float>();
        var sum = 0.0;
        for (var i = 0; i < rb.Length; i++)
        {
            sum += a._rho[i] * rb[i];
        }

        // At least one coarse cell: a correlation is never drawn from less than one independent sample per point.
        return Math.Max(1, sum) * a.StepUm * b.StepUm;
    }

    /// <summary>
    /// A correlation over <paramref name="areaUm2"/> of overlap in units of its spread between unrelated scans
    /// (Fisher's z times the square root of the effective number of independent points).
    /// </summary>
    public static double Standardise(double ccf, double areaUm2, double sharedAreaUm2)
    {
        if (!double.IsFinite(ccf) || areaUm2 <= 0)
        {
            return 0;
        }

        var effective = Math.Max(1, areaUm2 / sharedAreaUm2);
        return Math.Atanh(Math.Clamp(ccf, -0.999, 0.999)) * Math.Sqrt(effective);
    }

    private static Mat Autocorrelate(Mat image, int width, int height)
    {
        using var padded = new Mat();
        Cv2.CopyMakeBorder(image, padded, 0, height - image.Rows, 0, width - image.Cols, BorderTypes.Constant, Scalar.All(0));
        using var spectrum = new Mat();
        Cv2.Dft(padded, spectrum, DftFlags.None);
        using var power = new Mat();
        Cv2.MulSpectrums(spectrum, spectrum, power, DftFlags.None, conjB: true);
        var result = new Mat();
        Cv2.Dft(power, result, DftFlags.Inverse | DftFlags.Scale | DftFlags.RealOutput);
        return result;
    }
}
