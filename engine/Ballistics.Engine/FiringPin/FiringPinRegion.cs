using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.FiringPin;

/// <summary>What a prepared scan holds of its firing-pin impression.</summary>
public enum FiringPinStatus
{
    /// <summary>Found and prepared for comparison.</summary>
    Found,

    /// <summary>Not in the scan: a processed breech-face scan with the pin cut out, or no impression inside the primer.</summary>
    Absent,

    /// <summary>There, but too little of it was measured to compare (the reason says what was found).</summary>
    Failed,
}

/// <summary>
/// The firing-pin region of one prepared scan: found (with its <see cref="Impression"/>), absent, or failed, with the
/// reason for the examiner. The crater's measured <see cref="Outline"/> (shape class) is kept whenever the crater
/// was seen, even when its floor could not be compared.
/// </summary>
public sealed class FiringPinRegion
{
    private FiringPinRegion(FiringPinStatus status, string? reason, FiringPinImpression? impression, CraterOutline? outline, ApertureShearRegion? shear = null)
    {
        Status = status;
        Reason = reason;
        Impression = impression;
        Outline = outline;
        Shear = shear ?? ApertureShearRegion.Absent(status == FiringPinStatus.Absent ? reason ?? "no firing-pin impression" : "not looked for");
    }

    public FiringPinStatus Status { get; }

    /// <summary>Why the region is absent or failed; null when found.</summary>
    public string? Reason { get; }

    /// <summary>The prepared impression; null unless <see cref="FiringPinStatus.Found"/>.</summary>
    public FiringPinImpression? Impression { get; }

    /// <summary>The crater's outline and shape class as measured; null when no crater was seen.</summary>
    public CraterOutline? Outline { get; }

    /// <summary>
    /// The band about the crater where the aperture's edge sheared the primer and a drag scored it (the third witness):
    /// looked for whenever the aperture was found, even when the crater's floor could not be compared.
    /// </summary>
    public ApertureShearRegion Shear { get; }

    /// <summary>This region with its aperture-shear band.</summary>
    public FiringPinRegion WithShear(ApertureShearRegion shear) => new(Status, Reason, Impression, Outline, shear);

    public static FiringPinRegion Absent(string reason) => new(FiringPinStatus.Absent, reason, null, null);

    public static FiringPinRegion Failed(string reason, CraterOutline? outline) => new(FiringPinStatus.Failed, reason, null, outline);

    public static FiringPinRegion Found(FiringPinImpression impression) => new(FiringPinStatus.Found, null, impression, impression.Outline);
}

/// <summary>
/// A firing-pin impression ready for comparison: band-passed heights (µm) of its floor, flow-back and rim — walls
/// too steep to carry marks removed — NaN elsewhere, on the <see cref="FiringPinOptions.StepUm"/> grid, with the
/// pin's axis. Immutable.
/// </summary>
public sealed class FiringPinImpression
{
    internal FiringPinImpression(Surface surface, (double X, double Y) axisUm, CraterOutline? outline, int points)
    {
        Surface = surface;
        AxisUm = axisUm;
        Outline = outline;
        Points = points;
    }

    public Surface Surface { get; }

    /// <summary>The pin's axis (the crater core's centroid) in µm from <see cref="Surface"/>'s centre, x right, y down.</summary>
    public (double X, double Y) AxisUm { get; }

    public CraterOutline? Outline { get; }

    /// <summary>Valid points of <see cref="Surface"/>.</summary>
    public int Points { get; }

    /// <summary>The tip's turning marks about the axis; null when the floor held too few rings.</summary>
    public TipRings? Rings { get; init; }

    private readonly Lock _viewLock = new();
    private FiringPinView? _view;

    /// <summary>The comparison view (masked image, polar image about the axis), built on first use and kept.</summary>
    internal FiringPinView View()
    {
        lock (_viewLock)
        {
            return _view ??= FiringPinView.Of(this);
        }
    }
}
