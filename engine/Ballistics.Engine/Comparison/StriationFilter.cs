using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// Removes a breech face's dominant parallel marks and keeps the rest. Machining leaves parallel striae
/// (milling, broaching, filing), and a tool that made consecutive firearms leaves nearly the same ones on all
/// of them: these are the subclass marks examiners are warned about. Whatever correlation two scans keep once
/// those directions are gone comes from marks without that order — pits, scratches, fine texture — which a
/// tool does not pass on. Striae of one direction put their energy on one line through the origin of the
/// spectrum; the filter finds the strongest such directions of the scan and zeroes a narrow wedge around each.
/// </summary>
internal static class StriationFilter
{
    private const int Bins = 180;

    /// <summary>Half-width of the removed wedge around a dominant direction, degrees.</summary>
    private const double WedgeHalfWidthDeg = 8;

    /// <summary>Taper of the wedge's edge, degrees.</summary>
    private const double TaperDeg = 4;

    /// <summary>A direction counts as dominant when its energy is this many times the median direction's.</summary>
    private const double DominanceRatio = 2.5;

    /// <summary>Wavelengths considered when looking for dominant directions, µm.</summary>
    private const double ShortestWavelengthUm = 25;

    private const double LongestWavelengthUm = 250;

    /// <summary>The residual surface, standardised over the image's valid points, with the image's mask.</summary>
    public static MaskedImage Residual(MaskedImage image, double stepUm)
    {
        var n = MaskedNcc.FastSize(Math.Max(image.Width, image.Height));
        using var padded = new Mat(n, n, MatType.CV_32FC1, Scalar.All(0));
        using (var target = new Mat(padded, new Rect(0, 0, image.Width, image.Height)))
        {
            image.Values.CopyTo(target);
        }

        using var spectrum = new Mat();
        Cv2.Dft(padded, spectrum, DftFlags.None);
        var packed = spectrum.AsSpan<float>();

        Span<double> energy = stackalloc double[Bins];
        energy.Clear();
        var rMin = n * stepUm / LongestWavelengthUm;
        var rMax = n * stepUm / ShortestWavelengthUm;
        for (var row = 0; row < n; row++)
        {
            var v = row <= n / 2 ? row : row - n;
            for (var u = 1; u < (n + 1) / 2; u++)
            {
                var r = Math.Sqrt((u * u) + (v * v));
                if (r < rMin || r > rMax)
                {
                    continue;
                }

                var re = packed[(row * n) + (2 * u) - 1];
                var im = packed[(row * n) + (2 * u)];
                energy[Bin(u, v)] += (re * re) + (im * im);
            }
        }

        Span<double> dominant = stackalloc double[2];
        var count = DominantDirections(energy, dominant);
        if (count > 0)
        {
            Notch(packed, n, dominant[..count]);
        }

        using var filtered = new Mat();
        Cv2.Dft(spectrum, filtered, DftFlags.Inverse | DftFlags.Scale | DftFlags.RealOutput);
        var heights = new float[image.Width * image.Height];
        var values = filtered.AsSpan<float>();
        var mask = image.Mask.AsSpan<float>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = (y * image.Width) + x;
                heights[i] = mask[i] > 0 ? values[(y * n) + x] : float.NaN;
            }
        }

        return MaskedImage.FromHeights(heights, image.Width, image.Height);
    }

    /// <summary>Direction (0…179) of spatial frequency (u, v), in degrees.</summary>
    private static int Bin(int u, int v)
    {
        var angle = Math.Atan2(v, u) * 180 / Math.PI;
        return ((int)Math.Round(angle) + (2 * Bins)) % Bins;
    }

    /// <summary>Up to two directions (degrees) whose smoothed energy stands out from the median; returns how many.</summary>
    private static int DominantDirections(ReadOnlySpan<double> energy, Span<double> found)
    {
        Span<double> smooth = stackalloc double[Bins];
        for (var k = 0; k < Bins; k++)
        {
            smooth[k] = (energy[(k + Bins - 1) % Bins] + (2 * energy[k]) + energy[(k + 1) % Bins]) / 4;
        }

        Span<double> sorted = stackalloc double[Bins];
        smooth.CopyTo(sorted);
        sorted.Sort();
        var median = sorted[Bins / 2];
        if (median <= 0)
        {
            return 0;
        }

        var count = 0;
        for (var pass = 0; pass < found.Length; pass++)
        {
            var best = -1;
            for (var k = 0; k < Bins; k++)
            {
                var clear = true;
                for (var j = 0; j < count; j++)
                {
                    clear &= AngularDistance(k, found[j]) > 2 * (WedgeHalfWidthDeg + TaperDeg);
                }

                if (clear && (best < 0 || smooth[k] > smooth[best]))
                {
                    best = k;
                }
            }

            if (best < 0 || smooth[best] < DominanceRatio * median)
            {
                break;
            }

            found[count++] = best;
        }

        return count;
    }

    /// <summary>Multiplies every packed (CCS) coefficient by the wedge weight of its frequency.</summary>
    private static void Notch(Span<float> packed, int n, ReadOnlySpan<double> directions)
    {
        for (var row = 0; row < n; row++)
        {
            var v = row <= n / 2 ? row : row - n;
            for (var u = 1; u < (n + 1) / 2; u++)
            {
                var w = (float)Weight(u, v, directions);
                packed[(row * n) + (2 * u) - 1] *= w;
                packed[(row * n) + (2 * u)] *= w;
            }
        }

        // The packed first column (and last, n even) holds the u = 0 (and u = n/2) frequencies along v as
        // Re/Im pairs: rows 2k−1, 2k are frequency v = k.
        foreach (var (column, u) in new[] { (0, 0), (n - 1, n / 2) })
        {
            if (column == n - 1 && n % 2 != 0)
            {
                continue;
            }

            for (var row = 1; row < n; row++)
            {
                var v = (row + 1) / 2;
                packed[(row * n) + column] *= (float)Weight(u, v, directions);
            }
        }
    }

    private static double Weight(int u, int v, ReadOnlySpan<double> directions)
    {
        if (u == 0 && v == 0)
        {
            return 1;
        }

        var angle = Math.Atan2(v, u) * 180 / Math.PI;
        var weight = 1.0;
        foreach (var d in directions)
        {
            var distance = AngularDistance(angle, d);
            if (distance <= WedgeHalfWidthDeg)
            {
                return 0;
            }

            if (distance < WedgeHalfWidthDeg + TaperDeg)
            {
                weight = Math.Min(weight, 0.5 - (0.5 * Math.Cos(Math.PI * (distance - WedgeHalfWidthDeg) / TaperDeg)));
            }
        }

        return weight;
    }

    /// <summary>Distance of two directions modulo 180°.</summary>
    private static double AngularDistance(double a, double b)
    {
        var d = Math.Abs(a - b) % 180;
        return Math.Min(d, 180 - d);
    }
}
