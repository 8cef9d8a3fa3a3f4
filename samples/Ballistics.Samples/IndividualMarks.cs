namespace Ballistics.Samples;

/// <summary>
/// Marks no other firearm shares: fine texture left by finishing and corrosion, and scratches and pits from
/// use. Results have zero mean and unit root mean square.
/// </summary>
internal static class IndividualMarks
{
    /// <summary>Isotropic band-limited texture with wavelengths of roughly 10 to 60 µm.</summary>
    public static float[] FineTexture(Random rng, GunGrid grid)
    {
        var fine = new float[grid.PointCount];
        rng.FillGaussian(fine, 1.0);
        var coarse = (float[])fine.Clone();
        FloatImage.GaussianBlur(fine, grid.Size, grid.Size, 1.2);
        FloatImage.GaussianBlur(coarse, grid.Size, grid.Size, 5.0);
        FloatImage.AddScaled(fine, coarse, -1f);
        FloatImage.Standardise(fine);
        return fine;
    }

    /// <summary>A handful of scratches and pits scattered over the breech face.</summary>
    public static float[] Defects(Random rng, GunGrid grid)
    {
        var heights = new float[grid.PointCount];
        var reachUm = grid.RadiusUm * 0.95;
        var scratches = rng.Next(4, 16);
        for (var n = 0; n < scratches; n++)
        {
            var (cx, cy) = PointInDisk(rng, reachUm);
            var (sin, cos) = Math.SinCos(rng.Uniform(0, Math.PI));
            var half = rng.Uniform(150, 1_250);
            Stamp.Scratch(heights, grid, cx - (half * cos), cy - (half * sin), cx + (half * cos), cy + (half * sin), rng.Uniform(3, 8), rng.Uniform(1, 3));
        }

        var pits = rng.Next(20, 61);
        for (var n = 0; n < pits; n++)
        {
            var (cx, cy) = PointInDisk(rng, reachUm);
            Stamp.Dish(heights, grid, cx, cy, rng.Uniform(6, 25), rng.Uniform(1, 3));
        }

        FloatImage.GaussianBlur(heights, grid.Size, grid.Size, 0.7);
        FloatImage.Standardise(heights);
        return heights;
    }

    private static (double X, double Y) PointInDisk(Random rng, double radiusUm)
    {
        var r = radiusUm * Math.Sqrt(rng.NextDouble());
        var (sin, cos) = Math.SinCos(rng.Uniform(0, 2 * Math.PI));
        return (r * cos, r * sin);
    }
}
