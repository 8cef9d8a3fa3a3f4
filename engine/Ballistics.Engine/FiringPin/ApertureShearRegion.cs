using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// The band about one prepared scan's firing-pin crater where the aperture's edge sheared the flowed-back primer and a
/// drag scored it: found (with its <see cref="Band"/>), absent, or failed with the reason. Its statuses mean what the
/// firing pin's do (<see cref="FiringPinStatus"/>).
/// </summary>
public sealed class ApertureShearRegion
{
    private ApertureShearRegion(FiringPinStatus status, string? reason, ShearBand? band)
    {
        Status = status;
        Reason = reason;
        Band = band;
    }

    public FiringPinStatus Status { get; }

    /// <summary>Why the band is absent or failed; null when found.</summary>
    public string? Reason { get; }

    /// <summary>The prepared band; null unless <see cref="FiringPinStatus.Found"/>.</summary>
    public ShearBand? Band { get; }

    public static ApertureShearRegion Absent(string reason) => new(FiringPinStatus.Absent, reason, null);

    public static ApertureShearRegion Failed(string reason) => new(FiringPinStatus.Failed, reason, null);

    public static ApertureShearRegion Found(ShearBand band) => new(FiringPinStatus.Found, null, band);
}

/// <summary>
/// The band ready for comparison: band-passed heights (µm) about the crater, its core and walls removed, NaN
/// elsewhere, on the <see cref="ApertureShearOptions.StepUm"/> grid, with the pin's axis. Immutable.
/// </summary>
public sealed class ShearBand
{
    internal ShearBand(Surface surface, (double X, double Y) axisUm, int points)
    {
        Surface = surface;
        AxisUm = axisUm;
        Points = points;
    }

    public Surface Surface { get; }

    /// <summary>The pin's axis (as the firing pin's impression has it) in µm from <see cref="Surface"/>'s centre, x right, y down.</summary>
    public (double X, double Y) AxisUm { get; }

    /// <summary>Valid points of <see cref="Surface"/>.</summary>
    public int Points { get; }

    private readonly Lock _viewLock = new();
    private ShearBandView? _view;

    /// <summary>The comparison view (points about the axis, direction histogram), built on first use and kept.</summary>
    internal ShearBandView View()
    {
        lock (_viewLock)
        {
            return _view ??= ShearBandView.Of(this);
        }
    }
}
