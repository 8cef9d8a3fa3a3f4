using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;
using Ballistics.Engine.Tests.Rendering;

namespace Ballistics.Engine.Tests.Matching;

/// <summary>Two ring-lit photographs of one case may be each other's negative: both signs are compared, and the result says which agreed.</summary>
[TestFixture]
public sealed class ShadingPolarityTests
{
    private static readonly Lazy<BreechFaceMatcher> Matcher = new(() => new BreechFaceMatcher(ScoreModel.LoadDefault()));

    /// <summary>Bright field: a diffuse metal lit from high up, darker where it slopes.</summary>
    private static readonly Samples.PhotographOptions Diffuse = new() { Lighting = ImageLighting.Ring, RingUnevenness = 0.05, ElevationDeg = 60, Diffuse = 1, PixelSizeUm = 5, BitDepth = 16, Noise = 0.002 };

    /// <summary>Dark field: a shiny metal lit from low down, brighter where it slopes towards its mirror lobe.</summary>
    private static readonly Samples.PhotographOptions Shiny = Diffuse with { ElevationDeg = 15, Diffuse = 0.05, Shininess = 10 };

    private static Surface Photograph(Surface scan, Samples.PhotographOptions options) => TakenPhotographs.Taken(scan, options, noiseSeed: 3);

    [Test]
    public void Compare_RingPhotographsInBrightAndDarkField_ComparedInvertedAndFound()
    {
        var matcher = Matcher.Value;
        var a = matcher.Prepare(Photograph(TakenPhotographs.Scan(1, 1), Shiny));

        var alike = matcher.Compare(a, matcher.Prepare(Photograph(TakenPhotographs.Scan(1, 2), Shiny)));
        var opposite = matcher.Compare(a, matcher.Prepare(Photograph(TakenPhotographs.Scan(1, 2), Diffuse)));
        var other = matcher.Compare(a, matcher.Prepare(Photograph(TakenPhotographs.Scan(2, 1), Diffuse)));

        var figures = $"alike {alike.Features.AlignedCcf:0.000} at {alike.Registration.RotationDeg:0.0}°, opposite {opposite.Features.AlignedCcf:0.000} at {opposite.Registration.RotationDeg:0.0}°, other {other.Features.AlignedCcf:0.000}";
        Assert.That(a.ShadingAsIs, Is.True, "a ring's shading is compared as recorded");
        Assert.That(alike.Lighting!.ShadingInverted, Is.False, figures);
        Assert.That(opposite.Lighting!.ShadingInverted, Is.True, figures);
        Assert.That(opposite.Lighting.Note, Does.Contain("inverted"));
        Assert.That(opposite.Registration.RotationDeg, Is.EqualTo(alike.Registration.RotationDeg).Within(3), figures);
        Assert.That(opposite.Features.AlignedCcf, Is.GreaterThan(2 * other.Features.AlignedCcf), figures);
    }

    [Test]
    public void Screen_RingPhotographsInBrightAndDarkField_MateScreenedAboveAnotherFirearm()
    {
        var matcher = Matcher.Value;
        var a = matcher.Prepare(Photograph(TakenPhotographs.Scan(1, 1), Shiny));

        var opposite = matcher.Screen(a, matcher.Prepare(Photograph(TakenPhotographs.Scan(1, 2), Diffuse)), ScreenOptions.Default);
        var other = matcher.Screen(a, matcher.Prepare(Photograph(TakenPhotographs.Scan(2, 1), Diffuse)), ScreenOptions.Default);

        Assert.That(opposite, Is.Not.Null);
        Assert.That(opposite!.Value, Is.GreaterThan((other ?? -1) + 0.02), $"mate {opposite} other {other}");
    }

    [Test]
    public void Compare_Topographies_NeverInverted()
    {
        var matcher = Matcher.Value;
        var a = matcher.Prepare(TakenPhotographs.Scan(1, 1));

        var result = matcher.Compare(a, matcher.Prepare(TakenPhotographs.Scan(2, 1)));

        Assert.That(a.ShadingAsIs, Is.False, "heights have a sign of their own");
        Assert.That(result.Lighting, Is.Null);
    }
}
