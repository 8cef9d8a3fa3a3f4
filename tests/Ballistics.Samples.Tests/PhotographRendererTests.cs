using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Tables;
using Ballistics.Testing;
using OpenCvSharp;

namespace Ballistics.Samples.Tests;

/// <summary>Photographs rendered from scans: the light's direction shows, the camera's settings hold, the same seed gives the same bytes.</summary>
[TestFixture]
public sealed class PhotographRendererTests
{
    /// <summary>Two facets: the left half tilted towards +x, the right half towards −x (heights in µm, 5 µm steps).</summary>
    private static Surface Roof()
    {
        const int W = 80, H = 40;
        var values = new float[W * H];
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                values[(y * W) + x] = x < W / 2 ? -0.5f * x : -0.5f * (W - x);
            }
        }

        return new Surface(W, H, 5, 5, values);
    }

    private static PhotographOptions Plain(ImageLighting lighting, double azimuthDeg) => new()
    {
        Lighting = lighting, AzimuthDeg = azimuthDeg, ElevationDeg = 30, PixelSizeUm = 5, BlurPx = 0, Noise = 0, Vignetting = 0, Gamma = 1, Exposure = 1,
        RingUnevenness = 0, Diffuse = 1, BitDepth = 16,
    };

    private static double MeanOf(Mat image, int x0, int x1)
    {
        using var part = new Mat(image, new Rect(x0, 5, x1 - x0, image.Rows - 10));
        return Cv2.Mean(part).Val0;
    }

    [Test]
    public void Render_SideLight_FacetTurnedToTheLampIsBrighter()
    {
        // A lamp towards −x lights the facet whose normal leans to −x: the right half (heights rising to the right).
        using var photo = PhotographRenderer.Render(Roof(), Plain(ImageLighting.Side, 180), noiseSeed: 1);

        Assert.That(MeanOf(photo, 45, 75), Is.GreaterThan(1.2 * MeanOf(photo, 5, 35)));
    }

    [Test]
    public void Render_EvenRingLight_BothFacetsAlike()
    {
        using var photo = PhotographRenderer.Render(Roof(), Plain(ImageLighting.Ring, 0), noiseSeed: 1);

        Assert.That(MeanOf(photo, 45, 75), Is.EqualTo(MeanOf(photo, 5, 35)).Within(1).Percent);
    }

    [Test]
    public void Render_PixelSizeAndDepth_AsAsked()
    {
        using var photo = PhotographRenderer.Render(Roof(), Plain(ImageLighting.Ring, 0) with { PixelSizeUm = 8, BitDepth = 8 }, noiseSeed: 1);

        Assert.That((photo.Cols, photo.Rows), Is.EqualTo((50, 25)), "80 × 40 points of 5 µm at 8 µm");
        Assert.That(photo.Type(), Is.EqualTo(MatType.CV_8UC1));
    }

    [Test]
    public void Render_LargeUnmeasuredArea_IsDarkAndASpeckIsFilled()
    {
        var values = Roof().Values.ToArray();
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 45; x++)
            {
                values[(y * 80) + x] = float.NaN; // 1,800 points of 25 µm²: more than 40,000 µm², no dropout
            }
        }

        values[(20 * 80) + 60] = float.NaN;

        using var photo = PhotographRenderer.Render(new Surface(80, 40, 5, 5, values), Plain(ImageLighting.Side, 180), noiseSeed: 1);

        Assert.That(MeanOf(photo, 5, 35), Is.LessThan(0.05 * ushort.MaxValue), "unmeasured: dark");
        Assert.That(photo.At<ushort>(20, 60), Is.GreaterThan((ushort)(0.2 * ushort.MaxValue)), "a one-point dropout is filled and lit");
    }

    [Test]
    public void Render_MostlyUnmeasuredAndDefocused_SurfaceExposedNotBlownOut()
    {
        // A cropped breech face: dark over most of the photograph. Resampled to 5.3 µm and defocused by 1.153 px, the black
        // level rounds a little up in places; the exposure must still be set on the surface, not on the dark.
        var values = Roof().Values.ToArray();
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 56; x++)
            {
                values[(y * 80) + x] = float.NaN;
            }
        }

        using var photo = PhotographRenderer.Render(new Surface(80, 40, 5, 5, values), Plain(ImageLighting.Ring, 0) with { BlurPx = 1.153, PixelSizeUm = 5.3 }, noiseSeed: 1);
        Assert.That(photo.Cols, Is.EqualTo(75), "400 µm at 5.3 µm: the scan's 280 unmeasured µm are columns 0–52");

        Assert.That(MeanOf(photo, 56, 74), Is.EqualTo(0.45 * ushort.MaxValue).Within(10).Percent, "the surface's median at mid-grey");
        Assert.That(MeanOf(photo, 5, 45), Is.LessThan(0.05 * ushort.MaxValue), "unmeasured: dark");
    }

    [Test]
    public void Render_SameScanAndSeed_SameSetTwice()
    {
        using var dir = new TempDirectory();
        CorpusGenerator.Generate(new CorpusOptions { Firearms = 2, FiresPerFirearm = 2, Seed = 5 }, dir.File("scans"));
        var first = PhotographSet.Render(dir.File("scans/manifest.csv"), dir.File("one"), PhotographLighting.Mixed, PhotographFormat.Mixed, seed: 3);
        var again = PhotographSet.Render(dir.File("scans/manifest.csv"), dir.File("two"), PhotographLighting.Mixed, PhotographFormat.Mixed, seed: 3);

        Assert.That(first.Written, Is.EqualTo(4));
        Assert.That(first.Errors, Is.Empty);
        var manifest = ScanManifest.Read(first.ManifestPath).Value;
        Assert.That(manifest.Entries.Select(e => e.FirearmId), Is.EqualTo(new[] { "F0001", "F0001", "F0002", "F0002" }));
        Assert.Multiple(() =>
        {
            foreach (var entry in manifest.Entries)
            {
                Assert.That(entry.File, Does.StartWith("photos/").And.EndWith(".png").Or.EndWith(".tif"));
                Assert.That(entry.Fields["lighting"], Is.EqualTo("ring").Or.EqualTo("side"));
                Assert.That(File.ReadAllBytes(entry.FullPath), Is.EqualTo(File.ReadAllBytes(dir.File("two/" + entry.File))), entry.File);
            }
        });
        Assert.That(File.ReadAllLines(dir.File("one/ground_truth.csv")), Has.Length.EqualTo(5), "the scans' ground truth, for the photographs");
        Assert.That(again.Written, Is.EqualTo(4));
    }

    [Test]
    public void Photograph_ReadsBackAtItsPixelSizeAndLighting()
    {
        var (photo, options) = PhotographSet.Photograph(Roof(), seed: 9, index: 0, PhotographLighting.Side);

        Assert.That(photo.Kind, Is.EqualTo(SurfaceKind.Intensity2D));
        Assert.That(photo.LateralStepXUm, Is.EqualTo(options.PixelSizeUm).Within(0.001 * options.PixelSizeUm));
        Assert.That(photo.Metadata.Lighting, Is.EqualTo(ImageLighting.Side));
    }

    /// <summary>A sensor's well holds so much: a saturated pixel reads full scale whatever the noise, as a camera records it.</summary>
    [Test]
    public void Render_OverExposed_SaturatedPixelsReadFullScaleDespiteNoise()
    {
        var options = Plain(ImageLighting.Ring, 0) with { Exposure = 3, Noise = 0.02, BitDepth = 8 };

        using var photo = PhotographRenderer.Render(Roof(), options, noiseSeed: 1);

        photo.GetArray(out byte[] pixels);
        var nearFull = pixels.Count(p => p is >= 240 and < 255);
        Assert.That(pixels.Count(p => p == 255), Is.GreaterThan(pixels.Length / 2), "an exposure of 3 saturates the roof");
        Assert.That(nearFull, Is.LessThan(pixels.Length / 20), "noise does not pull saturated pixels below full scale");
    }
}
