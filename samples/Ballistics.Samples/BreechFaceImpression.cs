using System.Numerics.Tensors;

namespace Ballistics.Samples;

/// <summary>
/// The breech face as the primer records it: where the primer flows against the breech face it becomes its
/// negative, but it cannot fill valleys deeper than its contact floor nor follow features finer than its
/// smoothing; the result is resampled onto the scan grid at the shot's rotation and translation.
/// </summary>
internal static class BreechFaceImpression
{
    /// <summary>Primer heights (µm) on the scan grid that full contact would give; transfer is applied later.</summary>
    public static float[] Render(Firearm firearm, FiringDraw draw, ContactOptions options)
    {
        var grid = Firearm.Grid;
        var work = firearm.BreechFaceHeightsUm.ToArray();

        // Soft floor: b' = f + k·ln(1 + e^((b − f)/k)) keeps b above f and bends smoothly into it.
        var floor = (float)-draw.ContactFloorUm;
        var softness = (float)options.ContactSoftnessUm;
        TensorPrimitives.Subtract(work, floor, work);
        TensorPrimitives.Multiply(work, 1f / softness, work);
        TensorPrimitives.Exp(work, work);
        TensorPrimitives.Add(work, 1f, work);
        TensorPrimitives.Log(work, work);
        // Negative relief: a protrusion of the breech face is a dent in the primer.
        TensorPrimitives.Multiply(work, -softness, work);
        TensorPrimitives.Subtract(work, floor, work);

        FloatImage.GaussianBlur(work, grid.Size, grid.Size, draw.SmoothingUm / grid.StepUm);

        var impression = new float[draw.Width * draw.Height];
        FloatImage.WarpAffine(work, grid.Size, grid.Size, impression, draw.Width, draw.Height, ScanToGridMatrix(draw, grid), 0f);
        return impression;
    }

    /// <summary>
    /// Stretches an impression by a smooth random displacement of amplitude <paramref name="amplitudeUm"/> (each axis a
    /// sum of three plane waves of 1.5–4 mm wavelength): the primer does not flow onto the breech face as a rigid body.
    /// </summary>
    public static float[] ElasticWarp(float[] impression, FiringDraw draw, double amplitudeUm, Random rng)
    {
        if (amplitudeUm <= 0)
        {
            return impression;
        }

        const int Waves = 3;
        Span<double> kx = stackalloc double[2 * Waves];
        Span<double> ky = stackalloc double[2 * Waves];
        Span<double> phase = stackalloc double[2 * Waves];
        for (var i = 0; i < 2 * Waves; i++)
        {
            var (sin, cos) = Math.SinCos(rng.Uniform(0, 2 * Math.PI));
            var k = 2 * Math.PI / rng.Uniform(1_500, 4_000);
            (kx[i], ky[i], phase[i]) = (k * cos, k * sin, rng.Uniform(0, 2 * Math.PI));
        }

        // Each axis's sum of three unit waves has an RMS of √1.5; scaled so its RMS is the amplitude.
        var scale = amplitudeUm / Math.Sqrt(1.5) / draw.StepUm;
        var (width, height) = (draw.Width, draw.Height);
        var warped = new float[impression.Length];
        for (var row = 0; row < height; row++)
        {
            var yUm = row * draw.StepUm;
            for (var column = 0; column < width; column++)
            {
                var xUm = column * draw.StepUm;
                double dx = 0, dy = 0;
                for (var i = 0; i < Waves; i++)
                {
                    dx += Math.Sin((kx[i] * xUm) + (ky[i] * yUm) + phase[i]);
                    dy += Math.Sin((kx[Waves + i] * xUm) + (ky[Waves + i] * yUm) + phase[Waves + i]);
                }

                warped[(row * width) + column] = FloatImage.Bilinear(impression, width, height, column + (scale * dx), row + (scale * dy));
            }
        }

        return warped;
    }

    /// <summary>Scan pixel → gun-grid pixel, the same mapping as <see cref="FiringDraw.ScanToGun"/>.</summary>
    private static double[] ScanToGridMatrix(FiringDraw draw, GunGrid grid)
    {
        var (sin, cos) = Math.SinCos(draw.RotationRad);
        var s = draw.StepUm / grid.StepUm;
        var g = grid.StepUm;
        var cg = grid.CentreIndex;
        var ox = (draw.CentreColumn * draw.StepUm) + draw.TranslationXUm;
        var oy = (draw.CentreRow * draw.StepUm) + draw.TranslationYUm;
        return
        [
            -cos * s, -sin * s, (((cos * ox) + (sin * oy)) / g) + cg,
            -sin * s, cos * s, (((sin * ox) - (cos * oy)) / g) + cg,
        ];
    }
}
