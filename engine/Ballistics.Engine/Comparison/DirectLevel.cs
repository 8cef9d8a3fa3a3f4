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
    private (double X, double Y) _sectorAxis = (double.NaN, double.NaN);
    private byte[] _sectorMap = [];

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

    /// <summary>
    /// How well A and B agree at this pose where they agree at all: the point-weighted mean of the masked NCC in the
    /// better half of the sectors about <paramref name="axis"/> (A's points; <see cref="SectorCorrelation"/>). The
    /// right pose under partial contact correlates strongly in some sectors and at chance in the rest, a wrong pose at
    /// chance everywhere, while the whole-overlap NCC dilutes both alike.
    /// </summary>
    public double SectorAgreement(double angleDeg, double x, double y, (double X, double Y) axis)
    {
        _canvas.WarpRegistered(_b, new Registration(angleDeg, -x * _stepUm, -y * _stepUm, 0, 0), _stepUm, 0);
        Span<SectorCorrelation.Sector> sectors = stackalloc SectorCorrelation.Sector[SectorCorrelation.Sectors];
        if (axis != _sectorAxis)
        {
            (_sectorAxis, _sectorMap) = (axis, SectorCorrelation.Map(_a.Width, _a.Height, axis));
        }

        var used = SectorCorrelation.Measure(_a, _canvas, _margin, _sectorMap, sectors);
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
