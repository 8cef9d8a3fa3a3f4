using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// Exact masked NCC of A against B turned and placed by a trial registration, for shifts within a small
/// radius. B goes onto a canvas one margin larger than A on every side so that every shift reads inside it.
/// </summary>
internal sealed class DirectLevel : IDisposable
{
    private readonly MaskedImage _a;
    private readonly MaskedImage _b;
    private readonly double _stepUm;
    private readonly int _radius;
    private readonly int _margin;
    private readonly int _minOverlap;
    private readonly MaskedImage _canvas;
    private readonly NccMovingBuffers _prefixes = new();

    public DirectLevel(MaskedImage a, MaskedImage b, double stepUm, int radius, double minOverlapFraction)
    {
        _a = a;
        _b = b;
        _stepUm = stepUm;
        _radius = radius;
        _margin = radius + 8;
        _minOverlap = Math.Max(16, (int)(minOverlapFraction * Math.Min(a.ValidCount, b.ValidCount)));
        _canvas = MaskedImage.Create(a.Width + (2 * _margin), a.Height + (2 * _margin));
    }

    /// <summary>Best shift near (<paramref name="x"/>, <paramref name="y"/>) points at this angle; the returned X, Y include it.</summary>
    public (NccPeak Peak, double X, double Y) Search(double angleDeg, double x, double y)
    {
        _canvas.WarpRegistered(_b, new Registration(angleDeg, -x * _stepUm, -y * _stepUm, 0, 0), _stepUm, 0);
        var moving = _prefixes.Load(_canvas);
        var peak = DirectNcc.FindPeak(NccPlanes.Of(_a), new Rect(0, 0, _a.Width, _a.Height), moving, _margin, _margin, _radius, _radius, _minOverlap);
        return (peak, x + peak.X, y + peak.Y);
    }

    /// <summary>Angular sectors about the turning axis in which <see cref="SectorAgreement"/> correlates separately.</summary>
    public const int Sectors = 12;

    /// <summary>
    /// How well A and B agree at this pose where they agree at all: the masked NCC in each of <see cref="Sectors"/>
    /// sectors about <paramref name="axis"/> (A's points), and the point-weighted mean of the better half of the
    /// sectors. Partial contact leaves marks on part of the annulus only: there the right pose correlates strongly in
    /// some sectors and at chance in the rest, a wrong pose at chance everywhere, while the whole-overlap NCC dilutes
    /// both alike.
    /// </summary>
    public double SectorAgreement(double angleDeg, double x, double y, (double X, double Y) axis)
    {
        _canvas.WarpRegistered(_b, new Registration(angleDeg, -x * _stepUm, -y * _stepUm, 0, 0), _stepUm, 0);
        var av = _a.Values.AsSpan<float>();
        var am = _a.Mask.AsSpan<float>();
        var bv = _canvas.Values.AsSpan<float>();
        var bm = _canvas.Mask.AsSpan<float>();
        Span<double> n = stackalloc double[Sectors];
        Span<double> sa = stackalloc double[Sectors];
        Span<double> sb = stackalloc double[Sectors];
        Span<double> saa = stackalloc double[Sectors];
        Span<double> sbb = stackalloc double[Sectors];
        Span<double> sab = stackalloc double[Sectors];
        n.Clear();
        sa.Clear();
        sb.Clear();
        saa.Clear();
        sbb.Clear();
        sab.Clear();
        var canvasWidth = _canvas.Width;
        for (var py = 0; py < _a.Height; py++)
        {
            for (var px = 0; px < _a.Width; px++)
            {
                var i = (py * _a.Width) + px;
                var j = ((py + _margin) * canvasWidth) + px + _margin;
                if (am[i] < 0.5f || bm[j] < 0.5f)
                {
                    continue;
                }

                var sector = (int)((Math.Atan2(py - axis.Y, px - axis.X) + Math.PI) / (2 * Math.PI) * Sectors) % Sectors;
                double a = av[i], b = bv[j];
                n[sector]++;
                sa[sector] += a;
                sb[sector] += b;
                saa[sector] += a * a;
                sbb[sector] += b * b;
                sab[sector] += a * b;
            }
        }

        Span<(double Ncc, double Points)> sectors = stackalloc (double, double)[Sectors];
        var used = 0;
        for (var s = 0; s < Sectors; s++)
        {
            if (n[s] < 16)
            {
                continue;
            }

            var va = saa[s] - (sa[s] * sa[s] / n[s]);
            var vb = sbb[s] - (sb[s] * sb[s] / n[s]);
            if (va > 0 && vb > 0)
            {
                sectors[used++] = ((sab[s] - (sa[s] * sb[s] / n[s])) / Math.Sqrt(va * vb), n[s]);
            }
        }

        if (used == 0)
        {
            return -1;
        }

        var best = sectors[..used];
        best.Sort((p, q) => q.Ncc.CompareTo(p.Ncc));
        double weighted = 0, points = 0;
        foreach (var (ncc, count) in best[..Math.Max(1, used / 2)])
        {
            weighted += ncc * count;
            points += count;
        }

        return weighted / points;
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _prefixes.Dispose();
    }
}
