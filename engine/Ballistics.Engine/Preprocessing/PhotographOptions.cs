namespace Ballistics.Engine.Preprocessing;

/// <summary>How a cartridge-case photograph is prepared: where its breech face is and how its lighting is taken out.</summary>
public sealed record PhotographOptions
{
    /// <summary>
    /// A point darker than this share of the photograph's 90th percentile returns no light: outside the case or a cropped breech
    /// face, a deep crater, dirt. It is left out rather than compared.
    /// </summary>
    public double DarkShare { get; init => field = Check.InRange(value, 0.01, 0.9, nameof(DarkShare)); } = 0.25;

    /// <summary>
    /// Wavelengths longer than this are the light's, not the marks': an even light's slow fall-off, vignetting, the
    /// primer's curvature under an oblique lamp. Default 300 µm, half the topography's: shading varies faster than form.
    /// </summary>
    public double LongCutoffUm { get; init => field = Check.Positive(value, nameof(LongCutoffUm)); } = 300;

    /// <summary>Wavelengths shorter than this are smoothed (the camera's noise): as the topography's short cut-off.</summary>
    public double ShortCutoffUm { get; init => field = Check.Positive(value, nameof(ShortCutoffUm)); } = 20;

    /// <summary>
    /// The window (a Gaussian's cut-off) over which the contrast is brought to one: a photograph's contrast follows its
    /// light, exposure and gamma, not the marks; in logarithms gamma is a factor, which this removes too.
    /// </summary>
    public double ContrastWindowUm { get; init => field = Check.Positive(value, nameof(ContrastWindowUm)); } = 300;

    /// <summary>The firing-pin impression looked for inside the primer: radius as a share of the primer's, smallest and largest.</summary>
    public double MinPinShare { get; init => field = Check.InRange(value, 0.05, 0.9, nameof(MinPinShare)); } = 0.12;

    /// <inheritdoc cref="MinPinShare"/>
    public double MaxPinShare { get; init => field = Check.InRange(value, 0.05, 0.9, nameof(MaxPinShare)); } = 0.45;

    /// <summary>
    /// The disc cut out about the firing-pin impression, as a multiple of its radius (at least its radius and the
    /// breech face's firing-pin margin): the flow-back's edge round the crater shows as a ring of shading at about 1.5 radii
    /// (the topography's halo trim reaches 820–920 µm about the generator's 430 µm craters).
    /// </summary>
    public double PinCutShare { get; init => field = Check.InRange(value, 1, 4, nameof(PinCutShare)); } = 1.9;

    /// <summary>When no firing-pin impression is seen (an even light hides its rim), the middle of the primer cut out instead: radius as a share of the primer's.</summary>
    public double AssumedPinShare { get; init => field = Check.InRange(value, 0.05, 0.9, nameof(AssumedPinShare)); } = 0.3;
}
