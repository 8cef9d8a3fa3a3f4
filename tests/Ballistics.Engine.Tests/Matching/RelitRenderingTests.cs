using Ballistics.Engine.Matching;
using Ballistics.Engine.Rendering;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;
using Ballistics.Engine.Tests.Rendering;

namespace Ballistics.Engine.Tests.Matching;

/// <summary>
/// A scan compared with a photograph is rendered under a ring light turned to several directions: a ring photograph's
/// marks show mostly as the slopes along its brighter side, which lies anywhere on the case.
/// </summary>
[TestFixture]
public sealed class RelitRenderingTests
{
    private static readonly Lazy<BreechFaceMatcher> Matcher = new(() => new BreechFaceMatcher(ScoreModel.LoadDefault()));

    /// <summary>An uneven ring (a segment brighter) on a mostly diffuse metal: its shading is mostly the slopes along the brighter side.</summary>
    private static readonly Samples.PhotographOptions Uneven = new() { Lighting = ImageLighting.Ring, RingUnevenness = 0.8, ElevationDeg = 30, Diffuse = 0.8, Shininess = 20, PixelSizeUm = 5, BitDepth = 16, Noise = 0.002 };

    [Test]
    public void PrepareAsPhotograph_RingLight_RenderedUnderEveryTurn()
    {
        var scan = Matcher.Value.PrepareAsPhotograph(TakenPhotographs.Scan(1, 1), ImageLighting.Ring);

        Assert.That(scan.ShadingAsIs, Is.True);
        Assert.That(scan.Relit.Select(r => r.RenderedLightAzimuthDeg).Prepend(scan.RenderedLightAzimuthDeg), Is.EqualTo(LightingModel.TurnsDeg.Cast<double?>()));
    }

    [Test]
    public void Compare_PhotographLitFromAnotherSide_KeepsTheRenderingTurnedWithIt()
    {
        var matcher = Matcher.Value;
        var scan = matcher.PrepareAsPhotograph(TakenPhotographs.Scan(1, 1), ImageLighting.Ring);
        var unturned = matcher.Prepare(PhotographRendering.AsPhotograph(TakenPhotographs.Scan(1, 1), LightingModel.Typical(ImageLighting.Ring), PreprocessOptionsDefaultStepUm));

        var results = new[] { 75.0, 165.0 }.Select(azimuth =>
        {
            var photo = matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 2), Uneven with { AzimuthDeg = azimuth }, noiseSeed: 5));
            return (Relit: matcher.Compare(scan, photo), Unturned: matcher.Compare(unturned, photo));
        }).ToArray();

        var figures = string.Join("; ", results.Select(r =>
            $"kept {r.Relit.Lighting!.RenderedLightAzimuthDeg}° ccf {r.Relit.Features.AlignedCcf:0.000} at {r.Relit.Registration.RotationDeg:0.0}°, 0° only {r.Unturned.Features.AlignedCcf:0.000} at {r.Unturned.Registration.RotationDeg:0.0}°"));
        var turned = Math.Abs(Math.IEEERemainder(results[1].Relit.Lighting!.RenderedLightAzimuthDeg!.Value - results[0].Relit.Lighting!.RenderedLightAzimuthDeg!.Value, 180));
        Assert.That(turned, Is.EqualTo(90).Within(45), figures);
        Assert.That(results.Min(r => r.Relit.Features.AlignedCcf), Is.GreaterThan(results.Min(r => r.Unturned.Features.AlignedCcf) + 0.1), figures);
        Assert.That(results[0].Relit.Lighting!.Note, Does.Contain("rendered with its light brighter from"));
    }

    private static double PreprocessOptionsDefaultStepUm => Engine.Preprocessing.PreprocessOptions.Default.Resample.TargetStepUm;
}
