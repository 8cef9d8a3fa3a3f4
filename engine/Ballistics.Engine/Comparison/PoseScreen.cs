namespace Ballistics.Engine.Comparison;

/// <summary>
/// How well two scans agree at the poses their turning axes allow: the best turns of the centred polar correlation
/// (registration's first step) each place B on A with B's firing-pin axis on A's, and the exact masked NCC of the
/// coarse levels is read within a small shift of that pose (<see cref="DirectLevel"/>). It is registration without the
/// Cartesian sweep of sixteen angles, without the fine level and without most of the view, about 3 ms a pair, and it
/// ranks a search's candidates almost as the full comparison does: on 40 queries of the generated hard set, the best
/// 5 of 200 by this screen held every mate the full comparison put in the top 10 (docs/benchmarks.md), where the
/// polar correlation's peak alone (the previous screen) lost a fifth of them.
/// </summary>
internal static class PoseScreen
{
    /// <summary>The best NCC over the trial poses, or null when the polar images share too little or no pose has enough overlap.</summary>
    /// <param name="a">A's coarse level, its centred polar image and its axis in points of the coarse level.</param>
    /// <param name="b">The same of B, at A's coarse step.</param>
    /// <param name="coarseStepUm">The coarse levels' step.</param>
    /// <param name="turns">Peaks of the turn profile tried.</param>
    /// <param name="shiftRadiusUm">How far from the axes' pose the shift is searched: the axes are found to a few tens of µm.</param>
    /// <param name="minOverlapFraction">Least overlap, as a fraction of the smaller scan's valid points (registration's).</param>
    public static double? Score(
        (MaskedImage Coarse, CentredPolarImage Polar, (double X, double Y) Axis) a,
        (MaskedImage Coarse, CentredPolarImage Polar, (double X, double Y) Axis) b,
        double coarseStepUm,
        int turns,
        double shiftRadiusUm,
        double minOverlapFraction)
    {
        Span<double> profile = stackalloc double[CentredPolarImage.Angles];
        var minOverlap = Math.Max(16, (int)(minOverlapFraction * Math.Min(a.Polar.ValidCount, b.Polar.ValidCount)));
        CentredPolarImage.Profile(a.Polar, b.Polar, minOverlap, profile);
        var angles = new List<double>(turns);
        GlobalRegistrar.AddPeaks(profile, turns, angles);
        if (angles.Count == 0)
        {
            return null;
        }

        var radius = Math.Max(1, (int)Math.Round(shiftRadiusUm / coarseStepUm));
        using var level = new DirectLevel(a.Coarse, b.Coarse, coarseStepUm, radius, minOverlapFraction);
        // The axes from each coarse level's centre, the frame of a registration.
        var ax = a.Axis.X - ((a.Coarse.Width - 1) / 2.0);
        var ay = a.Axis.Y - ((a.Coarse.Height - 1) / 2.0);
        var bx = b.Axis.X - ((b.Coarse.Width - 1) / 2.0);
        var by = b.Axis.Y - ((b.Coarse.Height - 1) / 2.0);
        double? best = null;
        foreach (var angle in angles)
        {
            // B turned by the angle and moved by t lands on A (Registration); its axis lands on A's when
            // t = a − R(θ)·b, and the level's shift is −t.
            var (rx, ry) = Rotation2D.FromDegrees(angle).Apply(bx, by);
            var (peak, _, _) = level.Search(angle, rx - ax, ry - ay);
            if (peak.Found && (best is null || peak.Ncc > best))
            {
                best = peak.Ncc;
            }
        }

        return best;
    }
}
