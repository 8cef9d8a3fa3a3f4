namespace Ballistics.Samples;

/// <summary>
/// The square grid a breech face is synthesised on, centred on the firing-pin axis. It covers the primer with
/// room for the primer sitting off centre, and is finer than any scan so that resampling loses nothing.
/// </summary>
internal readonly record struct GunGrid(int Size, double StepUm)
{
    public static GunGrid Standard { get; } = Covering(2_400, 5.0);

    public int CentreIndex => Size / 2;

    public double RadiusUm => CentreIndex * StepUm;

    public int PointCount => Size * Size;

    /// <summary>Position of an index along either axis, in micrometres from the firing-pin axis.</summary>
    public double ToUm(int index) => (index - CentreIndex) * StepUm;

    public static GunGrid Covering(double radiusUm, double stepUm) => new((2 * (int)Math.Ceiling(radiusUm / stepUm)) + 1, stepUm);
}
