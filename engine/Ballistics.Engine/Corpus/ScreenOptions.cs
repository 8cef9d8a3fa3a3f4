using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// The stage-2 screen (<see cref="Matching.BreechFaceMatcher.Screen(Preprocessing.PreparedScan, ScreenSamples, ScreenOptions)"/>):
/// which poses of a candidate are tried before the best candidates get the full comparison.
/// </summary>
public sealed record ScreenOptions
{
    public static ScreenOptions Default { get; } = new();

    /// <summary>
    /// Best turns of the centred polar correlation tried. On 40 hard queries 5 held every mate the full comparison
    /// ranked in the top 10; 1 and 3 lost one in forty.
    /// </summary>
    public int Turns { get; init => field = (int)RegistrationOptions.InRange(value, 1, 90, nameof(Turns)); } = 5;

    /// <summary>How far from the pose the firing-pin axes give the shift is searched; 160 µm found no more mates than 80.</summary>
    public double ShiftRadiusUm { get; init => field = RegistrationOptions.Positive(value, nameof(ShiftRadiusUm)); } = 80;
}
