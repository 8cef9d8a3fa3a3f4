using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// The log-magnitude spectrum of a scan in polar form, rows = angles (1° apart), columns = spatial frequencies
/// at fixed physical values. The magnitude spectrum ignores where the marks are and turns with them, so the polar
/// spectra of two scans of one breech face differ by a circular shift of rows whatever the shift between the scans
/// (Fourier–Mellin without scale). Sampling at physical frequencies rather than at DFT bins makes the result a
/// property of the scan alone: it is computed once per scan, whatever it is later compared with.
/// </summary>
internal static class PolarSpectrum
{
    public const int Angles = 360;

    public const int Radii = 96;

    /// <summary>Longest wavelength kept: beyond it the outline of the data, not the marks, dominates the spectrum.</summary>
    private const double LongestWavelengthUm = 400;

    /// <summary>Shortest wavelength kept, in grid steps: finer is mostly noise and aliasing.</summary>
    private const double ShortestWavelengthSteps = 3;

    /// <summary>
    /// Heights fade to zero over this distance inside the edge of the data. An abrupt edge (a crop line, the
    /// firing-pin hole, the outline of the region) puts a streak across the spectrum at right angles to it, and
    /// scans of one breech face cropped differently then propose the angle of their outlines instead of their
    /// marks (Baldwin K013 A2 processed against A1 raw: no proposal within 10° of the true angle without it).
    /// </summary>
    private const double EdgeTaperUm = 100;

    /// <summary>The polar spectrum, or null when the scan is too small for the band to hold a few DFT bins.</summary>
    /// <param name="image">The scan.</param>
    /// <param name="stepUm">Its grid step.</param>
    /// <param name="spectrumStepUm">Finer scans are area-averaged to this step first.</param>
    public static MaskedImage? Build(MaskedImage image, double stepUm, double spectrumStepUm)
    {
        var scale = Math.Min(1, stepUm / spectrumStepUm);
        using var level = MaskedImage.Resample(image, scale);
        var levelStep = stepUm / scale;
        var n = MaskedNcc.FastSize(Math.Max(level.Width, level.Height));
        var fMin = 1 / LongestWavelengthUm;
        var fMax = 1 / (ShortestWavelengthSteps * levelStep);
        var rhoMin = Math.Max(2, fMin * n * levelStep);
        var rhoMax = Math.Min((n / 2) - 1, fMax * n * levelStep);
        if (rhoMax - rhoMin < 4)
        {
            return null;
        }

        using var spectrum = CentredLogMagnitude(level, levelStep, n);
        var shifted = spectrum.AsSpan<float>();
        var heights = new float[Radii * Angles];
        var centre = n / 2.0;
        for (var k = 0; k < Angles; k++)
        {
            // Row k at angle k°, clockwise on screen (x right, y down), as OpenCV's warpPolar lays it out.
            var (sin, cos) = Math.SinCos(2 * Math.PI * k / Angles);
            for (var j = 0; j < Radii; j++)
            {
                var rho = rhoMin + ((rhoMax - rhoMin) * j / (Radii - 1));
                heights[(k * Radii) + j] = Bilinear(shifted, n, centre + (rho * cos), centre + (rho * sin));
            }
        }

        return MaskedImage.FromHeights(heights, Radii, Angles);
    }

    private static float Bilinear(ReadOnlySpan<float> image, int n, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= n || y0 + 1 >= n)
        {
            return float.NaN;
        }

        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var i = (y0 * n) + x0;
        // NaN neighbours (the unpacked edge columns) make the sample NaN: masked NCC then leaves it out.
        var top = (image[i] * (1 - fx)) + (image[i + 1] * fx);
        var bottom = (image[i + n] * (1 - fx)) + (image[i + n + 1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    /// <summary>Log-magnitude spectrum of a tapered copy of the image on an n×n frame, zero frequency at (n/2, n/2).</summary>
    private static Mat CentredLogMagnitude(MaskedImage level, double levelStepUm, int n)
    {
        using var padded = new Mat(n, n, MatType.CV_32FC1, Scalar.All(0));
        var offsetX = (n - level.Width) / 2;
        var offsetY = (n - level.Height) / 2;
        using (var target = new Mat(padded, new Rect(offsetX, offsetY, level.Width, level.Height)))
        {
            level.WriteEdgeTapered(EdgeTaperUm / levelStepUm, target);
        }

        // A round taper hides the square frame, whose edges would otherwise put the same axis-aligned streaks
        // into every spectrum and pull every sweep towards 0° and 90°.
        var data = padded.AsSpan<float>();
        var half = n / 2.0;
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var r = Math.Sqrt(((x - half) * (x - half)) + ((y - half) * (y - half))) / half;
                data[(y * n) + x] *= r >= 1 ? 0f : (float)(0.5 + (0.5 * Math.Cos(Math.PI * r * r * r)));
            }
        }

        // The real transform in OpenCV's packed (CCS) layout: about twenty times faster here than asking for complex
        // output. Inner columns hold Re/Im pairs for horizontal frequencies 1…n/2−1 at every vertical frequency;
        // the two packed edge columns (horizontal frequency 0 and n/2) are left invalid rather than unpacked —
        // a thin line, the same in every spectrum, that masked NCC then ignores instead of rewarding 0°.
        using var spectrum = new Mat();
        Cv2.Dft(padded, spectrum, DftFlags.None);
        var shifted = new Mat(n, n, MatType.CV_32FC1, Scalar.All(float.NaN));
        var spec = spectrum.AsSpan<float>();
        var sh = shifted.AsSpan<float>();
        var halfN = n / 2;
        for (var v = 0; v < n; v++)
        {
            var row = v * n;
            var y = (v + halfN) % n;
            var yMirror = (n - v + halfN) % n;
            for (var u = 1; u < halfN; u++)
            {
                var re = spec[row + (2 * u) - 1];
                var im = spec[row + (2 * u)];
                var logMagnitude = 0.5f * MathF.Log((re * re) + (im * im) + 1e-12f);
                sh[(y * n) + halfN + u] = logMagnitude;
                sh[(yMirror * n) + halfN - u] = logMagnitude;
            }
        }

        return shifted;
    }
}
