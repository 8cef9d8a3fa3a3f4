using System.Buffers;
using System.Diagnostics;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Takes off the form a raw scan's primer has about its centre: the dome the firing pressed into it and the roll-over
/// towards its edge. A quadratic does not follow it (Baldwin's raw Cadre scans are flat over the breech face, then fall
/// about 100 µm over the last 300 µm), and what the band-pass leaves of it depends on how far the region reaches: the
/// same scan prepared with its mask and with its mask ignored correlated at 0.55 where both kept the same points, and
/// two cases of one gun registered on that form instead of their marks. Each ring's mean height (one grid step wide),
/// smoothed across rings, is subtracted: marks vary round a ring and average out of its mean, so only what is the same
/// all round goes.
/// </summary>
internal static class AxisymmetricForm
{
    /// <summary>
    /// Subtracts the smoothed ring means about (<paramref name="centreX"/>, <paramref name="centreY"/>) (grid points)
    /// from the valid points of <paramref name="grid"/>, in place.
    /// </summary>
    /// <returns>The RMS of the form taken off, over the valid points (µm).</returns>
    public static double Remove(HeightGrid grid, double centreX, double centreY, double smoothingUm)
    {
        Debug.Assert(smoothingUm > 0, "the caller skips a form removal that is switched off");
        var rings = (int)Math.Ceiling(FarthestValid(grid, centreX, centreY)) + 2;
        var sums = ArrayPool<double>.Shared.Rent(rings);
        var counts = ArrayPool<double>.Shared.Rent(rings);
        var profile = ArrayPool<double>.Shared.Rent(rings);
        try
        {
            Array.Clear(sums, 0, rings);
            Array.Clear(counts, 0, rings);
            for (var y = 0; y < grid.Height; y++)
            {
                var row = grid.Row(y);
                var dy2 = (y - centreY) * (y - centreY);
                for (var x = 0; x < row.Length; x++)
                {
                    if (float.IsFinite(row[x]))
                    {
                        var ring = (int)Math.Sqrt(((x - centreX) * (x - centreX)) + dy2);
                        sums[ring] += row[x];
                        counts[ring]++;
                    }
                }
            }

            Smooth(sums.AsSpan(0, rings), counts.AsSpan(0, rings), smoothingUm / grid.StepUm, profile.AsSpan(0, rings));
            return Subtract(grid, centreX, centreY, profile.AsSpan(0, rings));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sums);
            ArrayPool<double>.Shared.Return(counts);
            ArrayPool<double>.Shared.Return(profile);
        }
    }

    private static double FarthestValid(HeightGrid grid, double centreX, double centreY)
    {
        var farthest2 = 0.0;
        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            var dy2 = (y - centreY) * (y - centreY);
            for (var x = 0; x < row.Length; x++)
            {
                if (float.IsFinite(row[x]))
                {
                    farthest2 = Math.Max(farthest2, ((x - centreX) * (x - centreX)) + dy2);
                }
            }
        }

        return Math.Sqrt(farthest2);
    }

    /// <summary>
    /// The ring means smoothed by a local quadratic, Gaussian-weighted over neighbouring rings by their point counts. A
    /// weighted mean alone is biased where the form is steep and the region ends (at the primer's edge by about the slope
    /// times σ: 15 µm on a roll-over of 60 µm in 350 µm), and that bias was left as a rim all round the region.
    /// </summary>
    private static void Smooth(ReadOnlySpan<double> sums, ReadOnlySpan<double> counts, double sigmaRings, Span<double> profile)
    {
        var reach = (int)Math.Ceiling(3 * sigmaRings);
        var inverse = -0.5 / (sigmaRings * sigmaRings);
        Span<double> normal = stackalloc double[9];
        Span<double> rhs = stackalloc double[3];
        for (var k = 0; k < profile.Length; k++)
        {
            normal.Clear();
            rhs.Clear();
            var rings = 0;
            for (var j = Math.Max(0, k - reach); j <= Math.Min(profile.Length - 1, k + reach); j++)
            {
                if (counts[j] <= 0)
                {
                    continue;
                }

                rings++;
                var weight = Math.Exp(inverse * (k - j) * (k - j)) * counts[j];
                var mean = sums[j] / counts[j];
                var t = (j - k) / sigmaRings;
                Span<double> basis = [1, t, t * t];
                for (var a = 0; a < 3; a++)
                {
                    rhs[a] += weight * basis[a] * mean;
                    for (var b = 0; b < 3; b++)
                    {
                        normal[(a * 3) + b] += weight * basis[a] * basis[b];
                    }
                }
            }

            // A quadratic needs rings on both sides of its curvature; with fewer than five, the weighted mean.
            profile[k] = rings >= 5 && SolveForLevel(normal, rhs) is { } level ? level
                : normal[0] > 0 ? rhs[0] / normal[0] : 0;
        }
    }

    /// <summary>The constant term of the 3 × 3 normal equations (Cramer's rule); null when they are singular.</summary>
    private static double? SolveForLevel(ReadOnlySpan<double> n, ReadOnlySpan<double> r)
    {
        var det = (n[0] * ((n[4] * n[8]) - (n[5] * n[7]))) - (n[1] * ((n[3] * n[8]) - (n[5] * n[6]))) + (n[2] * ((n[3] * n[7]) - (n[4] * n[6])));
        if (!(Math.Abs(det) > 1e-12 * Math.Abs(n[0] * n[4] * n[8])))
        {
            return null;
        }

        var level = (r[0] * ((n[4] * n[8]) - (n[5] * n[7]))) - (n[1] * ((r[1] * n[8]) - (n[5] * r[2]))) + (n[2] * ((r[1] * n[7]) - (n[4] * r[2])));
        return level / det;
    }

    /// <summary>Subtracts the profile, read between ring centres (ring k's mean stands at radius k + ½).</summary>
    private static double Subtract(HeightGrid grid, double centreX, double centreY, ReadOnlySpan<double> profile)
    {
        double squares = 0;
        var points = 0;
        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            var dy2 = (y - centreY) * (y - centreY);
            for (var x = 0; x < row.Length; x++)
            {
                if (!float.IsFinite(row[x]))
                {
                    continue;
                }

                var r = Math.Sqrt(((x - centreX) * (x - centreX)) + dy2) - 0.5;
                var k = Math.Clamp((int)Math.Floor(r), 0, profile.Length - 2);
                var t = Math.Clamp(r - k, 0, 1);
                var form = ((1 - t) * profile[k]) + (t * profile[k + 1]);
                row[x] -= (float)form;
                squares += form * form;
                points++;
            }
        }

        return points == 0 ? 0 : Math.Sqrt(squares / points);
    }
}
