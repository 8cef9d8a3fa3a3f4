using System.Globalization;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Trims the ring the firing-pin crater leaves around its cut-out. The crater's wall runs on beyond the depth at
/// which the crater is detected, and the band-pass turns that slope into a ring far stronger than any breech-face
/// mark. Every case fired with a round pin has one, so left in it makes any two scans correlate once their centres
/// meet (measured: aligned correlation 0.80 between two generated firearms of different makes). The ring is found
/// from the data: rings of one grid step around the pin centre are trimmed outwards until their RMS height
/// settles to the breech face's own level.
/// </summary>
internal static class FiringPinHalo
{
    /// <returns>The radius (grid points) inside which points were made invalid; the pin radius when nothing was trimmed.</returns>
    /// <remarks>The geometry keeps reporting the pin as detected; the note records how far the trim went.</remarks>
    public static double Trim(HeightGrid grid, double centreX, double centreY, double pinRadius, BreechFaceRegionOptions options, List<string> notes)
    {
        if (pinRadius <= 0)
        {
            return pinRadius;
        }

        var maxExtra = (int)Math.Ceiling(options.FiringPinHaloMaxUm / grid.StepUm);
        var rings = maxExtra + 1;
        Span<double> sum = stackalloc double[rings];
        Span<int> count = stackalloc int[rings];
        sum.Clear();
        count.Clear();
        var outside = new List<float>();
        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            for (var x = 0; x < grid.Width; x++)
            {
                var v = row[x];
                if (!float.IsFinite(v))
                {
                    continue;
                }

                var r = Math.Sqrt(((x - centreX) * (x - centreX)) + ((y - centreY) * (y - centreY))) - pinRadius;
                var ring = (int)Math.Floor(r);
                if (ring >= rings)
                {
                    outside.Add(Math.Abs(v));
                }
                else if (ring >= 0)
                {
                    sum[ring] += v * (double)v;
                    count[ring]++;
                }
            }
        }

        if (outside.Count < 100)
        {
            return pinRadius;
        }

        // The breech face's own level: robust RMS (1.4826 · median |v|) of everything beyond the rings looked at.
        var level = 1.4826 * Selection.Quantile(outside.ToArray(), 0.5);
        var limit = options.FiringPinHaloRmsRatio * level;
        var trimmed = 0;
        for (var k = 0; k < rings; k++)
        {
            if (count[k] < 8)
            {
                continue;
            }

            // A ring stops the trim only when it and the next two are at the breech face's level.
            var settled = true;
            for (var j = k; j < Math.Min(rings, k + 3); j++)
            {
                settled &= count[j] == 0 || Math.Sqrt(sum[j] / count[j]) <= limit;
            }

            if (settled)
            {
                break;
            }

            trimmed = k + 1;
        }

        if (trimmed == 0)
        {
            return pinRadius;
        }

        var radius = pinRadius + trimmed;
        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            for (var x = 0; x < grid.Width; x++)
            {
                if (((x - centreX) * (x - centreX)) + ((y - centreY) * (y - centreY)) < radius * radius)
                {
                    row[x] = float.NaN;
                }
            }
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"firing-pin halo trimmed to radius {radius * grid.StepUm:0} µm"));
        return radius;
    }
}
