namespace Ballistics.Ingest.Tables;

/// <summary>
/// A sector of the primer that barely touched the breech face: its centre and half width in degrees about the primer,
/// in a frame every firing of one firearm shares (a generator's ground truth).
/// </summary>
public readonly record struct WeakContactSector(double CentreDeg, double HalfWidthDeg)
{
    private const int Steps = 720;

    /// <summary>
    /// The share of the turn in contact on both firings: outside both weak sectors (null: full contact). Two firings of
    /// one firearm can only agree where both touched the breech face.
    /// </summary>
    public static double SharedContact(WeakContactSector? a, WeakContactSector? b)
    {
        var both = 0;
        for (var i = 0; i < Steps; i++)
        {
            var angleDeg = (i + 0.5) * 360.0 / Steps;
            both += Touches(a, angleDeg) && Touches(b, angleDeg) ? 1 : 0;
        }

        return (double)both / Steps;
    }

    private static bool Touches(WeakContactSector? sector, double angleDeg)
    {
        if (sector is not { } s)
        {
            return true;
        }

        var offset = Math.Abs(Math.IEEERemainder(angleDeg - s.CentreDeg, 360));
        return offset > s.HalfWidthDeg;
    }
}
