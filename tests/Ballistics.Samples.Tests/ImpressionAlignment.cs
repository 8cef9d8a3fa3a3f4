namespace Ballistics.Samples.Tests;

/// <summary>
/// Undoes a firing's known placement: resamples its scan into the impression frame (firing-pin axis at the
/// centre), band-passes it, and correlates two such maps over the breech-face annulus. This is how the tests
/// check that a generator's firings carry the firearm's marks, without trusting any matcher.
/// </summary>
internal static class ImpressionAlignment
{
    public const double StepUm = 8;

    public const double RadiusUm = 2_200;

    /// <summary>Band-pass: keeps wavelengths between roughly 16 and 250 µm, where breech-face marks live.</summary>
    private const double FineSigmaUm = 5;

    private const double CoarseSigmaUm = 50;

    public static int Size => (2 * (int)(RadiusUm / StepUm)) + 1;

    /// <summary>The firing's scan in the impression frame, band-passed; NaN where the scan had no data.</summary>
    public static float[] BandPassedImpression(SimulatedFiring firing)
    {
        var surface = firing.Surface;
        var size = Size;
        var centre = size / 2;
        var (sin, cos) = Math.SinCos(firing.RotationDeg * Math.PI / 180);
        var s = surface.LateralStepXUm;
        var g = StepUm;
        var cx = (surface.Width - 1) / 2.0;
        var cy = (surface.Height - 1) / 2.0;
        // Impression-frame pixel → scan pixel: P = R·q + t, then to the scan's pixels.
        double[] matrix =
        [
            cos * g / s, -sin * g / s, (((-cos * centre * g) + (sin * centre * g) + firing.TranslationXUm) / s) + cx,
            sin * g / s, cos * g / s, (((-sin * centre * g) - (cos * centre * g) + firing.TranslationYUm) / s) + cy,
        ];
        var resampled = new float[size * size];
        FloatImage.WarpAffine(surface.Values.ToArray(), surface.Width, surface.Height, resampled, size, size, matrix, float.NaN);
        return BandPass(resampled);
    }

    /// <summary>
    /// A firearm's breech face as a primer would record it in the impression frame, band-passed: the negative,
    /// mirrored in X when <paramref name="mirrored"/> (the physics), or not (a deliberately wrong model).
    /// </summary>
    public static float[] BandPassedBreechFace(Firearm firearm, bool mirrored, bool negative)
    {
        var breechFace = firearm.BreechFace();
        var size = Size;
        var centre = size / 2;
        var ratio = StepUm / breechFace.LateralStepXUm;
        var gunCentre = breechFace.Width / 2;
        var sign = mirrored ? -1 : 1;
        double[] matrix = [sign * ratio, 0, (-sign * centre * ratio) + gunCentre, 0, ratio, (-centre * ratio) + gunCentre];
        var resampled = new float[size * size];
        FloatImage.WarpAffine(breechFace.Values.ToArray(), breechFace.Width, breechFace.Height, resampled, size, size, matrix, float.NaN);
        if (negative)
        {
            FloatImage.Scale(resampled, -1f);
        }

        return BandPass(resampled);
    }

    private static float[] BandPass(float[] values)
    {
        var fine = NormalisedBlur(values, Size, FineSigmaUm / StepUm);
        var coarse = NormalisedBlur(values, Size, CoarseSigmaUm / StepUm);
        for (var k = 0; k < fine.Length; k++)
        {
            fine[k] = float.IsNaN(values[k]) ? float.NaN : fine[k] - coarse[k];
        }

        return fine;
    }

    /// <summary>Pearson correlation over points valid in both maps between the two radii (µm from the firing-pin axis).</summary>
    public static double Correlation(float[] a, float[] b, double innerRadiusUm, double outerRadiusUm)
    {
        var size = Size;
        var centre = size / 2;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (var j = 0; j < size; j++)
        {
            for (var i = 0; i < size; i++)
            {
                var r = Math.Sqrt(((i - centre) * (i - centre)) + ((j - centre) * (j - centre))) * StepUm;
                var k = (j * size) + i;
                if (r < innerRadiusUm || r > outerRadiusUm || float.IsNaN(a[k]) || float.IsNaN(b[k]))
                {
                    continue;
                }

                sa += a[k];
                sb += b[k];
                saa += a[k] * (double)a[k];
                sbb += b[k] * (double)b[k];
                sab += a[k] * (double)b[k];
                n++;
            }
        }

        var cov = (sab / n) - ((sa / n) * (sb / n));
        var va = (saa / n) - ((sa / n) * (sa / n));
        var vb = (sbb / n) - ((sb / n) * (sb / n));
        return cov / Math.Sqrt(va * vb);
    }

    /// <summary>Gaussian blur that ignores NaN points (normalised convolution).</summary>
    private static float[] NormalisedBlur(float[] values, int size, double sigmaPx)
    {
        var filled = new float[values.Length];
        var weight = new float[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            var valid = !float.IsNaN(values[k]);
            filled[k] = valid ? values[k] : 0;
            weight[k] = valid ? 1 : 0;
        }

        FloatImage.GaussianBlur(filled, size, size, sigmaPx);
        FloatImage.GaussianBlur(weight, size, size, sigmaPx);
        for (var k = 0; k < filled.Length; k++)
        {
            filled[k] = weight[k] > 1e-3f ? filled[k] / weight[k] : float.NaN;
        }

        return filled;
    }
}
