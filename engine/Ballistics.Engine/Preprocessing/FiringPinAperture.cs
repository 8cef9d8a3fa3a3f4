using OpenCvSharp;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// The firing-pin aperture zone of a raw scan, on the coarse grid it was found on: everything around the firing pin
/// that is not breech face — the crater (deep, or NaN where its walls were too steep to measure), the primer metal
/// that flowed back into the breech face's firing-pin aperture (a raised lip or plateau tens of µm above the breech
/// face: Fadul's NanoFocus and Baldwin's Cadre raw scans both show one), and a drag mark. Its shape is kept as found,
/// so rectangular (Glock-style) and elliptical impressions and drags are cut out as they are, not as a circle.
/// </summary>
internal sealed class FiringPinAperture : IDisposable
{
    private FiringPinAperture(Mat mask, Mat core, bool floorMeasured, Point2d centre, double equivalentRadius, double thresholdUm)
    {
        Mask = mask;
        Core = core;
        FloorMeasured = floorMeasured;
        Centre = centre;
        EquivalentRadius = equivalentRadius;
        ThresholdUm = thresholdUm;
    }

    /// <summary>8-bit mask of the zone on the coarse grid (255 inside, holes filled).</summary>
    public Mat Mask { get; }

    /// <summary>
    /// 8-bit mask of the crater's core on the coarse grid: the zone's measured deeper half, or where the crater was
    /// too deep or steep to measure, the unmeasured hole in it. Its outline is the pin's shape.
    /// </summary>
    public Mat Core { get; }

    /// <summary>
    /// Whether the instrument measured the crater's floor: false when <see cref="Core"/> is the unmeasured hole (Fadul's
    /// raw NanoFocus scans), so that only the rim and the flow-back around it hold heights.
    /// </summary>
    public bool FloorMeasured { get; }

    /// <summary>Centroid of the crater (the deep or unmeasured core), where the case turns about; coarse grid points.</summary>
    public Point2d Centre { get; }

    /// <summary>Radius of the disc of the zone's area, coarse grid points.</summary>
    public double EquivalentRadius { get; }

    /// <summary>How far from the breech face's level (µm) a point had to lie to count as aperture.</summary>
    public double ThresholdUm { get; }

    /// <summary>
    /// The breech face's level is fitted on this ring of the primer (fractions of its radius), inside the primer's
    /// roll-over into the gap. Measured on the shared raw scans with their masks ignored: 0.5–0.75 registered every
    /// raw scan onto its own processed file and the raw Fadul pair at 22.7°; 0.65–0.92 reached into Baldwin's
    /// roll-over (threshold 38–57 µm, K013 A2 raw lost), 0.55–0.8 and 0.6–0.85 lost one or the other.
    /// </summary>
    private const double LevelInner = 0.5;

    private const double LevelOuter = 0.75;

    /// <summary>The zone is looked for inside this fraction of the primer radius; its centroid within <see cref="CentreReach"/>.</summary>
    private const double SearchReach = 0.8;

    private const double CentreReach = 0.4;

    /// <summary>Zones smaller than a disc of this radius are dropouts or dents, not a firing pin.</summary>
    private const double MinRadiusUm = 100;

    public void Dispose()
    {
        Mask.Dispose();
        Core.Dispose();
    }

    /// <summary>
    /// Levels on the primer's breech-face ring only (a quadratic, robustly), then takes the connected zone about the
    /// primer centre whose heights leave that level by more than a threshold — the larger of
    /// <see cref="BreechFaceRegionOptions.ApertureMinDeviationUm"/> and <see cref="BreechFaceRegionOptions.ApertureDeviationSigmas"/>
    /// times the ring's robust spread — or were not measured at all. Null when there is none.
    /// </summary>
    public static FiringPinAperture? Find(HeightGrid coarse, Point2d primerCentre, double primerRadius, BreechFaceRegionOptions options)
    {
        var ring = (float[])coarse.Values.Clone();
        var inner2 = Square(LevelInner * primerRadius);
        var outer2 = Square(LevelOuter * primerRadius);
        for (var y = 0; y < coarse.Height; y++)
        {
            for (var x = 0; x < coarse.Width; x++)
            {
                var r2 = Square(x - primerCentre.X) + Square(y - primerCentre.Y);
                if (r2 < inner2 || r2 > outer2)
                {
                    ring[(y * coarse.Width) + x] = float.NaN;
                }
            }
        }

        var ringGrid = new HeightGrid(ring, coarse.Width, coarse.Height, coarse.StepUm);
        if (ringGrid.CountValid() < 50)
        {
            return null;
        }

        var level = RobustLeveller.Fit(ringGrid, new LevellingOptions { Order = 2, Iterations = 4 });
        var threshold = Math.Max(options.ApertureMinDeviationUm, options.ApertureDeviationSigmas * (double.IsFinite(level.RobustSigmaUm) ? level.RobustSigmaUm : 0));
        var reach2 = Square(SearchReach * primerRadius);
        using var off = new Mat(coarse.Height, coarse.Width, MatType.CV_8UC1, Scalar.All(0));
        var deviation = new float[coarse.Values.Length];
        var o = off.AsSpan<byte>();
        for (var y = 0; y < coarse.Height; y++)
        {
            var row = coarse.Row(y);
            for (var x = 0; x < row.Length; x++)
            {
                if (Square(x - primerCentre.X) + Square(y - primerCentre.Y) > reach2)
                {
                    continue;
                }

                var i = (y * coarse.Width) + x;
                var d = float.IsFinite(row[x]) ? (float)(row[x] - level.At(x, y)) : float.NaN;
                deviation[i] = d;
                if (float.IsNaN(d) || Math.Abs(d) > threshold)
                {
                    o[i] = 255;
                }
            }
        }

        // An opening drops lone dropouts and speckle beside the zone; a closing then seals the zone's own cracks.
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3)))
        {
            Cv2.MorphologyEx(off, off, MorphTypes.Open, kernel);
            Cv2.MorphologyEx(off, off, MorphTypes.Close, kernel);
        }

        var zone = LargestCentralZone(off, primerCentre, primerRadius, MinRadiusUm / coarse.StepUm);
        if (zone is null)
        {
            return null;
        }

        // The crater's core centres the pin: its measured deeper half (a drag, a lopsided lip or walls lost on one
        // side stretch the zone but hardly that); where the crater was too deep or steep to measure at all (Fadul's
        // raw scans), the unmeasured hole in it.
        var z = zone.AsSpan<byte>();
        var deepest = 0f;
        for (var i = 0; i < z.Length; i++)
        {
            if (z[i] != 0 && deviation[i] < deepest)
            {
                deepest = deviation[i];
            }
        }

        var coreLevel = Math.Min(-threshold, 0.5 * deepest);
        var area = (double)Cv2.CountNonZero(zone);
        var core = new Mat(coarse.Height, coarse.Width, MatType.CV_8UC1, Scalar.All(0));
        var c = core.AsSpan<byte>();
        var minCore = Math.PI * Square(MinRadiusUm / 2 / coarse.StepUm);
        var (coreX, coreY, n) = CoreCentroid(z, deviation, coreLevel, coarse.Width, withUnmeasured: false, c);
        var floorMeasured = n >= minCore;
        if (!floorMeasured)
        {
            c.Clear();
            (coreX, coreY, n) = CoreCentroid(z, deviation, coreLevel, coarse.Width, withUnmeasured: true, c);
        }

        Point2d centre;
        if (n >= 8)
        {
            centre = new Point2d(coreX, coreY);
        }
        else
        {
            var moments = Cv2.Moments(zone, binaryImage: true);
            centre = new Point2d(moments.M10 / moments.M00, moments.M01 / moments.M00);
        }

        return new FiringPinAperture(zone, core, floorMeasured, centre, Math.Sqrt(area / Math.PI), threshold);
    }

    /// <summary>The largest outer contour of <paramref name="off"/> whose centroid lies near the primer centre, filled (its holes included); null when none is large enough.</summary>
    private static Mat? LargestCentralZone(Mat off, Point2d primerCentre, double primerRadius, double minRadius)
    {
        Cv2.FindContours(off, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxNone);
        var best = -1;
        var bestArea = Math.PI * minRadius * minRadius;
        for (var i = 0; i < contours.Length; i++)
        {
            var moments = Cv2.Moments(contours[i]);
            if (moments.M00 <= bestArea)
            {
                continue;
            }

            var cx = moments.M10 / moments.M00;
            var cy = moments.M01 / moments.M00;
            if (Square(cx - primerCentre.X) + Square(cy - primerCentre.Y) > Square(CentreReach * primerRadius))
            {
                continue;
            }

            bestArea = moments.M00;
            best = i;
        }

        if (best < 0)
        {
            return null;
        }

        var zone = new Mat(off.Rows, off.Cols, MatType.CV_8UC1, Scalar.All(0));
        Cv2.DrawContours(zone, contours, best, Scalar.All(255), -1);
        return zone;
    }

    private static double Square(double v) => v * v;

    /// <summary>The centroid and size of the zone's core — points deeper than <paramref name="coreLevel"/>, and unmeasured ones when asked — marked in <paramref name="core"/>.</summary>
    private static (double X, double Y, double Count) CoreCentroid(ReadOnlySpan<byte> zone, float[] deviation, double coreLevel, int width, bool withUnmeasured, Span<byte> core)
    {
        double sx = 0, sy = 0, n = 0;
        for (var i = 0; i < zone.Length; i++)
        {
            if (zone[i] != 0 && (deviation[i] < coreLevel || (withUnmeasured && float.IsNaN(deviation[i]))))
            {
                sx += i % width;
                sy += i / width;
                n++;
                core[i] = 255;
            }
        }

        return n > 0 ? (sx / n, sy / n, n) : (0, 0, 0);
    }
}
