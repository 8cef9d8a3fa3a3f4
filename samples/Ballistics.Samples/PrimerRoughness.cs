namespace Ballistics.Samples;

/// <summary>
/// The primer cup's own surface (stamping, lacquer, orange peel): marks that come from the ammunition, not
/// the gun, and so differ on every shot. Two scales, fine grain and a gentler waviness.
/// </summary>
internal static class PrimerRoughness
{
    public static float[] Render(Random rng, int width, int height, double stepUm, double roughnessUm)
    {
        var fine = new float[width * height];
        rng.FillGaussian(fine, 1.0);
        var wavy = (float[])fine.Clone();
        FloatImage.GaussianBlur(fine, width, height, 6.0 / stepUm);
        FloatImage.GaussianBlur(wavy, width, height, 30.0 / stepUm);
        FloatImage.Standardise(fine);
        FloatImage.Standardise(wavy);
        FloatImage.AddScaled(fine, wavy, 0.6f);
        FloatImage.Standardise(fine);
        FloatImage.Scale(fine, (float)roughnessUm);
        return fine;
    }
}
