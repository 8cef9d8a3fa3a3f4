using System.Globalization;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// Cuts out the band about a raw scan's firing-pin crater where the firing-pin aperture's edge shears the primer metal
/// that flowed back into it, and where a drag scores the primer as the barrel unlocks: from the crater's core (kept out,
/// widened by <see cref="ApertureShearOptions.CoreGapUm"/>) to <see cref="ApertureShearOptions.ReachUm"/> beyond the
/// aperture zone found. It is read again from the scan as given, its walls removed, levelled, band-passed, each ring's
/// mean about the axis removed and its outline eroded, as the impression is (<see cref="FiringPinExtractor"/>).
/// </summary>
internal static class ApertureShearExtractor
{
    public static ApertureShearRegion Extract(Surface surface, FiringPinAperture aperture, double coarseStepUm, PreprocessOptions options)
    {
        var shear = options.ApertureShear;
        var box = Cv2.BoundingRect(aperture.Mask);
        if (box.Width == 0 || box.Height == 0)
        {
            return ApertureShearRegion.Absent("the firing-pin aperture zone found is empty");
        }

        var (grid, originXUm, originYUm) = FiringPinExtractor.Cut(surface, box, coarseStepUm, shear.ReachUm, shear.StepUm, options.Resample.MinValidFraction);
        using var coarseBand = Band(aperture, coarseStepUm, shear);
        using var band = FiringPinExtractor.Zone(grid, coarseBand, coarseStepUm, originXUm, originYUm, 0);
        var filter = new AboutAxisFilter(shear.StepUm, shear.MaxSlope, options.FiringPin.SlopeBaseUm, shear.ShortCutoffUm, shear.LongCutoffUm, shear.EdgeErosionUm, shear.MinPoints);
        var prepared = FiringPinExtractor.PrepareAboutAxis(surface, grid, band, (originXUm, originYUm), FiringPinExtractor.AxisUm(aperture, coarseStepUm), filter, options);
        return prepared.Surface is { } bandSurface
            ? ApertureShearRegion.Found(new ShearBand(bandSurface, prepared.AxisUm, prepared.Points))
            : ApertureShearRegion.Failed(
                string.Create(CultureInfo.InvariantCulture,
                    $"only {prepared.Points} measured points in the band about the firing-pin crater ({prepared.Walls} wall points removed, steeper than {shear.MaxSlope}); at least {shear.MinPoints} are needed"));
    }

    /// <summary>
    /// The band on the coarse grid the aperture was found on (8-bit, 255 inside): the aperture zone widened by the reach,
    /// without the crater's core and without the strip either side of the zone's outline — the crater's rim or the
    /// flow-back's wall, whose change of slope the band-pass turns into a ring of relief that no turn of the striae
    /// shares. Read from distance transforms on the coarse grid: dilating by a 300 µm disc on the 4 µm grid took 45–110 ms
    /// a scan, distances on the 4 µm grid 5–10 ms, on the coarse grid well under one.
    /// </summary>
    private static Mat Band(FiringPinAperture aperture, double coarseStepUm, ApertureShearOptions shear)
    {
        using var outsideZone = new Mat();
        using var toZone = new Mat();
        using var toOutside = new Mat();
        using var outsideCore = new Mat();
        using var toCore = new Mat();
        Cv2.BitwiseNot(aperture.Mask, outsideZone);
        Cv2.BitwiseNot(aperture.Core, outsideCore);
        // Each point's distance (coarse points) to the nearest point of the zone, to the nearest point outside it, and to the core.
        Cv2.DistanceTransform(outsideZone, toZone, DistanceTypes.L2, DistanceTransformMasks.Precise);
        Cv2.DistanceTransform(aperture.Mask, toOutside, DistanceTypes.L2, DistanceTransformMasks.Precise);
        Cv2.DistanceTransform(outsideCore, toCore, DistanceTypes.L2, DistanceTransformMasks.Precise);
        var reach = shear.ReachUm / coarseStepUm;
        var rim = shear.RimGapUm / coarseStepUm;
        var coreGap = shear.CoreGapUm / coarseStepUm;
        var band = new Mat(aperture.Mask.Rows, aperture.Mask.Cols, MatType.CV_8UC1, Scalar.All(0));
        var b = band.AsSpan<byte>();
        var zone = aperture.Mask.AsSpan<byte>();
        var dZone = toZone.AsSpan<float>();
        var dOutside = toOutside.AsSpan<float>();
        var dCore = toCore.AsSpan<float>();
        for (var i = 0; i < b.Length; i++)
        {
            var kept = zone[i] != 0 ? dOutside[i] > rim : dZone[i] > rim && dZone[i] <= reach;
            if (kept && dCore[i] > coreGap)
            {
                b[i] = 255;
            }
        }

        return band;
    }
}
