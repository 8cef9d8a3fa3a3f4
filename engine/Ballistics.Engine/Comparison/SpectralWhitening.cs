using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// A scan with its spectrum flattened: every spatial frequency divided by the scan's own smoothed magnitude
/// there, within a band. What dominates a breech face's spectrum — machining marks shared by every firearm
/// made with one tool, the make's finish — is concentrated in a few directions and wavelengths and is brought
/// down to the level of everything else; fine, isotropic marks that only one firearm has are brought up. A
/// correlation of whitened scans (phase correlation in the image domain) weighs all frequencies alike.
/// </summary>
internal static class SpectralWhitening
{
    /// <summary>Frequencies finer than this are left out (instrument noise and aliasing on a 10 µm grid).</summary>
    private const double ShortestWavelengthUm = 25;

    /// <summary>Frequencies coarser than this are left out (form, waviness, the outline of the data).</summary>
    private const double LongestWavelengthUm = 300;

    /// <summary>Magnitudes are smoothed over this many bins to estimate the spectral envelope.</summary>
    private const double EnvelopeSigmaBins = 2;

    /// <summary>Inside the data's edge the heights fade over this distance before the transform.</summary>
    private const double EdgeTaperUm = 40;

    public static MaskedImage Whiten(MaskedImage image, double stepUm)
    {
        var width = EvenDftSize(image.Width);
        var height = Cv2.GetOptimalDFTSize(image.Height);
        using var padded = new Mat(height, width, MatType.CV_32FC1, Scalar.All(0));
        using (var target = new Mat(padded, new Rect(0, 0, image.Width, image.Height)))
        {
            image.WriteEdgeTapered(EdgeTaperUm / stepUm, target);
        }

        // OpenCV's packed (CCS) real transform, ten times faster here than complex output. Inner columns hold
        // Re/Im pairs of horizontal frequencies 1 … width/2 − 1; the two edge columns (horizontal frequency 0 and
        // width/2) are packed along rows and are simply dropped: one column of frequencies out of width/2.
        using var spectrum = new Mat();
        Cv2.Dft(padded, spectrum, DftFlags.None);
        var spec = spectrum.AsSpan<float>();
        var half = width / 2;
        using var magnitude = new Mat(height, half + 1, MatType.CV_32FC1, Scalar.All(0));
        var mag = magnitude.AsSpan<float>();
        for (var row = 0; row < height; row++)
        {
            for (var u = 1; u < half; u++)
            {
                var re = spec[(row * width) + (2 * u) - 1];
                var im = spec[(row * width) + (2 * u)];
                mag[(row * (half + 1)) + u] = MathF.Sqrt((re * re) + (im * im));
            }

            // The dropped edge columns take their neighbours' values so that the envelope does not dip there.
            mag[row * (half + 1)] = mag[(row * (half + 1)) + 1];
            mag[(row * (half + 1)) + half] = mag[(row * (half + 1)) + half - 1];
        }

        // The envelope: magnitudes blurred across neighbouring frequencies, wrapping round vertically as the
        // spectrum does (GaussianBlur has no wrapping border: the wrap is padded on first and cut off after).
        var pad = (int)Math.Ceiling(3 * EnvelopeSigmaBins);
        using var wrapped = new Mat();
        Cv2.CopyMakeBorder(magnitude, wrapped, pad, pad, 0, 0, BorderTypes.Wrap);
        using var blurred = new Mat();
        Cv2.GaussianBlur(wrapped, blurred, new Size(0, 0), EnvelopeSigmaBins, EnvelopeSigmaBins, BorderTypes.Reflect101);
        using var envelope = new Mat(blurred, new Rect(0, pad, half + 1, height)).Clone();
        var env = envelope.AsSpan<float>();
        var floor = 1e-6f * (float)Cv2.Mean(envelope).Val0;
        var fMin = stepUm / LongestWavelengthUm;
        var fMax = stepUm / ShortestWavelengthUm;
        for (var row = 0; row < height; row++)
        {
            var fy = (row <= height / 2 ? row : row - height) / (double)height;
            spec[row * width] = 0;
            spec[(row * width) + width - 1] = 0;
            for (var u = 1; u < half; u++)
            {
                var fx = u / (double)width;
                var gain = (float)(Band(Math.Sqrt((fx * fx) + (fy * fy)), fMin, fMax) / Math.Max(env[(row * (half + 1)) + u], floor));
                spec[(row * width) + (2 * u) - 1] *= gain;
                spec[(row * width) + (2 * u)] *= gain;
            }
        }

        using var whitened = new Mat();
        Cv2.Dft(spectrum, whitened, DftFlags.Inverse | DftFlags.Scale | DftFlags.RealOutput);
        var heights = new float[image.Width * image.Height];
        var source = whitened.AsSpan<float>();
        var mask = image.Mask.AsSpan<float>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = (y * image.Width) + x;
                heights[i] = mask[i] > 0 ? source[(y * width) + x] : float.NaN;
            }
        }

        return MaskedImage.FromHeights(heights, image.Width, image.Height);
    }

    /// <summary>A fast DFT length that is even, so that the packed layout has an edge column at both ends.</summary>
    private static int EvenDftSize(int n)
    {
        var size = Cv2.GetOptimalDFTSize(n);
        while (size % 2 != 0)
        {
            size = Cv2.GetOptimalDFTSize(size + 1);
        }

        return size;
    }

    /// <summary>1 inside [fMin, fMax] (cycles per grid step), raised-cosine shoulders an octave wide outside.</summary>
    private static double Band(double f, double fMin, double fMax)
    {
        if (f <= fMin / 2 || f >= fMax * 1.5)
        {
            return 0;
        }

        if (f < fMin)
        {
            return 0.5 - (0.5 * Math.Cos(Math.PI * (f - (fMin / 2)) / (fMin / 2)));
        }

        return f <= fMax ? 1 : 0.5 + (0.5 * Math.Cos(Math.PI * (f - fMax) / (fMax / 2)));
    }
}
