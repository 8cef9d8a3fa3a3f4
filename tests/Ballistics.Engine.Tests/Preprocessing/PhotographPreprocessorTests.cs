using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Preprocessing;

/// <summary>Photographs prepared: the breech face found in them, their exposure and gamma taken out, never compared with a topography.</summary>
[TestFixture]
public sealed class PhotographPreprocessorTests
{
    private static readonly CorpusOptions Raw = new() { Firearms = 1, FiresPerFirearm = 1, Seed = 21, Conditions = new ScanConditions { Layout = ScanLayout.Raw } };

    private static SimulatedFiring Firing() => CorpusGenerator.Fire(Raw, CorpusGenerator.FirearmOf(Raw, 1), 1);

    private static Surface Photograph(Surface scan, Samples.PhotographOptions options) => Rendering.TakenPhotographs.Taken(scan, options, noiseSeed: 4);

    private static Samples.PhotographOptions Side => new() { Lighting = ImageLighting.Side, AzimuthDeg = 30, ElevationDeg = 35, PixelSizeUm = 5, BitDepth = 16, Noise = 0.002 };

    [Test]
    public void Prepare_RenderedRawScan_FindsThePrimerEdgeAndCutsThePin()
    {
        var firing = Firing();

        var prepared = Preprocessor.Prepare(Photograph(firing.Surface, Side));

        Assert.That(prepared.Kind, Is.EqualTo(SurfaceKind.Intensity2D));
        Assert.That(prepared.AlgorithmVersion, Is.EqualTo(PhotographPreprocessor.AlgorithmVersion));
        Assert.That(prepared.Geometry.Source, Is.EqualTo(RegionSource.Detected));
        Assert.That(prepared.Geometry.PrimerRadiusUm, Is.EqualTo(firing.PrimerRadiusUm).Within(10).Percent);
        Assert.That(prepared.Geometry.FiringPinRadiusUm, Is.GreaterThan(0));
        Assert.That(prepared.FiringPin.Status, Is.EqualTo(Engine.FiringPin.FiringPinStatus.Absent));
    }

    [TestCase(0.6, 1.0)]
    [TestCase(1.3, 0.7)]
    [TestCase(1.0, 1.5)]
    public void Prepare_ExposureAndGammaChanged_SameSurfacePrepared(double exposure, double gamma)
    {
        var scan = Firing().Surface;
        var reference = Preprocessor.Prepare(Photograph(scan, Side));

        var changed = Preprocessor.Prepare(Photograph(scan, Side with { Exposure = exposure, Gamma = gamma, Vignetting = 0.3 }));

        Assert.That(Correlation(reference, changed), Is.GreaterThan(0.9));
    }

    /// <summary>A band of blown-out highlights across the breech face: its pixels are left out, the rest prepared as before.</summary>
    [Test]
    public void Prepare_BlownOutBand_LeftOutAndTheRestAsBefore()
    {
        var photo = Photograph(Firing().Surface, Side);
        var values = photo.Values.ToArray();
        var (top, bottom) = (photo.Height * 40 / 100, photo.Height * 46 / 100);
        for (var i = top * photo.Width; i < bottom * photo.Width; i++)
        {
            values[i] = 1f;
        }

        var clipped = new Surface(photo.Width, photo.Height, photo.LateralStepXUm, photo.LateralStepYUm, values) { Kind = photo.Kind, Metadata = photo.Metadata };

        var reference = Preprocessor.Prepare(photo);
        var prepared = Preprocessor.Prepare(clipped);

        var lost = reference.Surface.Statistics().ValidPoints - prepared.Surface.Statistics().ValidPoints;
        // The band is 6 % of the photograph's rows; the breech face crosses it at most of its width.
        Assert.That(lost, Is.GreaterThan(0.02 * reference.Surface.Statistics().ValidPoints));
        Assert.That(prepared.Notes, Has.Some.Contains("clipped at full scale (blown-out highlights): left out"));
        Assert.That(Correlation(reference, prepared), Is.GreaterThan(0.9));
    }

    [Test]
    public void Compare_PhotographAgainstTopography_Refused()
    {
        var scan = Firing().Surface;
        var matcher = new BreechFaceMatcher(model: null);

        var photo = matcher.Prepare(Photograph(scan, Side));
        var topography = matcher.Prepare(scan);

        Assert.That(() => matcher.Features(photo, topography), Throws.ArgumentException.With.Message.Contains("photograph (2D) and a topography (3D)"));
    }

    [Test]
    public void Prepare_TopographyGivenAsPhotograph_Refused()
    {
        Assert.That(() => PhotographPreprocessor.Prepare(Firing().Surface), Throws.ArgumentException.With.Message.Contains("2D intensity image"));
    }

    /// <summary>Pearson correlation over the points both hold, each prepared surface laid where it lies on the photograph's grid.</summary>
    private static double Correlation(PreparedScan first, PreparedScan second)
    {
        var (a, b) = (first.Surface, second.Surface);
        var (dx, dy) = (second.SourceOffset.X - first.SourceOffset.X, second.SourceOffset.Y - first.SourceOffset.Y);
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var (bx, by) = (x - dx, y - dy);
                if (bx < 0 || by < 0 || bx >= b.Width || by >= b.Height)
                {
                    continue;
                }

                var va = a[x, y];
                var vb = b[bx, by];
                if (float.IsFinite(va) && float.IsFinite(vb))
                {
                    n++;
                    sa += va;
                    sb += vb;
                    saa += va * va;
                    sbb += vb * vb;
                    sab += va * vb;
                }
            }
        }

        return (sab - (sa * sb / n)) / Math.Sqrt((saa - (sa * sa / n)) * (sbb - (sb * sb / n)));
    }
}
