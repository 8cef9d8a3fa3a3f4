using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Engine.Tests.Comparison;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class PreprocessorTests
{
    [Test]
    public void Prepare_ProcessedSharedScan_AlreadyCroppedAtTargetStep()
    {
        var prepared = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"));

        Assert.That(prepared.Geometry.Source, Is.EqualTo(RegionSource.AlreadyCropped));
        Assert.That(prepared.Surface.LateralStepXUm, Is.EqualTo(PreprocessOptions.Default.Resample.TargetStepUm).Within(1e-9));
        Assert.That(prepared.Surface.Width, Is.InRange(300, 345), "545 points at 6.25 µm make about 341 at 10 µm, less the crop");
        Assert.That(prepared.ValidFraction, Is.InRange(0.1, 0.6));
        Assert.That(prepared.AlgorithmVersion, Is.EqualTo(Preprocessor.AlgorithmVersion));
    }

    [Test]
    public void Prepare_ProcessedCrescent_TurnsAboutItsInnerEdgesCentreAsTheLabsMaskDoes()
    {
        // Baldwin K013 A2 as processed by CSAFE is a crescent (no data over a quarter of the annulus): its cut-out is no
        // enclosed hole. The same case's raw scan with the lab's mask places the pin 181 µm left of and 203 µm from the
        // primer centre; taking the crescent's enclosing circle as the axis put it 280 µm away.
        var processed = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA2_processed.x3p"));
        var masked = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA2_raw.x3p"));

        static (double X, double Y) PinFromPrimer(PreparedScan p) =>
            (p.Geometry.FiringPinCentreXUm - p.Geometry.PrimerCentreXUm, p.Geometry.FiringPinCentreYUm - p.Geometry.PrimerCentreYUm);
        var (x, y) = PinFromPrimer(processed);
        var (xMask, yMask) = PinFromPrimer(masked);

        Assert.That(processed.Notes, Has.Some.Contains("fitted to its inner edge"));
        Assert.That(Math.Sqrt(((x - xMask) * (x - xMask)) + ((y - yMask) * (y - yMask))), Is.LessThan(50));
    }

    [Test]
    public void Prepare_RawSharedScanWithMask_UsesTheMask()
    {
        var prepared = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA1_raw.x3p"));

        Assert.That(prepared.Geometry.Source, Is.EqualTo(RegionSource.Mask));
        Assert.That(prepared.Notes, Has.Some.Contains("mask"));
    }

    [Test]
    public void Prepare_RegionLargerThanAnyPrimer_RefusedNamingItsArea()
    {
        // 1,000 × 1,000 points of relief at 10 µm: a 100 mm² "breech face", bigger than any primer.
        var heights = TestSurfaces.Relief(1000, 1000, seed: 5, holeFraction: 0, sigma: 2);
        var wide = new Surface(1000, 1000, 10, 10, heights);

        Assert.That(() => Preprocessor.Prepare(wide), Throws.ArgumentException.With.Message.Contains("mm²").And.Message.Contains("more than any primer"));
    }

    [TestCase(0f)]
    [TestCase(3.5f)]
    public void Prepare_FlatScan_RefusedAsWithoutRelief(float level)
    {
        var heights = new float[400 * 400];
        Array.Fill(heights, level);
        var flat = new Surface(400, 400, 6.25, 6.25, heights);

        Assert.That(() => Preprocessor.Prepare(flat), Throws.ArgumentException.With.Message.Contains("no usable relief"));
    }

    [TestCase("cartridge/baldwin_K013sA1_raw.x3p")]
    [TestCase("cartridge/baldwin_K013sA2_raw.x3p")]
    [TestCase("raw/fadul_1-1_raw.x3p")]
    public void Prepare_RawSharedScanWithoutMask_FindsABreechFaceRing(string file)
    {
        // Baldwin's raw files carry FiX3P masks; here the mask is dropped so that the region must come from the heights.
        var masked = TestSurfaces.Shared(file);
        var raw = new Surface(masked.Width, masked.Height, masked.LateralStepXUm, masked.LateralStepYUm, masked.Values.ToArray());

        var prepared = Preprocessor.Prepare(raw);

        Assert.That(prepared.Geometry.Source, Is.EqualTo(RegionSource.Detected));
        Assert.That(prepared.Notes, Has.Some.Contains("firing-pin aperture"));
        // A breech-face ring, not a sliver: CSAFE's processed Fadul 1-1 keeps 2.2 mm² here, these raw files 1.8–2.4 mm².
        var areaMm2 = prepared.Surface.Statistics().ValidPoints * prepared.Surface.LateralStepXUm * prepared.Surface.LateralStepYUm / 1e6;
        Assert.That(areaMm2, Is.GreaterThan(1.5));
    }

    [TestCase("cartridge/fadul_1-1_processed.x3p")]
    [TestCase("cartridge/baldwin_K013sA1_processed.x3p")]
    [TestCase("cartridge/triplet_x3p1_processed.x3p")]
    public void Prepare_TenPercentSpeckleDropouts_KeepsNinetyPercentOfTheBreechFace(string file)
    {
        // Dropouts inside the breech face are not edges, so speckle of 10 % of the
        // points must leave at least 90 % of the breech face that the clean scan keeps.
        var clean = TestSurfaces.Shared(file);
        var speckled = clean.Clone();
        var random = new Random(1910);
        var values = speckled.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i]) && random.NextDouble() < 0.10)
            {
                values[i] = float.NaN;
            }
        }

        var before = Preprocessor.Prepare(clean);
        var after = Preprocessor.Prepare(speckled);

        Assert.That(after.Surface.Width, Is.EqualTo(before.Surface.Width), "same crop");
        Assert.That(after.Surface.Height, Is.EqualTo(before.Surface.Height), "same crop");
        var kept = before.Surface.Values.ToArray();
        var survived = after.Surface.Values.ToArray();
        var inBoth = kept.Where((v, i) => float.IsFinite(v) && float.IsFinite(survived[i])).Count();
        var share = inBoth / (double)kept.Count(float.IsFinite);
        TestContext.Out.WriteLine($"{file}: {share:P1} of the clean breech face survives; kept share {before.KeptShare:P1} clean, {after.KeptShare:P1} speckled");
        Assert.That(share, Is.GreaterThanOrEqualTo(0.90));
        Assert.That(after.KeptShare, Is.GreaterThan(0.5), "the share reported is the share kept");
    }

    [Test]
    public void Prepare_SourceOffset_PutsEveryPreparedPointInsideTheScansMask()
    {
        var raw = TestSurfaces.Shared("cartridge/baldwin_K013sA1_raw.x3p");
        var prepared = Preprocessor.Prepare(raw);
        var step = prepared.Surface.LateralStepXUm;
        var (ox, oy) = prepared.SourceOffset;

        var outside = 0;
        var points = 0;
        for (var y = 0; y < prepared.Surface.Height; y++)
        {
            for (var x = 0; x < prepared.Surface.Width; x++)
            {
                if (!float.IsFinite(prepared.Surface[x, y]))
                {
                    continue;
                }

                // The prepared point's centre on the scan as given.
                points++;
                var rawX = (int)(((x + ox) + 0.5) * step / raw.LateralStepXUm);
                var rawY = (int)(((y + oy) + 0.5) * step / raw.LateralStepYUm);
                outside += raw.Mask!.IsInRegion(rawX, rawY) ? 0 : 1;
            }
        }

        Assert.That(points, Is.GreaterThan(10_000));
        Assert.That(outside, Is.Zero, "the offset maps the region compared onto the scan's own region");
    }

    [Test]
    public void Prepare_GeneratedRawScan_DetectsRegionAndRemovesCrater()
    {
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(5, 1, Difficulty.Hard), 1, "Federal", 5);

        var prepared = Preprocessor.Prepare(firing.Surface);

        Assert.That(prepared.Geometry.Source, Is.EqualTo(RegionSource.Detected));
        Assert.That(prepared.Geometry.PrimerRadiusUm, Is.EqualTo(firing.PrimerRadiusUm).Within(0.05 * firing.PrimerRadiusUm));
        var stats = prepared.Surface.Statistics();
        // Band-passed breech face: the 100+ µm deep crater and the primer step are gone.
        Assert.That(Math.Max(Math.Abs(stats.Min), Math.Abs(stats.Max)), Is.LessThan(15));
        Assert.That(prepared.Surface.WidthUm, Is.LessThan(2 * firing.PrimerRadiusUm * 1.05));
    }

    [Test]
    public void Prepare_FlatPhotograph_RefusedAsWithoutContrast()
    {
        var image = new Surface(100, 100, 5, 5, new float[10_000]) { Kind = SurfaceKind.Intensity2D };
        Assert.That(() => Preprocessor.Prepare(image), Throws.ArgumentException.With.Message.Contains("none differ"));
    }

    [Test]
    public void Prepare_UnequalSteps_ArgumentException()
    {
        var s = new Surface(100, 100, 5, 6, new float[10_000]);
        Assert.That(() => Preprocessor.Prepare(s), Throws.ArgumentException.With.Message.Contains("Lateral steps differ"));
    }

    [Test]
    public void Prepare_AlmostNoValidPoints_ArgumentException()
    {
        var s = Surface.CreateInvalid(100, 100, 5, 5);
        s.Values[..500].Fill(1f);
        Assert.That(() => Preprocessor.Prepare(s), Throws.ArgumentException.With.Message.Contains("valid points"));
    }

    [Test]
    public void Options_ShortCutoffAboveLong_Refused()
    {
        Assert.That(() => PreprocessOptions.Default with { BandPass = new BandPassOptions { ShortCutoffUm = 300, LongCutoffUm = 200 } }, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
