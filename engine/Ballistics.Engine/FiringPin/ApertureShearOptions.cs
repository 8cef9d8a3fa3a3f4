using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// How the band about a raw scan's firing-pin crater, where the aperture's edge shears the flowed-back primer and a
/// drag scores it, is cut out and prepared for its striae to be compared (<see cref="ApertureShearExtractor"/>).
/// Lengths in micrometres.
/// </summary>
public sealed record ApertureShearOptions
{
    /// <summary>
    /// Grid step of the prepared band. Default 4 µm: shear striae are a few µm to tens of µm wide, and averaging along
    /// them (<see cref="ApertureShearComparer"/>) needs the profile across them finer than the firing pin's 5 µm grid.
    /// </summary>
    public double StepUm { get; init => field = Check.InRange(value, 1, 20, nameof(StepUm)); } = 4;

    /// <summary>
    /// The band reaches this far beyond the aperture zone found (crater, raised flow-back, deep drag). The aperture's
    /// edge lies 1.3–1.6 crater radii from the axis on the pistols of the generator's catalogue and about 1.5 on the
    /// shared raw scans; a crater of 400–600 µm radius puts it within 300 µm of the crater's rim.
    /// </summary>
    public double ReachUm { get; init => field = Check.Positive(value, nameof(ReachUm)); } = 300;

    /// <summary>The crater's core (where the tip, not the aperture, made the marks) is kept out widened by this much.</summary>
    public double CoreGapUm { get; init => field = Check.NonNegative(value, nameof(CoreGapUm)); } = 60;

    /// <summary>
    /// The strip this far either side of the aperture zone's outline is kept out: the crater's rim (or a raised
    /// flow-back's wall) leaves a ring of filtered relief there. On hard generated raw scans (seed 61, the rim 480 µm
    /// from the axis, striae profiles read at the true turn) the profiles' correlation gave an AUC of 0.51 with nothing
    /// kept out, 0.76 from 510 µm, 0.77 from 560 µm and 0.81 from 600 µm.
    /// </summary>
    public double RimGapUm { get; init => field = Check.NonNegative(value, nameof(RimGapUm)); } = 100;

    /// <summary>Wavelengths longer than this are the flow-back's and the rim's form and are removed.</summary>
    public double LongCutoffUm { get; init => field = Check.Positive(value, nameof(LongCutoffUm)); } = 60;

    /// <summary>Wavelengths shorter than this are instrument noise. Default twice <see cref="StepUm"/>.</summary>
    public double ShortCutoffUm { get; init => field = Check.Positive(value, nameof(ShortCutoffUm)); } = 8;

    /// <summary>Points whose form is steeper than this (height over run, on a 40 µm mean) are walls, not striae.</summary>
    public double MaxSlope { get; init => field = Check.InRange(value, 0.05, 5, nameof(MaxSlope)); } = 1;

    /// <summary>The band's outline is eroded by this much: the filter's edge effects lie there.</summary>
    public double EdgeErosionUm { get; init => field = Check.NonNegative(value, nameof(EdgeErosionUm)); } = 20;

    /// <summary>Fewer measured points than this cannot hold striae to compare. Default 4,000 points of 4 µm: 0.064 mm².</summary>
    public int MinPoints { get; init => field = (int)Check.InRange(value, 16, 10_000_000, nameof(MinPoints)); } = 4_000;
}
