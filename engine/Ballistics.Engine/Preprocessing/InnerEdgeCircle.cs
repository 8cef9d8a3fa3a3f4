using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// The firing-pin cut-out's circle of a region that does not close round it: a crescent, where another lab's processing
/// or a stretch without data leaves the annulus open. Its inner edge is still an arc of the circle the cut-out was made
/// on, and the case turns about that circle's centre, not about the region's enclosing circle: a turning axis 300 µm
/// off left the centred polar correlation proposing no angle near the true one (Baldwin K013 A2 processed with its mask
/// ignored against A1 raw).
/// </summary>
internal static class InnerEdgeCircle
{
    /// <summary>Angular bins about the region's centre: in each, the outline point nearest the centre is the inner edge's.</summary>
    private const int Bins = 72;

    /// <summary>Inner-edge points lie inside this share of the enclosing radius; the outer edge lies at it.</summary>
    private const double InnerShare = 0.9;

    /// <summary>The arc fitted must span at least this much of the turn to place a centre (a short arc bends too little).</summary>
    private const double MinSpanDeg = 120;

    /// <summary>Points further than this from the circle (points of the grid) are not on the arc.</summary>
    private const double MaxResidual = 2.5;

    /// <summary>
    /// The circle of the region's inner edge (centre and radius in points), or null when its outline holds no arc of
    /// <see cref="MinSpanDeg"/> that a circle fits, with a radius under <see cref="InnerShare"/> of the enclosing one and a
    /// centre within half of it of the enclosing centre.
    /// </summary>
    public static (Point2d Centre, double Radius)? Fit(Mat region, Point2d centre, double radius)
    {
        Cv2.FindContours(region, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxNone);
        var nearest = new (double X, double Y, double Distance)[Bins];
        Array.Fill(nearest, (0, 0, double.PositiveInfinity));
        foreach (var contour in contours)
        {
            foreach (var p in contour)
            {
                var distance = new Point2d(p.X, p.Y).DistanceTo(centre);
                if (distance >= InnerShare * radius)
                {
                    continue;
                }

                var bin = (int)((Math.Atan2(p.Y - centre.Y, p.X - centre.X) + Math.PI) / (2 * Math.PI) * Bins) % Bins;
                if (distance < nearest[bin].Distance)
                {
                    nearest[bin] = (p.X, p.Y, distance);
                }
            }
        }

        var points = nearest.Where(n => double.IsFinite(n.Distance)).Select(n => new Point2d(n.X, n.Y)).ToList();
        (Point2d Centre, double Radius)? circle = null;
        // Fit, drop what lies off the circle, fit again: fragments and the crescent's ends fall away, the arc stays.
        for (var round = 0; round < 4 && points.Count >= 3; round++)
        {
            circle = CircleFit.Fit(points);
            if (circle is not { } c)
            {
                return null;
            }

            var residuals = points.Select(p => Math.Abs(p.DistanceTo(c.Centre) - c.Radius)).ToArray();
            var limit = Math.Max(MaxResidual, 2.5 * residuals.Order().ElementAt(residuals.Length / 2));
            var kept = points.Where((_, i) => residuals[i] <= limit).ToList();
            if (kept.Count == points.Count && limit <= MaxResidual)
            {
                break;
            }

            points = kept;
        }

        if (circle is not { } found || points.Count < 3)
        {
            return null;
        }

        var inliers = points.Where(p => Math.Abs(p.DistanceTo(found.Centre) - found.Radius) <= MaxResidual).ToList();
        return found.Radius >= 3 && found.Radius < InnerShare * radius && found.Centre.DistanceTo(centre) <= 0.5 * radius && SpanDeg(inliers, found.Centre) >= MinSpanDeg
            ? found
            : null;
    }

    /// <summary>The turn the points cover about the centre: 360° less the widest gap between neighbouring angles.</summary>
    private static double SpanDeg(List<Point2d> points, Point2d centre)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var angles = points.Select(p => Math.Atan2(p.Y - centre.Y, p.X - centre.X) * 180 / Math.PI).Order().ToArray();
        var widest = 360 - angles[^1] + angles[0];
        for (var i = 1; i < angles.Length; i++)
        {
            widest = Math.Max(widest, angles[i] - angles[i - 1]);
        }

        return 360 - widest;
    }
}
