using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Diagnostics;

/// <summary>
/// What an examiner looks at beside a comparison's numbers: both breech faces as shaded relief, the second turned and moved
/// onto the first as the registration found, the two overlaid, the cells and where they matched, and the height difference.
/// </summary>
/// <param name="Images">PNG pictures in the order a reviewer reads them (<see cref="ImageNames"/>).</param>
/// <param name="Cells">Every cell of both directions: where it lies, where it matched, and how well.</param>
/// <param name="ExaggerationFactor">How much the heights were exaggerated for the relief (the same for both scans).</param>
/// <param name="DifferenceRangeUm">The difference map's colours run from minus to plus this many µm.</param>
/// <param name="Options">How they were drawn.</param>
/// <param name="AlgorithmVersion">The drawing's version and that of the comparison it shows.</param>
public sealed record ComparisonDiagnostics(
    IReadOnlyList<DiagnosticImage> Images,
    IReadOnlyList<DiagnosticCell> Cells,
    double ExaggerationFactor,
    double DifferenceRangeUm,
    DiagnosticsOptions Options,
    string AlgorithmVersion)
{
    /// <summary>1.1: a pair measured in a common band (<see cref="ComparisonResult.CommonBandLongCutoffUm"/>) is drawn in it.</summary>
    public const string Version = "diagnostics/1.1";

    /// <summary>The names of <see cref="Images"/>, in order; each is also a file name stem.</summary>
    public static IReadOnlyList<string> ImageNames { get; } = ["reference", "target", "aligned", "overlay", "cells", "difference"];

    /// <summary>Name of the picture of the two firing-pin impressions aligned, drawn when the comparison compared them.</summary>
    public static IReadOnlyList<string> FiringPinImageNames { get; } = ["firing-pin"];

    /// <summary>Names of the pictures of the region compared over each scan as given, drawn when the scans as given are passed to <see cref="Of"/>.</summary>
    public static IReadOnlyList<string> RegionImageNames { get; } = ["region-a", "region-b"];

    /// <summary>The pictures of <paramref name="result"/>, which must be the comparison of <paramref name="a"/> with <paramref name="b"/>, in that order.</summary>
    /// <param name="a">The reference as prepared.</param>
    /// <param name="b">The target as prepared.</param>
    /// <param name="result">Their comparison.</param>
    /// <param name="options">How to draw; the defaults when null.</param>
    /// <param name="sources">
    /// The two scans as given (before preprocessing), when the caller has them: each then gets a picture of itself with
    /// the region compared outlined (<see cref="RegionImageNames"/>). Not used when a topography was compared as a
    /// photograph (<see cref="Modalities.TopographyAsPhotograph"/>): its heights are not what was compared.
    /// </param>
    public static ComparisonDiagnostics Of(PreparedScan a, PreparedScan b, ComparisonResult result, DiagnosticsOptions? options = null, (Surface A, Surface B)? sources = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(result);
        if (Math.Abs(a.Surface.LateralStepXUm - b.Surface.LateralStepXUm) > 1e-6 * a.Surface.LateralStepXUm)
        {
            throw new ArgumentException($"Prepared scans must share one step; got {a.Surface.LateralStepXUm} µm and {b.Surface.LateralStepXUm} µm.", nameof(b));
        }

        var cells = result.Options.Cmc.GridCells * result.Options.Cmc.GridCells;
        if (result.Forward.Cells.Count != cells || result.Backward.Cells.Count != cells)
        {
            throw new ArgumentException($"The result has {result.Forward.Cells.Count} and {result.Backward.Cells.Count} cells where its options say {cells}: not a comparison these options made.", nameof(result));
        }

        options ??= DiagnosticsOptions.Default;
        // A pair measured in the band both hold (a raw scan against one another pipeline filtered) is drawn in that band:
        // the cells' correlations and the difference were measured there.
        var (surfaceA, surfaceB) = result.CommonBandLongCutoffUm is { } cutoffUm ? (a.Narrowed(cutoffUm).Surface, b.Narrowed(cutoffUm).Surface) : (a.Surface, b.Surface);
        var drawn = DiagnosticsRenderer.Render(surfaceA, surfaceB, result, options);
        if (result.FiringPin.Status == RegionComparisonStatus.Compared && a.FiringPin.Impression is { } pinA && b.FiringPin.Impression is { } pinB)
        {
            drawn = drawn with { Images = [.. drawn.Images, DiagnosticsRenderer.FiringPin(pinA, pinB, result.FiringPin, options)] };
        }

        // A topography compared as a photograph is drawn as compared, not over the heights it was rendered from.
        if (sources is not { } given || result.Modality == Modalities.TopographyAsPhotograph)
        {
            return drawn;
        }

        return drawn with
        {
            Images =
            [
                .. drawn.Images,
                RegionPicture.Render(RegionImageNames[0], "Region compared on A as given", given.A, a, options),
                RegionPicture.Render(RegionImageNames[1], "Region compared on B as given", given.B, b, options),
            ],
        };
    }

    public DiagnosticImage? Image(string name) => Images.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));
}

/// <summary>One picture of a comparison, encoded as PNG, with what it shows.</summary>
public sealed record DiagnosticImage(string Name, string Title, string Description, int WidthPx, int HeightPx, byte[] Png);

/// <summary>
/// One cell of one direction ("forward": the reference's cells searched in the target; "backward": the other way), its centre
/// in its own scan and the centre of its best match in the other, both in µm from that scan's centre (x right, y down).
/// Cells with too little data have no match (<see cref="Found"/> false, match and correlation NaN).
/// </summary>
public readonly record struct DiagnosticCell(
    string Direction, int Row, int Column, bool Found, bool Congruent, double Ccf, double RotationDeg,
    double CentreXUm, double CentreYUm, double MatchXUm, double MatchYUm);
