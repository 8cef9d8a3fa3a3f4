using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// How the firing-pin impression of a raw scan is cut out and prepared for comparison (<see cref="FiringPinExtractor"/>).
/// Lengths in micrometres.
/// </summary>
public sealed record FiringPinOptions
{
    /// <summary>
    /// Grid step of the prepared impression. Default 5 µm, finer than the breech face's 10 µm: the pin's tip is a
    /// few hundred µm across and its finishing marks (lathe turns 18–40 µm apart, grain finer still) would average
    /// out on the breech face's grid.
    /// </summary>
    public double StepUm { get; init => field = Check.InRange(value, 1, 20, nameof(StepUm)); } = 5;

    /// <summary>
    /// The aperture zone found in the scan (crater, flow-back, drag) is widened by this much, so the crater's rim and
    /// the flow-back's outer lip, where the hole's edge shears the primer, are kept.
    /// </summary>
    public double MarginUm { get; init => field = Check.NonNegative(value, nameof(MarginUm)); } = 60;

    /// <summary>
    /// Points where the impression's form is steeper than this (height over run) are walls where the crater meets the
    /// flow-back or the breech face: an instrument measures them worst and the band-pass cannot take their form away.
    /// Default 1 (45°): a hemispherical tip presses its marks into a bowl whose sides rise at 20–40° (the generator's
    /// and Baldwin's raw Cadre scans), and those stay.
    /// </summary>
    public double MaxSlope { get; init => field = Check.InRange(value, 0.05, 5, nameof(MaxSlope)); } = 1;

    /// <summary>Cut-off of the Gaussian mean the slope is measured on: long enough that the marks' own slopes (tenths of a µm over tens of µm) do not count.</summary>
    public double SlopeBaseUm { get; init => field = Check.Positive(value, nameof(SlopeBaseUm)); } = 40;

    /// <summary>Wavelengths longer than this are the impression's form (the tip's dome, the flow-back's bulge) and are removed.</summary>
    public double LongCutoffUm { get; init => field = Check.Positive(value, nameof(LongCutoffUm)); } = 40;

    /// <summary>Wavelengths shorter than this are instrument noise. Default twice <see cref="StepUm"/>.</summary>
    public double ShortCutoffUm { get; init => field = Check.Positive(value, nameof(ShortCutoffUm)); } = 10;

    /// <summary>The impression's edges (walls removed, zone outline) are eroded by this much: the filter's edge effects lie there.</summary>
    public double EdgeErosionUm { get; init => field = Check.NonNegative(value, nameof(EdgeErosionUm)); } = 50;

    /// <summary>
    /// Fewer measured points than this on the prepared impression (floor, flow-back, rim) cannot be compared: the
    /// region is reported as failed with the count. Default 2,000 points of 5 µm: 0.05 mm², a disc of about 126 µm radius.
    /// </summary>
    public int MinPoints { get; init => field = (int)Check.InRange(value, 16, 1_000_000, nameof(MinPoints)); } = 2_000;

    /// <summary>
    /// The tip's turning marks (<see cref="TipRings"/>) are measured about the centre within this distance of the
    /// crater's axis where they stand out most: the axis is found on the 20 µm detection grid and misses by a few µm.
    /// </summary>
    public double RingCentreSearchUm { get; init => field = Check.InRange(value, 0, 100, nameof(RingCentreSearchUm)); } = 15;
}
