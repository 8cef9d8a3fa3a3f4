namespace Ballistics.Samples;

/// <summary>
/// What the instrument does to a surface: points on walls steeper than it can see are lost, every point gets
/// noise, a few glints come back as spikes, and points drop out alone or in clusters (dust, dark spots).
/// Heights are finally rounded to the stored resolution.
/// </summary>
internal static class ScanArtefacts
{
    public static void Apply(float[] heights, FiringDraw draw, ScanOptions options, Random noiseRng, Random dropoutRng)
    {
        var width = draw.Width;
        var height = draw.Height;
        var steep = SteepPoints(heights, width, height, draw.StepUm, draw.Instrument.MaxSlopeDeg);

        var noise = new float[heights.Length];
        noiseRng.FillGaussian(noise, draw.Instrument.NoiseUm * options.NoiseScale);
        FloatImage.AddScaled(heights, noise, 1f);

        var spikes = (int)Math.Round(options.SpikeFraction * heights.Length);
        for (var n = 0; n < spikes; n++)
        {
            heights[noiseRng.Next(heights.Length)] += (float)noiseRng.Uniform(-options.MaxSpikeUm, options.MaxSpikeUm);
        }

        for (var k = 0; k < heights.Length; k++)
        {
            if (steep[k])
            {
                heights[k] = float.NaN;
            }
        }

        var isolated = (int)Math.Round(dropoutRng.Uniform(options.MinIsolatedDropoutFraction, options.MaxIsolatedDropoutFraction) * heights.Length);
        for (var n = 0; n < isolated; n++)
        {
            heights[dropoutRng.Next(heights.Length)] = float.NaN;
        }

        var clusters = dropoutRng.Next(options.MinDropoutClusters, options.MaxDropoutClusters + 1);
        for (var n = 0; n < clusters; n++)
        {
            // An irregular blot: a few overlapping discs around one spot.
            var cx = dropoutRng.Uniform(0, width);
            var cy = dropoutRng.Uniform(0, height);
            var lobes = dropoutRng.Next(1, 4);
            for (var l = 0; l < lobes; l++)
            {
                var radius = dropoutRng.Uniform(options.MinClusterRadiusPx, options.MaxClusterRadiusPx);
                var lx = cx + dropoutRng.Uniform(-radius, radius);
                var ly = cy + dropoutRng.Uniform(-radius, radius);
                ClearDisc(heights, width, height, lx, ly, radius);
            }
        }

        var quantum = options.HeightQuantumUm;
        var inverse = 1f / quantum;
        for (var k = 0; k < heights.Length; k++)
        {
            var rounded = MathF.Round(heights[k] * inverse) * quantum;
            // x3p readers scale heights and so lose the sign of zero; store +0 so a scan reads back bit for bit.
            heights[k] = rounded == 0 ? 0f : rounded;
        }
    }

    /// <summary>Points whose local slope (central differences) exceeds the instrument's limit.</summary>
    private static bool[] SteepPoints(float[] heights, int width, int height, double stepUm, double maxSlopeDeg)
    {
        var steep = new bool[heights.Length];
        var limit = Math.Tan(maxSlopeDeg * Math.PI / 180) * 2 * stepUm;
        var limitSquare = (float)(limit * limit);
        for (var y = 1; y < height - 1; y++)
        {
            var row = y * width;
            for (var x = 1; x < width - 1; x++)
            {
                var k = row + x;
                var gx = heights[k + 1] - heights[k - 1];
                var gy = heights[k + width] - heights[k - width];
                // NaN neighbours (outside the scanned disc) compare false and leave the point alone.
                if ((gx * gx) + (gy * gy) > limitSquare)
                {
                    steep[k] = true;
                }
            }
        }

        return steep;
    }

    private static void ClearDisc(float[] heights, int width, int height, double cx, double cy, double radius)
    {
        var x0 = Math.Max(0, (int)Math.Floor(cx - radius));
        var x1 = Math.Min(width - 1, (int)Math.Ceiling(cx + radius));
        var y0 = Math.Max(0, (int)Math.Floor(cy - radius));
        var y1 = Math.Min(height - 1, (int)Math.Ceiling(cy + radius));
        var square = radius * radius;
        for (var y = y0; y <= y1; y++)
        {
            var dy = y - cy;
            for (var x = x0; x <= x1; x++)
            {
                var dx = x - cx;
                if ((dx * dx) + (dy * dy) <= square)
                {
                    heights[(y * width) + x] = float.NaN;
                }
            }
        }
    }
}
