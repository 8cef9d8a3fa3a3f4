using System.Globalization;
using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// Compares two firing-pin impressions about their own axes: every turn at once by the polar correlation of the
/// impressions unwrapped about their axes (<see cref="CentredPolarImage"/>), then the best few turns and the breech
/// face's angle tried in the plane with shifts of the axes within <see cref="FiringPinComparisonOptions.ShiftRadiusUm"/>
/// by the exact masked NCC, the best of them refined within a degree, and the best pose measured from both sides. Stateless; safe to share between threads.
/// </summary>
internal sealed class FiringPinComparer(FiringPinComparisonOptions options)
{
    private const double DegreesPerAngle = 360.0 / CentredPolarImage.Angles;

    public FiringPinComparison Compare(FiringPinRegion a, FiringPinRegion b, Registration breechFace)
    {
        if (RegionPair.NotComparable(a.Status, a.Reason, b.Status, b.Reason) is { } not)
        {
            return not.Status == RegionComparisonStatus.Absent ? FiringPinComparison.Absent(not.Reason) : FiringPinComparison.Failed(not.Reason);
        }

        var viewA = a.Impression!.View();
        var viewB = b.Impression!.View();
        if (Math.Abs(viewA.StepUm - viewB.StepUm) > 1e-6 * viewA.StepUm)
        {
            return FiringPinComparison.Failed(string.Create(CultureInfo.InvariantCulture, $"the impressions were prepared at {viewA.StepUm} µm and {viewB.StepUm} µm; prepare both with the same options"));
        }

        var (ringNcc, ringStrength) = a.Impression.Rings is { } ra && b.Impression.Rings is { } rb && TipRings.Correlate(ra, rb, 0, options.MinRings) is { } r
            ? (r, Math.Min(ra.Strength, rb.Strength))
            : ((double?)null, (double?)null);
        return Compare(viewA, viewB, breechFace) with { RingNcc = ringNcc, RingStrength = ringStrength };
    }

    private FiringPinComparison Compare(FiringPinView a, FiringPinView b, Registration breechFace)
    {
        var step = a.StepUm;
        var minOverlap = Math.Max(16, (int)(options.MinOverlapFraction * Math.Min(a.Image.ValidCount, b.Image.ValidCount)));
        var candidates = new List<double>(options.Candidates + 1);
        var peakZ = 0.0;
        if (a.Polar is { } polarA && b.Polar is { } polarB)
        {
            var profile = new double[CentredPolarImage.Angles];
            // The polar samples overlap less than the plane: rings about two axes a little apart lose their edges.
            CentredPolarImage.Profile(polarA, polarB, Math.Max(16, minOverlap / 2), profile);
            peakZ = Peaks(profile, candidates);
        }

        if (breechFace.Registered)
        {
            candidates.Add(breechFace.RotationDeg);
        }

        if (candidates.Count == 0)
        {
            return FiringPinComparison.Failed("the impressions hold too little about their axes to be turned onto each other");
        }

        var radius = Math.Max(1, (int)Math.Round(options.ShiftRadiusUm / step));
        var best = (Peak: NccPeak.None, Angle: 0.0, X: 0.0, Y: 0.0);
        using (var forward = new DirectLevel(a.Image, b.Image, step, radius, options.MinOverlapFraction))
        {
            // Each candidate at its own turn first, then the finer turns about the best of them only: the polar
            // correlation has already placed each within its 0.5° step, so refining every candidate repeats work.
            foreach (var candidate in candidates)
            {
                Try(forward, candidate);
            }

            var centre = best.Angle;
            var turns = (int)Math.Round(options.RefineRangeDeg / options.RefineStepDeg);
            for (var k = -turns; k <= turns; k++)
            {
                if (k != 0)
                {
                    Try(forward, centre + (k * options.RefineStepDeg));
                }
            }
        }

        if (!best.Peak.Found)
        {
            return FiringPinComparison.Failed(string.Create(CultureInfo.InvariantCulture, $"no pose of the impressions overlaps by {minOverlap} points ({options.MinOverlapFraction:P0} of the smaller)"));
        }

        // B's pose seen from B: A's impression turned back onto it, at that pose only.
        var pose = new Registration(best.Angle, -best.X * step, -best.Y * step, 0, 0);
        var inverse = pose.Inverse();
        double backward;
        using (var back = new DirectLevel(b.Image, a.Image, step, 0, options.MinOverlapFraction))
        {
            var (peak, _, _) = back.Search(inverse.RotationDeg, -inverse.DxUm / step, -inverse.DyUm / step);
            backward = peak.Found ? peak.Ncc : best.Peak.Ncc;
        }

        var (x0, y0) = AxisOnAxis(a, b, best.Angle);
        return new FiringPinComparison
        {
            Status = RegionComparisonStatus.Compared,
            Ncc = (best.Peak.Ncc + backward) / 2,
            NccForward = best.Peak.Ncc,
            NccBackward = backward,
            RotationDeg = Rotation2D.Normalise(best.Angle),
            AxisShiftUm = Math.Sqrt(((best.X - x0) * (best.X - x0)) + ((best.Y - y0) * (best.Y - y0))) * step,
            PeakZ = peakZ,
            AngleFromBreechFaceDeg = breechFace.Registered ? Math.Abs(Rotation2D.Normalise(best.Angle - breechFace.RotationDeg)) : null,
            OverlapPoints = best.Peak.Overlap,
        };

        void Try(DirectLevel forward, double angle)
        {
            var (x, y) = AxisOnAxis(a, b, angle);
            var (peak, px, py) = forward.Search(angle, x, y);
            if (peak.Found && peak.Ncc > best.Peak.Ncc)
            {
                best = (peak, angle, px, py);
            }
        }
    }

    /// <summary>
    /// The placement (in <see cref="DirectLevel.Search"/>'s points) that puts B's axis on A's with B turned by
    /// <paramref name="angleDeg"/>: A's point p and B's q = R(−θ)(p − t) meet when t = a − R(θ)·b.
    /// </summary>
    private static (double X, double Y) AxisOnAxis(FiringPinView a, FiringPinView b, double angleDeg)
    {
        var (axisA, axisB) = (a.AxisUm, b.AxisUm);
        var (rx, ry) = Rotation2D.FromDegrees(angleDeg).Apply(axisB.X, axisB.Y);
        return (-(axisA.X - rx) / a.StepUm, -(axisA.Y - ry) / a.StepUm);
    }

    /// <summary>The best turns of <paramref name="profile"/>, at least the peak separation apart, into <paramref name="into"/>; returns the best one's robust z.</summary>
    private double Peaks(double[] profile, List<double> into)
    {
        var valid = profile.Where(v => v > -2).ToArray();
        if (valid.Length < 16)
        {
            return 0;
        }

        Array.Sort(valid);
        var median = valid[valid.Length / 2];
        var deviations = valid.Select(v => Math.Abs(v - median)).ToArray();
        Array.Sort(deviations);
        var mad = Math.Max(1e-6, 1.4826 * deviations[deviations.Length / 2]);
        var order = Enumerable.Range(0, profile.Length).Where(k => profile[k] > -2).OrderByDescending(k => profile[k]).ToArray();
        var separation = options.PeakSeparationDeg / DegreesPerAngle;
        var chosen = new List<int>(options.Candidates);
        foreach (var k in order)
        {
            if (chosen.Count == options.Candidates)
            {
                break;
            }

            if (chosen.TrueForAll(c => CircularDistance(c, k) >= separation))
            {
                chosen.Add(k);
            }
        }

        into.AddRange(chosen.Select(k => k * DegreesPerAngle));
        return (profile[order[0]] - median) / mad;

        static int CircularDistance(int p, int q)
        {
            var d = Math.Abs(p - q) % CentredPolarImage.Angles;
            return Math.Min(d, CentredPolarImage.Angles - d);
        }
    }
}
