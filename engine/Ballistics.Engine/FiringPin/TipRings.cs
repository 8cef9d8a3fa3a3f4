using System.Diagnostics;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// The firing-pin tip's turning marks as a profile over the distance from the pin's axis: a tip finished on a lathe
/// carries rings at its own pitch, and they are pressed into the crater floor whatever the case's turn. The profile is
/// each ring's mean height on the band-passed floor (<see cref="BinUm"/> wide), taken about the centre near the
/// crater's axis where the rings stand out most (the axis found on the coarse grid misses by a few µm, and rings 18 µm
/// apart blur away 5 µm off their centre), its slow trend removed. Immutable.
/// </summary>
public sealed class TipRings
{
    /// <summary>Width of one ring of the profile.</summary>
    public const double BinUm = 2.5;

    /// <summary>Fewest points a ring needs for its mean to count; the innermost rings hold only a few.</summary>
    private const int MinPointsPerRing = 12;

    /// <summary>The profile's trend (residual form of the bowl) is a Gaussian mean this wide (σ), removed.</summary>
    private const double TrendSigmaUm = 20;

    private TipRings(float[] profile, double centreShiftUm, double strength)
    {
        Profile = profile;
        CentreShiftUm = centreShiftUm;
        Strength = strength;
    }

    /// <summary>Ring means from the axis outward, every <see cref="BinUm"/>; NaN where too few points.</summary>
    public float[] Profile { get; }

    /// <summary>How far the rings' centre lies from the crater's axis as found.</summary>
    public double CentreShiftUm { get; }

    /// <summary>
    /// Share of the floor's variance within the profile's reach that the ring means (trend removed) explain: near 0 for
    /// a tip without turning marks (a ground or blasted pin, or marks too fine for the instrument), where a poor
    /// correlation of two profiles says nothing against a common origin.
    /// </summary>
    public double Strength { get; }

    internal static TipRings FromProfile(float[] profile, double centreShiftUm, double strength) => new(profile, centreShiftUm, strength);

    /// <summary>
    /// The profile of <paramref name="grid"/> (band-passed, NaN outside the floor) within <paramref name="radiusUm"/>
    /// of a centre searched within <paramref name="searchUm"/> of (<paramref name="axisX"/>, <paramref name="axisY"/>)
    /// (grid points); null when fewer than a quarter of the rings hold enough points.
    /// </summary>
    internal static TipRings? Measure(HeightGrid grid, double axisX, double axisY, double radiusUm, double searchUm)
    {
        var bins = (int)Math.Ceiling(radiusUm / BinUm);
        if (bins < 8)
        {
            return null;
        }

        var floor = Floor(grid, axisX, axisY, (radiusUm + searchUm) / grid.StepUm);
        var perBin = grid.StepUm / BinUm;
        var sums = new double[bins];
        var counts = new int[bins];
        var best = (Energy: double.NegativeInfinity, X: 0.0, Y: 0.0);
        // Coarse then fine, 74 passes over the floor's points: the energy is smooth over a few µm, and the fine step
        // (a quarter of the coarse one) leaves the centre within 0.9 µm, where rings 18 µm apart keep 97 % of their contrast.
        foreach (var (range, step) in new[] { (searchUm, searchUm / 3), (searchUm / 6, searchUm / 12) })
        {
            var (cx, cy) = (best.X, best.Y);
            var n = step > 0 ? (int)Math.Round(range / step) : 0;
            for (var j = -n; j <= n; j++)
            {
                for (var i = -n; i <= n; i++)
                {
                    var x = cx + (i * step / grid.StepUm);
                    var y = cy + (j * step / grid.StepUm);
                    Accumulate(floor, x, y, perBin, sums, counts);
                    var energy = Energy(sums, counts);
                    if (energy > best.Energy)
                    {
                        best = (energy, x, y);
                    }
                }
            }
        }

        Accumulate(floor, best.X, best.Y, perBin, sums, counts);
        var profile = new float[bins];
        var filled = 0;
        for (var k = 0; k < bins; k++)
        {
            profile[k] = counts[k] >= MinPointsPerRing ? (float)(sums[k] / counts[k]) : float.NaN;
            filled += counts[k] >= MinPointsPerRing ? 1 : 0;
        }

        if (filled < bins / 4)
        {
            return null;
        }

        RemoveTrend(profile, TrendSigmaUm / BinUm);
        double explained = 0;
        for (var k = 0; k < bins; k++)
        {
            explained += float.IsFinite(profile[k]) ? counts[k] * (double)profile[k] * profile[k] : 0;
        }

        var total = SumOfSquares(floor, best.X, best.Y, bins * BinUm / grid.StepUm);
        var shift = Math.Sqrt((best.X * best.X) + (best.Y * best.Y)) * grid.StepUm;
        return new TipRings(profile, shift, total > 0 ? explained / total : 0);
    }

    /// <summary>
    /// The normalised correlation of two profiles over the rings both hold, at the radial lag within
    /// <paramref name="maxLagBins"/> where it is highest (scale calibrations of two instruments differ by a ring or two at
    /// the floor's edge); null when they share fewer than <paramref name="minBins"/> rings.
    /// </summary>
    public static double? Correlate(TipRings a, TipRings b, int maxLagBins, int minBins)
    {
        double? best = null;
        for (var lag = -maxLagBins; lag <= maxLagBins; lag++)
        {
            if (Ncc(a.Profile, b.Profile, lag, minBins) is { } r && (best is null || r > best))
            {
                best = r;
            }
        }

        return best;
    }

    private static double? Ncc(float[] a, float[] b, int lag, int minBins)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        var n = 0;
        for (var k = 0; k < a.Length; k++)
        {
            var m = k + lag;
            if (m < 0 || m >= b.Length || !float.IsFinite(a[k]) || !float.IsFinite(b[m]))
            {
                continue;
            }

            sa += a[k];
            sb += b[m];
            saa += a[k] * a[k];
            sbb += b[m] * b[m];
            sab += a[k] * b[m];
            n++;
        }

        if (n < minBins)
        {
            return null;
        }

        var va = saa - (sa * sa / n);
        var vb = sbb - (sb * sb / n);
        return va <= 0 || vb <= 0 ? null : (sab - (sa * sb / n)) / Math.Sqrt(va * vb);
    }

    /// <summary>The measured points within <paramref name="reach"/> grid points of the axis, as offsets from it with their heights: every pass reads these alone.</summary>
    private static (double[] X, double[] Y, double[] Z) Floor(HeightGrid grid, double axisX, double axisY, double reach)
    {
        var values = grid.Values;
        var y0 = Math.Max(0, (int)Math.Floor(axisY - reach));
        var y1 = Math.Min(grid.Height - 1, (int)Math.Ceiling(axisY + reach));
        var x0 = Math.Max(0, (int)Math.Floor(axisX - reach));
        var x1 = Math.Min(grid.Width - 1, (int)Math.Ceiling(axisX + reach));
        var (xs, ys, zs) = (Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>());
        // Counted first, then filled: the arrays are made once at their size.
        for (var pass = 0; pass < 2; pass++)
        {
            var n = 0;
            for (var row = y0; row <= y1; row++)
            {
                for (var column = x0; column <= x1; column++)
                {
                    var v = values[(row * grid.Width) + column];
                    var (dx, dy) = (column - axisX, row - axisY);
                    if (float.IsFinite(v) && ((dx * dx) + (dy * dy)) <= reach * reach)
                    {
                        if (pass == 1)
                        {
                            (xs[n], ys[n], zs[n]) = (dx, dy, v);
                        }

                        n++;
                    }
                }
            }

            if (pass == 0)
            {
                (xs, ys, zs) = (new double[n], new double[n], new double[n]);
            }
        }

        return (xs, ys, zs);
    }

    private static void Accumulate((double[] X, double[] Y, double[] Z) floor, double cx, double cy, double perBin, double[] sums, int[] counts)
    {
        Array.Clear(sums);
        Array.Clear(counts);
        var (xs, ys, zs) = floor;
        var bins = sums.Length;
        for (var p = 0; p < zs.Length; p++)
        {
            var dx = xs[p] - cx;
            var dy = ys[p] - cy;
            var k = (int)(Math.Sqrt((dx * dx) + (dy * dy)) * perBin);
            if (k < bins)
            {
                sums[k] += zs[p];
                counts[k]++;
            }
        }
    }

    private static double SumOfSquares((double[] X, double[] Y, double[] Z) floor, double cx, double cy, double radius)
    {
        var (xs, ys, zs) = floor;
        double sum = 0;
        for (var p = 0; p < zs.Length; p++)
        {
            var (dx, dy) = (xs[p] - cx, ys[p] - cy);
            if (((dx * dx) + (dy * dy)) < radius * radius)
            {
                sum += zs[p] * zs[p];
            }
        }

        return sum;
    }

    /// <summary>Point-weighted variance of the ring means: highest about the rings' own centre.</summary>
    private static double Energy(double[] sums, int[] counts)
    {
        double energy = 0;
        for (var k = 0; k < sums.Length; k++)
        {
            if (counts[k] >= MinPointsPerRing)
            {
                energy += sums[k] * sums[k] / counts[k];
            }
        }

        return energy;
    }

    /// <summary>Subtracts the NaN-aware Gaussian mean of width <paramref name="sigmaBins"/> (σ, in rings).</summary>
    private static void RemoveTrend(float[] profile, double sigmaBins)
    {
        Debug.Assert(sigmaBins > 0, "a trend needs a width");
        var reach = (int)Math.Ceiling(3 * sigmaBins);
        var trend = new float[profile.Length];
        for (var k = 0; k < profile.Length; k++)
        {
            double sum = 0, weight = 0;
            for (var d = -reach; d <= reach; d++)
            {
                var m = k + d;
                if (m >= 0 && m < profile.Length && float.IsFinite(profile[m]))
                {
                    var w = Math.Exp(-0.5 * d * d / (sigmaBins * sigmaBins));
                    sum += w * profile[m];
                    weight += w;
                }
            }

            trend[k] = weight > 0 ? (float)(sum / weight) : float.NaN;
        }

        for (var k = 0; k < profile.Length; k++)
        {
            profile[k] -= trend[k];
        }
    }
}
