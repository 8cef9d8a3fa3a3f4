namespace Ballistics.Samples;

/// <summary>
/// A cross-section of tool marks at one micrometre per sample: a train of grooves of random depth and width,
/// as a file, a mill or a lathe tool leaves them (each stroke cuts material away, so overlapping grooves keep
/// the deeper cut). Two-dimensional marks are this profile swept along straight lines, arcs or circles.
/// </summary>
internal static class GrooveProfile
{
    public const double SampleUm = 1.0;

    public static float[] Create(Random rng, int lengthUm, double meanSpacingUm)
    {
        var profile = new float[lengthUm];
        var position = rng.Uniform(0, meanSpacingUm);
        while (position < lengthUm)
        {
            var depth = Math.Abs(1.0 + (0.45 * rng.Gaussian()));
            if (rng.Chance(0.08))
            {
                // A worn or chipped tooth cuts a few striae much deeper than the rest; examiners key on these.
                depth *= 2.5;
            }

            var halfWidth = meanSpacingUm * rng.Uniform(0.2, 0.55);
            var lo = Math.Max(0, (int)(position - halfWidth));
            var hi = Math.Min(lengthUm - 1, (int)(position + halfWidth) + 1);
            for (var k = lo; k <= hi; k++)
            {
                var d = (k - position) / halfWidth;
                if (d is > -1 and < 1)
                {
                    var cut = (float)(-depth * (1 - (d * d)));
                    if (cut < profile[k])
                    {
                        profile[k] = cut;
                    }
                }
            }

            position += meanSpacingUm * rng.Uniform(0.5, 1.5);
        }

        // Burrs and the tool's own roughness: a little fine texture on top of the grooves.
        var fine = new float[lengthUm];
        rng.FillGaussian(fine, 0.12);
        FloatImage.AddScaled(profile, fine, 1f);
        FloatImage.GaussianBlur1D(profile, 1.5 / SampleUm);
        FloatImage.Standardise(profile);
        return profile;
    }

    /// <summary>Linear interpolation at a position in micrometres from the profile start; clamps at the ends.</summary>
    public static float Sample(float[] profile, double positionUm)
    {
        var x = positionUm / SampleUm;
        if (x <= 0)
        {
            return profile[0];
        }

        var last = profile.Length - 1;
        if (x >= last)
        {
            return profile[last];
        }

        var i = (int)x;
        var f = (float)(x - i);
        return profile[i] + (f * (profile[i + 1] - profile[i]));
    }
}
