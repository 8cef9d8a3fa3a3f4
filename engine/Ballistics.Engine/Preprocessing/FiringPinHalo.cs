using System.Globalization;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Trims the ring the firing-pin crater leaves around its cut-out. The crater's wall runs on beyond the depth at
/// which the crater is detected, and the band-pass turns that slope into a ring far stronger than any breech-face
/// mark. Every case fired with a round pin has one, so left in it makes any two scans correlate once their centres
/// meet (measured: aligned correlation 0.80 between two generated firearms of different makes). The ring is found
/// from the data: rings of one grid step around the pin centre are trimmed outwards until their RMS height
/// settles to the breech face's own level. Beyond a settled stretch the aperture's rim may still follow — the primer
/// metal that flowed into the breech face's firing-pin aperture ends in a step concentric with the pin (Baldwin's
/// Cadre raw scans: a plateau to about 900 µm, its rim at 900–1040 µm) — and is trimmed too: a rim is strong around
/// most of the circle, where breech-face marks are strong in a few directions only.
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
        // Each ring's sum of squares and count per direction; a ring's own are their totals.
        var sectorSum = new double[rings * Sectors];
        var sectorCount = new int[rings * Sectors];
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
                    var sector = (ring * Sectors) + SectorOf(x - centreX, y - centreY);
                    sectorSum[sector] += v * (double)v;
                    sectorCount[sector]++;
                }
            }
        }

        if (outside.Count < 100)
        {
            return pinRadius;
        }

        var sum = new double[rings];
        var count = new int[rings];
        for (var k = 0; k < rings; k++)
        {
            for (var a = 0; a < Sectors; a++)
            {
                sum[k] += sectorSum[(k * Sectors) + a];
                count[k] += sectorCount[(k * Sectors) + a];
            }
        }

        // The breech face's own level: robust RMS (1.4826 · median |v|) of everything beyond the rings looked at.
        var level = 1.4826 * Selection.Quantile(outside.ToArray(), 0.5);
        var limit = options.FiringPinHaloRmsRatio * level;
        var trimmed = TrimmedRings(sum, count, 0, limit);
        var crater = trimmed;
        // A rim further out: the first run of concentric rings beyond the settled stretch, trimmed to where it settles.
        for (var k = trimmed; k + RimRun <= rings; k++)
        {
            var run = true;
            for (var j = k; j < k + RimRun && run; j++)
            {
                run = IsConcentric(sectorSum.AsSpan(j * Sectors, Sectors), sectorCount.AsSpan(j * Sectors, Sectors), limit);
            }

            if (run)
            {
                trimmed = TrimmedRings(sum, count, k, limit);
                break;
            }
        }

        if (trimmed == 0)
        {
            return pinRadius;
        }

        var radius = pinRadius + trimmed;
        Clear(grid, centreX, centreY, radius);

        notes.Add(trimmed > crater
            ? string.Create(CultureInfo.InvariantCulture, $"firing-pin halo trimmed to radius {radius * grid.StepUm:0} µm (the aperture's rim beyond {(pinRadius + crater) * grid.StepUm:0} µm)")
            : string.Create(CultureInfo.InvariantCulture, $"firing-pin halo trimmed to radius {radius * grid.StepUm:0} µm"));
        return radius;
    }

    /// <summary>Makes every point of <paramref name="grid"/> within <paramref name="radius"/> (grid points) of the centre invalid: the trim itself.</summary>
    public static void Clear(HeightGrid grid, double centreX, double centreY, double radius)
    {
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
    }

    /// <summary>Directions a ring is split into to tell a rim (strong all round) from breech-face marks.</summary>
    private const int Sectors = 16;

    /// <summary>A ring is part of a rim when more than this share of its measured sectors is above the limit.</summary>
    private const double RimSectorShare = 0.5;

    /// <summary>Consecutive concentric rings that make a rim (three grid steps, 30 µm at the default step).</summary>
    private const int RimRun = 3;

    /// <summary>Rings trimmed from <paramref name="start"/> on: up to the first ring that, with the next two, is at the breech face's level.</summary>
    private static int TrimmedRings(ReadOnlySpan<double> sum, ReadOnlySpan<int> count, int start, double limit)
    {
        var trimmed = start;
        for (var k = start; k < sum.Length; k++)
        {
            if (count[k] < 8)
            {
                continue;
            }

            var settled = true;
            for (var j = k; j < Math.Min(sum.Length, k + 3); j++)
            {
                settled &= count[j] == 0 || Math.Sqrt(sum[j] / count[j]) <= limit;
            }

            if (settled)
            {
                break;
            }

            trimmed = k + 1;
        }

        return trimmed;
    }

    /// <summary>Whether a ring is strong all round: measured in at least three quarters of the directions, above the limit in more than half of those.</summary>
    private static bool IsConcentric(ReadOnlySpan<double> sectorSum, ReadOnlySpan<int> sectorCount, double limit)
    {
        var measured = 0;
        var strong = 0;
        for (var a = 0; a < Sectors; a++)
        {
            if (sectorCount[a] < 3)
            {
                continue;
            }

            measured++;
            if (Math.Sqrt(sectorSum[a] / sectorCount[a]) > limit)
            {
                strong++;
            }
        }

        return measured >= 3 * Sectors / 4 && strong > RimSectorShare * measured;
    }

    private static int SectorOf(double dx, double dy) => (int)((Math.Atan2(dy, dx) + Math.PI) / (2 * Math.PI) * Sectors) % Sectors;
}
