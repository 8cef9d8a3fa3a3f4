using System.Diagnostics;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// The masked correlation of two aligned images in angular sectors about the turning axis. Partial contact leaves
/// marks on part of the annulus only: there two scans of one firearm correlate strongly in some sectors and at chance
/// in the rest, while the correlation of the whole overlap dilutes the first with the second. Used to choose between
/// trial poses (<see cref="DirectLevel.SectorAgreement"/>) and to score the agreeing part of the overlap
/// (<see cref="ComparisonFeatures.AgreeingSectorsZ"/>).
/// </summary>
internal static class SectorCorrelation
{
    /// <summary>Angular sectors about the turning axis.</summary>
    public const int Sectors = 12;

    /// <summary>Sectors with fewer common points than this are left out.</summary>
    private const int MinPoints = 16;

    /// <summary>One sector's correlation and the common points it was taken over.</summary>
    public readonly record struct Sector(double Ncc, double Points);

    /// <summary>
    /// The sector of every point of a <paramref name="width"/>×<paramref name="height"/> grid about
    /// <paramref name="axis"/>, row-major: worked out once per scan, since the angle of each point costs more than
    /// its share of the correlation.
    /// </summary>
    public static byte[] Map(int width, int height, (double X, double Y) axis)
    {
        var map = new byte[width * height];
        var perRadian = Sectors / (2 * Math.PI);
        for (var py = 0; py < height; py++)
        {
            var dy = py - axis.Y;
            var row = map.AsSpan(py * width, width);
            for (var px = 0; px < width; px++)
            {
                row[px] = (byte)((int)((Math.Atan2(dy, px - axis.X) + Math.PI) * perRadian) % Sectors);
            }
        }

        return map;
    }

    /// <summary>
    /// Correlates <paramref name="a"/> with <paramref name="b"/> sector by sector (<paramref name="sectorOf"/>: A's
    /// points' sectors, <see cref="Map"/>). B's point for A's (x, y) is at (x + <paramref name="bOffset"/>,
    /// y + <paramref name="bOffset"/>), so that B may lie on a larger canvas. Writes the sectors with enough common
    /// points and of non-zero variance into <paramref name="sectors"/> (at least <see cref="Sectors"/> long) and
    /// returns how many.
    /// </summary>
    public static int Measure(MaskedImage a, MaskedImage b, int bOffset, ReadOnlySpan<byte> sectorOf, Span<Sector> sectors)
    {
        Debug.Assert(sectors.Length >= Sectors);
        Debug.Assert(sectorOf.Length == a.Width * a.Height);
        Debug.Assert(b.Width >= a.Width + bOffset && b.Height >= a.Height + bOffset);
        var av = a.Values.AsSpan<float>();
        var am = a.Mask.AsSpan<float>();
        var bv = b.Values.AsSpan<float>();
        var bm = b.Mask.AsSpan<float>();
        Span<Sums> sums = stackalloc Sums[Sectors];
        sums.Clear();
        for (var py = 0; py < a.Height; py++)
        {
            var rowA = py * a.Width;
            var rowB = ((py + bOffset) * b.Width) + bOffset;
            for (var px = 0; px < a.Width; px++)
            {
                var i = rowA + px;
                var j = rowB + px;
                if (am[i] >= 0.5f && bm[j] >= 0.5f)
                {
                    sums[sectorOf[i]].Add(av[i], bv[j]);
                }
            }
        }

        var used = 0;
        foreach (ref readonly var s in sums)
        {
            if (s.N >= MinPoints && s.Ncc() is { } ncc)
            {
                sectors[used++] = new Sector(ncc, s.N);
            }
        }

        return used;
    }

    /// <summary>Running sums of one sector.</summary>
    private struct Sums
    {
        public double N;
        private double _a;
        private double _b;
        private double _aa;
        private double _bb;
        private double _ab;

        public void Add(double a, double b)
        {
            N++;
            _a += a;
            _b += b;
            _aa += a * a;
            _bb += b * b;
            _ab += a * b;
        }

        public readonly double? Ncc()
        {
            var va = _aa - (_a * _a / N);
            var vb = _bb - (_b * _b / N);
            return va > 0 && vb > 0 ? (_ab - (_a * _b / N)) / Math.Sqrt(va * vb) : null;
        }
    }
}
