namespace Ballistics.Samples;

/// <summary>
/// What the instrument does to a surface: points on walls steeper than it can see are lost, every point gets
/// noise, a few glints come back as spikes, and points drop out alone or in clusters (dust, dark spots).
/// Heights are finally rounded to the stored resolution.
/// </summary>
internal static class ScanArtefacts
{
    /// <remarks>
    /// <c>conditions</c> override the crater's rendering and the dropouts (null: the options' own); <c>inCrater</c> marks
    /// the crater's points for a rendering other than the instrument's.
    /// </remarks>
    public static void Apply(float[] heights, FiringDraw draw, ScanOptions options, Random noiseRng, Random dropoutRng, ScanConditions? conditions = null, bool[]? inCrater = null)
    {
        conditions ??= ScanConditions.None;
        var width = draw.Width;
        var height = draw.Height;
        var steep = SteepPoints(heights, width, height, draw.StepUm, draw.Instrument.MaxSlopeDeg);
        if (conditions.Crater is { } crater && crater != CraterRendering.Instrument && inCrater is not null)
        {
            for (var k = 0; k < steep.Length; k++)
            {
                steep[k] = inCrater[k] ? crater == CraterRendering.Holes : steep[k];
            }
        }

        var roughness = conditions.DropoutFraction is null ? null : Roughness(heights, width, height);

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

        if (conditions.DropoutFraction is { } fraction)
        {
            Dropouts(heights, width, height, fraction, conditions.DropoutClustering ?? 0.5, roughness!, dropoutRng);
        }
        else
        {
            Blots(heights, width, height, options, dropoutRng);
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

    /// <summary>The difficulty's dropouts: isolated points and irregular blots anywhere.</summary>
    private static void Blots(float[] heights, int width, int height, ScanOptions options, Random dropoutRng)
    {
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
    }

    /// <summary>
    /// A set share of the measured points lost: <paramref name="clustering"/> of them in blots of 2–6 points' radius
    /// centred where the surface is roughest (a blot's centre is kept with a probability rising with the local
    /// roughness), the rest as single points anywhere.
    /// </summary>
    private static void Dropouts(float[] heights, int width, int height, double fraction, double clustering, float[] roughness, Random rng)
    {
        var measured = new List<int>(heights.Length);
        for (var k = 0; k < heights.Length; k++)
        {
            if (float.IsFinite(heights[k]))
            {
                measured.Add(k);
            }
        }

        if (measured.Count == 0)
        {
            return;
        }

        var target = (int)Math.Round(fraction * measured.Count);
        var clustered = (int)Math.Round(clustering * target);
        var typical = Percentile(roughness, measured, 0.9);
        var lost = 0;
        for (var attempts = 0; lost < clustered && attempts < 50 * measured.Count; attempts++)
        {
            var k = measured[rng.Next(measured.Count)];
            if (!float.IsFinite(heights[k]) || rng.NextDouble() > Math.Min(1, roughness[k] / typical))
            {
                continue;
            }

            var radius = rng.Uniform(2, 6);
            lost += ClearDisc(heights, width, height, k % width, k / width, radius);
        }

        for (var n = 0; lost < target && n < 4 * target; n++)
        {
            var k = measured[rng.Next(measured.Count)];
            if (float.IsFinite(heights[k]))
            {
                heights[k] = float.NaN;
                lost++;
            }
        }
    }

    /// <summary>Local roughness: the magnitude of the height's Laplacian (NaN neighbours count as none).</summary>
    private static float[] Roughness(float[] heights, int width, int height)
    {
        var rough = new float[heights.Length];
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var k = (y * width) + x;
                var laplacian = heights[k - 1] + heights[k + 1] + heights[k - width] + heights[k + width] - (4 * heights[k]);
                rough[k] = float.IsFinite(laplacian) ? Math.Abs(laplacian) : 0f;
            }
        }

        return rough;
    }

    private static float Percentile(float[] values, List<int> at, double q)
    {
        var picked = at.Select(k => values[k]).ToArray();
        Array.Sort(picked);
        return Math.Max(1e-6f, picked[(int)(q * (picked.Length - 1))]);
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

    /// <returns>How many measured points the disc cleared.</returns>
    private static int ClearDisc(float[] heights, int width, int height, double cx, double cy, double radius)
    {
        var cleared = 0;
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
                if ((dx * dx) + (dy * dy) <= square && float.IsFinite(heights[(y * width) + x]))
                {
                    heights[(y * width) + x] = float.NaN;
                    cleared++;
                }
            }
        }

        return cleared;
    }
}
