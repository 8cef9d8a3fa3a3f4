using System.Diagnostics;
using System.Globalization;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// Compares two aperture-shear bands the way bullet lands are compared: at the turn the firing pin (else the breech
/// face) registered, the direction the two bands' relief is most oriented across is the striae's; each band's heights
/// are averaged along it into a profile across it, measured from the pin's axis, separately on either side of the axis
/// (the aperture's edge shears the leading side only, and a drag runs out on that side); the profiles are
/// cross-correlated within <see cref="ApertureShearComparisonOptions.MaxOffsetUm"/>. The best direction, side and
/// offset count. Stateless; safe to share between threads.
/// </summary>
internal sealed class ApertureShearComparer(ApertureShearComparisonOptions options)
{
    public ApertureShearComparison Compare(ApertureShearRegion a, ApertureShearRegion b, double? rotationDeg)
    {
        if (RegionPair.NotComparable(a.Status, a.Reason, b.Status, b.Reason) is { } not)
        {
            return not.Status == RegionComparisonStatus.Absent ? ApertureShearComparison.Absent(not.Reason) : ApertureShearComparison.Failed(not.Reason);
        }

        if (rotationDeg is not { } theta)
        {
            return ApertureShearComparison.Failed("neither the firing pins nor the breech faces registered: there is no turn to read the striae at");
        }

        var viewA = a.Band!.View();
        var viewB = b.Band!.View();
        if (Math.Abs(viewA.StepUm - viewB.StepUm) > 1e-6 * viewA.StepUm)
        {
            return ApertureShearComparison.Failed(string.Create(CultureInfo.InvariantCulture, $"the bands were prepared at {viewA.StepUm} µm and {viewB.StepUm} µm; prepare both with the same options"));
        }

        return Compare(viewA, viewB, theta);
    }

    private ApertureShearComparison Compare(ShearBandView a, ShearBandView b, double theta)
    {
        // B's orientation β lies at β − θ in A's frame (Rotation2D turns counter-clockwise on screen), so A's g meets B's g + θ.
        var joint = new double[ShearBandView.OrientationBins];
        for (var g = 0; g < joint.Length; g++)
        {
            joint[g] = a.Orientation[g] + b.Orientation[ShearBandView.Bin(g + theta)];
        }

        var step = a.StepUm;
        var centre = (int)Math.Ceiling(Math.Max(a.ReachUm, b.ReachUm) / step) + 1;
        var bins = (2 * centre) + 1;
        var profiles = new Profiles(bins);
        var maxLag = (int)Math.Round(options.MaxOffsetUm / step);
        var minOverlap = Math.Max(8, (int)Math.Ceiling(options.MinOverlapUm / step));
        var best = (Ncc: double.NegativeInfinity, Direction: 0.0, Lag: 0, Overlap: 0, Coherence: 0.0);
        foreach (var gradient in Peaks(joint))
        {
            // Striae run across the orientation their relief's gradients share.
            var direction = gradient + 90.0;
            profiles.Clear();
            Accumulate(a, direction, centre, profiles.SumA, profiles.CountA);
            Accumulate(b, direction + theta, centre, profiles.SumB, profiles.CountB);
            for (var side = 0; side < 2; side++)
            {
                var (ncc, lag, overlap) = BestOffset(profiles, side, bins, maxLag, minOverlap);
                if (ncc > best.Ncc)
                {
                    best = (ncc, direction % 180, lag, overlap, joint[gradient] / 2 * ShearBandView.OrientationBins);
                }
            }
        }

        return double.IsFinite(best.Ncc)
            ? new ApertureShearComparison
            {
                Status = RegionComparisonStatus.Compared,
                Ncc = best.Ncc,
                DirectionDeg = best.Direction,
                OffsetUm = best.Lag * step,
                OverlapUm = best.Overlap * step,
                Coherence = best.Coherence,
                RotationDeg = theta,
            }
            : ApertureShearComparison.Failed(string.Create(CultureInfo.InvariantCulture, $"the bands' striae profiles overlap by less than {options.MinOverlapUm} µm on either side of the axis"));
    }

    /// <summary>The joint histogram's best orientations, at least the peak separation apart.</summary>
    private List<int> Peaks(double[] joint)
    {
        var chosen = new List<int>(options.Candidates);
        foreach (var g in Enumerable.Range(0, joint.Length).OrderByDescending(g => joint[g]))
        {
            if (chosen.Count == options.Candidates)
            {
                break;
            }

            if (chosen.TrueForAll(c => Math.Min(Math.Abs(c - g), joint.Length - Math.Abs(c - g)) >= options.PeakSeparationDeg))
            {
                chosen.Add(g);
            }
        }

        return chosen;
    }

    /// <summary>Sums the band's heights into bins across <paramref name="directionDeg"/> (one grid step wide, bin <paramref name="centre"/> on the axis), one profile per side of the axis.</summary>
    private static void Accumulate(ShearBandView view, double directionDeg, int centre, double[][] sums, int[][] counts)
    {
        var (sin, cos) = Math.SinCos(directionDeg * Math.PI / 180);
        var inverseStep = 1 / view.StepUm;
        for (var i = 0; i < view.Z.Length; i++)
        {
            var along = (view.XUm[i] * cos) + (view.YUm[i] * sin);
            var across = (-view.XUm[i] * sin) + (view.YUm[i] * cos);
            var bin = (int)Math.Floor((across * inverseStep) + 0.5) + centre;
            Debug.Assert(bin >= 0 && bin < sums[0].Length, "the profile spans the band's reach");
            var side = along >= 0 ? 0 : 1;
            sums[side][bin] += view.Z[i];
            counts[side][bin]++;
        }
    }

    /// <summary>The Pearson correlation of A's and B's profiles on one side at the best offset within ±<paramref name="maxLag"/> bins.</summary>
    private (double Ncc, int Lag, int Overlap) BestOffset(Profiles p, int side, int bins, int maxLag, int minOverlap)
    {
        var (sumA, countA, sumB, countB) = (p.SumA[side], p.CountA[side], p.SumB[side], p.CountB[side]);
        var best = (Ncc: double.NegativeInfinity, Lag: 0, Overlap: 0);
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (var i = Math.Max(0, -lag); i < bins && i + lag < bins; i++)
            {
                var j = i + lag;
                if (countA[i] < options.MinPointsPerBin || countB[j] < options.MinPointsPerBin)
                {
                    continue;
                }

                var va = sumA[i] / countA[i];
                var vb = sumB[j] / countB[j];
                n++;
                sa += va;
                sb += vb;
                saa += va * va;
                sbb += vb * vb;
                sab += va * vb;
            }

            if (n < minOverlap)
            {
                continue;
            }

            var varA = saa - (sa * sa / n);
            var varB = sbb - (sb * sb / n);
            if (varA <= 0 || varB <= 0)
            {
                continue;
            }

            var ncc = (sab - (sa * sb / n)) / Math.Sqrt(varA * varB);
            if (ncc > best.Ncc)
            {
                best = (ncc, lag, (int)n);
            }
        }

        return best;
    }

    /// <summary>The profiles' sums and counts, A's and B's on each side of the axis, reused for every direction of one comparison.</summary>
    private sealed class Profiles(int bins)
    {
        public double[][] SumA { get; } = [new double[bins], new double[bins]];

        public int[][] CountA { get; } = [new int[bins], new int[bins]];

        public double[][] SumB { get; } = [new double[bins], new double[bins]];

        public int[][] CountB { get; } = [new int[bins], new int[bins]];

        public void Clear()
        {
            foreach (var array in SumA.Concat(SumB))
            {
                Array.Clear(array);
            }

            foreach (var array in CountA.Concat(CountB))
            {
                Array.Clear(array);
            }
        }
    }
}
