using Ballistics.Engine.Matching;
using Ballistics.Engine.Rendering;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Tests.Rendering;

/// <summary>A topography rendered as a photograph: what a 3D scan is compared as against photographs.</summary>
[TestFixture]
public sealed class PhotographRenderingTests
{
    private static Surface Scan(int firearm, int fire) => TakenPhotographs.Scan(firearm, fire);

    /// <summary>A ring-lit photograph as a lab's camera takes it (uneven ring, its own exposure and noise), read back from its PNG.</summary>
    private static Surface Photograph(Surface scan) =>
        TakenPhotographs.Taken(scan, new Samples.PhotographOptions { Lighting = ImageLighting.Ring, RingUnevenness = 0.5, AzimuthDeg = 70, ElevationDeg = 30, PixelSizeUm = 5, BitDepth = 16, Noise = 0.003, Exposure = 1.2 }, noiseSeed: 3);

    [Test]
    public void AsPhotograph_Topography_IntensityAtThePixelSizeMarkedAsRendered()
    {
        var scan = Scan(1, 1);

        var photo = PhotographRendering.AsPhotograph(scan, LightingModel.Typical(ImageLighting.Unknown), pixelSizeUm: 2 * scan.LateralStepXUm);

        Assert.That(photo.Kind, Is.EqualTo(SurfaceKind.Intensity2D));
        Assert.That(photo.Width, Is.EqualTo(scan.Width / 2).Within(1));
        Assert.That(photo.LateralStepXUm, Is.EqualTo(2 * scan.LateralStepXUm).Within(1e-9));
        Assert.That(photo.Metadata.Lighting, Is.EqualTo(ImageLighting.Ring), "an unknown light is met with a ring");
        Assert.That(photo.Metadata.RenderedFrom, Does.StartWith(PhotographRendering.AlgorithmVersion));
        Assert.That(photo.Statistics().Max, Is.GreaterThan(photo.Statistics().Min));
    }

    [Test]
    public void AsPhotograph_PhotographGiven_Refused()
    {
        var photo = Photograph(Scan(1, 1));

        Assert.That(() => PhotographRendering.AsPhotograph(photo, LightingModel.Typical(ImageLighting.Ring), 5), Throws.ArgumentException.With.Message.Contains("Only a topography"));
    }

    [Test]
    public void PrepareAsPhotograph_ScanAgainstPhotographOfItsFirearmsNextFiring_CorrelatesMoreThanAnotherFirearms()
    {
        var matcher = new BreechFaceMatcher(Engine.Scoring.ScoreModel.LoadDefault());
        var scan = matcher.PrepareAsPhotograph(Scan(1, 1), ImageLighting.Ring);

        var same = matcher.Compare(scan, matcher.Prepare(Photograph(Scan(1, 2))));
        var other = matcher.Compare(scan, matcher.Prepare(Photograph(Scan(2, 1))));

        Assert.That(scan.Kind, Is.EqualTo(SurfaceKind.Intensity2D));
        Assert.That(scan.Notes, Has.Some.Contains("rendered from the topography"));
        Assert.That(same.Modality, Is.EqualTo(Modalities.TopographyAsPhotograph));
        Assert.That(same.Lighting!.Differs, Is.False);
        Assert.That(same.Features.AlignedCcf, Is.GreaterThan(2 * other.Features.AlignedCcf), $"{same.Features.AlignedCcf} {other.Features.AlignedCcf} {same.Score} {other.Score}");
        Assert.That(same.Score, Is.GreaterThan(other.Score), $"{same.Features.AlignedCcf} {other.Features.AlignedCcf} {same.Score} {other.Score}");
    }
}
