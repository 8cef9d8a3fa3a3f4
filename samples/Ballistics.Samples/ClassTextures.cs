namespace Ballistics.Samples;

/// <summary>
/// One realisation of a make's breech-face finish. The make fixes the kind of marks, their spacing and
/// direction; the random stream fixes the actual striae, so two tools of the same make leave different marks
/// of the same look. Results have zero mean and unit root mean square.
/// </summary>
internal static class ClassTextures
{
    /// <summary>How much a stroke's depth varies along its length (strokes fade in and out).</summary>
    private const float StrokeModulation = 0.45f;

    /// <summary>Correlation length of that variation.</summary>
    private const double StrokeModulationUm = 180;

    public static float[] Render(MakeModel model, Random rng, GunGrid grid)
    {
        var heights = model.Texture switch
        {
            BreechFaceTexture.ParallelFiling => ParallelFiling(model, rng, grid),
            BreechFaceTexture.ArchedMachining => ArchedMachining(model, rng, grid),
            BreechFaceTexture.CircularTurning => CircularTurning(model, rng, grid),
            BreechFaceTexture.Granular => Granular(model, rng, grid),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.Texture, "Unknown breech-face texture."),
        };
        FloatImage.Standardise(heights);
        return heights;
    }

    private static float[] ParallelFiling(MakeModel model, Random rng, GunGrid grid)
    {
        var heights = new float[grid.PointCount];
        var reachUm = (int)Math.Ceiling(grid.RadiusUm * 1.5);
        for (var set = 0; set < model.FilingSets; set++)
        {
            // A second, cross-filing set runs at a clear angle to the first and is shallower.
            var angle = (model.TextureAngleDeg + (set * 35) + (rng.Gaussian() * 4)) * Math.PI / 180;
            var profile = GrooveProfile.Create(rng, 2 * reachUm, model.TextureSpacingUm * rng.Uniform(0.85, 1.15));
            var modulation = Modulation(rng, grid);
            var weight = set == 0 ? 1f : 0.6f;
            var (sin, cos) = Math.SinCos(angle);
            for (var j = 0; j < grid.Size; j++)
            {
                var v = grid.ToUm(j);
                var row = j * grid.Size;
                for (var i = 0; i < grid.Size; i++)
                {
                    var across = (grid.ToUm(i) * cos) + (v * sin) + reachUm;
                    heights[row + i] += weight * GrooveProfile.Sample(profile, across) * modulation[row + i];
                }
            }
        }

        return heights;
    }

    private static float[] ArchedMachining(MakeModel model, Random rng, GunGrid grid)
    {
        var heights = new float[grid.PointCount];
        var direction = (model.TextureAngleDeg + (rng.Gaussian() * 4)) * Math.PI / 180;
        var distance = model.ArcRadiusUm * rng.Uniform(0.9, 1.1);
        var (sin, cos) = Math.SinCos(direction);
        var centreX = distance * cos;
        var centreY = distance * sin;
        var reachUm = (int)Math.Ceiling(grid.RadiusUm * 1.5);
        var profile = GrooveProfile.Create(rng, 2 * reachUm, model.TextureSpacingUm * rng.Uniform(0.85, 1.15));
        var modulation = Modulation(rng, grid);
        var start = distance - reachUm;
        for (var j = 0; j < grid.Size; j++)
        {
            var dy = grid.ToUm(j) - centreY;
            var row = j * grid.Size;
            for (var i = 0; i < grid.Size; i++)
            {
                var dx = grid.ToUm(i) - centreX;
                var radius = Math.Sqrt((dx * dx) + (dy * dy));
                heights[row + i] = GrooveProfile.Sample(profile, radius - start) * modulation[row + i];
            }
        }

        return heights;
    }

    private static float[] CircularTurning(MakeModel model, Random rng, GunGrid grid)
    {
        var heights = new float[grid.PointCount];
        // The part is never chucked exactly on the firing-pin axis, and the tool chatters with a few lobes per turn.
        var centreX = rng.Gaussian() * 25;
        var centreY = rng.Gaussian() * 25;
        var chatterUm = model.TextureSpacingUm * rng.Uniform(0.1, 0.3);
        var lobes = rng.Next(3, 8);
        var (phaseSin, phaseCos) = Math.SinCos(rng.Uniform(0, 2 * Math.PI));
        var reachUm = (int)Math.Ceiling(grid.RadiusUm * 1.5);
        var profile = GrooveProfile.Create(rng, reachUm, model.TextureSpacingUm * rng.Uniform(0.85, 1.15));
        var modulation = Modulation(rng, grid);
        for (var j = 0; j < grid.Size; j++)
        {
            var dy = grid.ToUm(j) - centreY;
            var row = j * grid.Size;
            for (var i = 0; i < grid.Size; i++)
            {
                var dx = grid.ToUm(i) - centreX;
                var radius = Math.Sqrt((dx * dx) + (dy * dy));
                var lobe = 0.0;
                if (radius > 0)
                {
                    // sin(lobes·θ + phase) from powers of the unit complex number, without atan2 per point.
                    double re = 1, im = 0;
                    var ur = dx / radius;
                    var ui = dy / radius;
                    for (var k = 0; k < lobes; k++)
                    {
                        (re, im) = ((re * ur) - (im * ui), (re * ui) + (im * ur));
                    }

                    lobe = (im * phaseCos) + (re * phaseSin);
                }

                heights[row + i] = GrooveProfile.Sample(profile, radius + (chatterUm * lobe)) * modulation[row + i];
            }
        }

        return heights;
    }

    private static float[] Granular(MakeModel model, Random rng, GunGrid grid)
    {
        // Each grit impact (or casting pore) is a shallow dish; the surface keeps the deepest of overlapping ones.
        var heights = new float[grid.PointCount];
        var meanRadiusUm = model.TextureSpacingUm * 0.45;
        var extentUm = grid.Size * grid.StepUm;
        var count = (int)(2.5 * extentUm * extentUm / (Math.PI * meanRadiusUm * meanRadiusUm));
        for (var n = 0; n < count; n++)
        {
            var cx = rng.Uniform(-grid.RadiusUm, grid.RadiusUm);
            var cy = rng.Uniform(-grid.RadiusUm, grid.RadiusUm);
            var radius = meanRadiusUm * rng.Uniform(0.5, 1.5);
            var depth = radius * rng.Uniform(0.06, 0.18);
            Stamp.Dish(heights, grid, cx, cy, radius, depth);
        }

        FloatImage.GaussianBlur(heights, grid.Size, grid.Size, 0.8);
        return heights;
    }

    private static float[] Modulation(Random rng, GunGrid grid)
    {
        var field = SmoothField.Create(rng, grid.Size, grid.Size, grid.StepUm, StrokeModulationUm);
        for (var k = 0; k < field.Length; k++)
        {
            field[k] = Math.Clamp(1f + (StrokeModulation * field[k]), 0.1f, 2f);
        }

        return field;
    }
}
