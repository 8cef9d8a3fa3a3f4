using Ballistics.Engine.Matching;
using Ballistics.Engine.Rendering;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;
using Ballistics.Engine.Tests.Rendering;

namespace Ballistics.Engine.Tests.Matching;

/// <summary>
/// A ring photograph's marks show mostly as the slopes along its brighter side, which lies anywhere on the case: a scan
/// compared with it is rendered under a ring turned to several directions, and a photograph's shading is relit from
/// other sides.
/// </summary>
[TestFixture]
public sealed class RelitRenderingTests
{
    private static readonly Lazy<BreechFaceMatcher> Matcher = new(() => new BreechFaceMatcher(ScoreModel.LoadDefault()));

    /// <summary>An uneven ring (a segment brighter) on a mostly diffuse metal: its shading is mostly the slopes along the brighter side.</summary>
    private static readonly Samples.PhotographOptions Uneven = new() { Lighting = ImageLighting.Ring, RingUnevenness = 0.8, ElevationDeg = 30, Diffuse = 0.8, Shininess = 20, PixelSizeUm = 5, BitDepth = 16, Noise = 0.002 };

    [Test]
    public void PrepareAsPhotograph_RingLight_RenderedUnderEveryTurnAndAnEvenRing()
    {
        var scan = Matcher.Value.PrepareAsPhotograph(TakenPhotographs.Scan(1, 1), ImageLighting.Ring);

        var turned = scan.Relit.Prepend(scan).Where(r => !r.RenderedEvenRing).ToList();
        Assert.That(scan.ShadingAsIs, Is.True);
        Assert.That(turned.Select(r => r.RenderedLightAzimuthDeg), Is.EqualTo(LightingModel.TurnsDeg.Cast<double?>()));
        Assert.That(scan.Relit.Where(r => r.RenderedEvenRing).Select(r => r.RenderedLightAzimuthDeg), Is.EqualTo(new double?[] { null }));
    }

    [Test]
    public void PrepareAsPhotograph_SideLight_NoEvenRing()
    {
        var scan = Matcher.Value.PrepareAsPhotograph(TakenPhotographs.Scan(1, 1), ImageLighting.Side);

        Assert.That(scan.Relit.Any(r => r.RenderedEvenRing), Is.False);
        Assert.That(scan.Relit, Has.Count.EqualTo(LightingModel.TurnsDeg.Count - 1));
    }

    /// <summary>A photograph of the scan itself under an even ring on a shiny metal: its shading is the slopes' squares.</summary>
    [Test]
    public void Compare_PhotographUnderAnEvenRing_KeepsTheEvenRenderingOverEveryTurn()
    {
        var matcher = Matcher.Value;
        var scan = matcher.PrepareAsPhotograph(TakenPhotographs.Scan(1, 1), ImageLighting.Ring);
        var turnsOnly = new Engine.Preprocessing.PreparedScan(scan.Surface, scan.Geometry, scan.Options, scan.Notes, scan.RegionPoints, scan.SourceOffset)
        {
            FiringPin = scan.FiringPin, ShadingAsIs = true, RenderedLightAzimuthDeg = scan.RenderedLightAzimuthDeg, Relit = [.. scan.Relit.Where(r => !r.RenderedEvenRing)],
        };
        var photo = matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 1), Uneven with { RingUnevenness = 0, Diffuse = 0.2, AzimuthDeg = 75 }, noiseSeed: 5));

        var even = matcher.Compare(scan, photo);
        var turned = matcher.Compare(turnsOnly, photo);

        var figures = $"with the even ring {even.Features.AlignedCcf:0.000} at {even.Registration.RotationDeg:0.0}°, turns only {turned.Features.AlignedCcf:0.000} at {turned.Registration.RotationDeg:0.0}°";
        TestContext.Out.WriteLine(figures);
        Assert.That(even.Lighting!.RenderedEvenRing, Is.True, figures);
        Assert.That(even.Lighting.RenderedLightAzimuthDeg, Is.Null, figures);
        Assert.That(even.Lighting.Note, Does.Contain("rendered under an even ring"), figures);
        Assert.That(even.Features.AlignedCcf, Is.GreaterThan(turned.Features.AlignedCcf + 0.05), figures);
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

    [Test]
    public void Compare_RingPhotographsLitFromSidesApartOnTheCase_RelitAndFound()
    {
        var matcher = Matcher.Value;
        var a = matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 1), Uneven with { AzimuthDeg = 75 }, noiseSeed: 5));
        var b = matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 2), Uneven with { AzimuthDeg = 165 }, noiseSeed: 6));
        var asRecorded = new Engine.Preprocessing.PreparedScan(b.Surface, b.Geometry, b.Options, b.Notes, b.RegionPoints, b.SourceOffset) { FiringPin = b.FiringPin, ShadingAsIs = true };
        var other = matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(2, 1), Uneven with { AzimuthDeg = 165 }, noiseSeed: 7));

        var relit = matcher.Compare(a, b);
        var plain = matcher.Compare(a, asRecorded);
        var different = matcher.Compare(a, other);

        var figures = $"relit {relit.Features.AlignedCcf:0.000} ({relit.Lighting!.SteeredDeg}°) at {relit.Registration.RotationDeg:0.0}°, as recorded {plain.Features.AlignedCcf:0.000} at {plain.Registration.RotationDeg:0.0}°, other firearm {different.Features.AlignedCcf:0.000}";
        Assert.That(b.Relit.Select(r => r.SteeredDeg), Is.EqualTo(new double?[] { 45, 90, 135 }));
        Assert.That(relit.Lighting.SteeredDeg, Is.Not.Null, figures);
        Assert.That(relit.Lighting.Note, Does.Contain("relit from"), figures);
        Assert.That(relit.Features.AlignedCcf, Is.GreaterThan(plain.Features.AlignedCcf + 0.05), figures);
        Assert.That(relit.Features.AlignedCcf, Is.GreaterThan(different.Features.AlignedCcf + 0.05), figures);
    }

    [Test]
    public void Features_RingPhotographs_SameAsEveryVariantComparedInFullAndTheBestKept()
    {
        // The variants are only registered before one is chosen; choosing among full comparisons must give the same.
        var matcher = Matcher.Value;
        var a = matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 1), Uneven with { AzimuthDeg = 75 }, noiseSeed: 5));
        var b = matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 2), Uneven with { AzimuthDeg = 165 }, noiseSeed: 6));
        var comparer = new Engine.Comparison.SurfaceComparer(matcher.ComparisonOptions);

        var full = b.Variants()
            .SelectMany(v => new[] { v, v.Inverted() })
            .Select(v => comparer.Compare(a.ComparisonView(comparer), v.ComparisonView(comparer)))
            .Where(c => c.Registration.Registered)
            .MaxBy(c => c.Features.AlignedCcf)!;

        Assert.That(matcher.Features(a, b), Is.EqualTo(full.Features));
    }

    private static double PreprocessOptionsDefaultStepUm => Engine.Preprocessing.PreprocessOptions.Default.Resample.TargetStepUm;
}
