using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Diagnostics;

/// <summary>How the pictures of a comparison are drawn. None of it changes a score.</summary>
public sealed record DiagnosticsOptions
{
    public static DiagnosticsOptions Default { get; } = new();

    /// <summary>Each panel is enlarged by a whole factor until its longer side reaches this, so that cell outlines and labels stay legible.</summary>
    public int MinPanelSidePx { get; init => field = (int)RegistrationOptions.InRange(value, 64, 4096, nameof(MinPanelSidePx)); } = 560;

    /// <summary>Direction the light comes from, clockwise from the top of the image (315: upper left, the cartographers' convention).</summary>
    public double LightAzimuthDeg { get; init => field = RegistrationOptions.InRange(value, 0, 360, nameof(LightAzimuthDeg)); } = 315;

    public double LightElevationDeg { get; init => field = RegistrationOptions.InRange(value, 5, 90, nameof(LightElevationDeg)); } = 45;

    /// <summary>
    /// The slope a typical point is shown at, in units of rise over run: heights are exaggerated until the median slope of
    /// the pair reaches it. Band-passed breech-face marks rise a micrometre or less over tens, flat to the eye unexaggerated.
    /// </summary>
    public double TypicalSlope { get; init => field = RegistrationOptions.InRange(value, 0.05, 5, nameof(TypicalSlope)); } = 0.6;

    /// <summary>The difference map's colours span ± this quantile of the absolute differences (the rest saturate).</summary>
    public double DifferenceQuantile { get; init => field = RegistrationOptions.InRange(value, 0.5, 1, nameof(DifferenceQuantile)); } = 0.98;
}
