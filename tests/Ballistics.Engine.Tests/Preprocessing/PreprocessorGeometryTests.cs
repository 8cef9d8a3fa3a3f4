using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Engine.Tests.Comparison;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Preprocessing;

/// <summary>Region sources, the geometry's coordinate convention and the whole pipeline's filtering, end to end.</summary>
[TestFixture]
public sealed class PreprocessorGeometryTests
{
    private static readonly string[] ProcessedScans =
    [
        "baldwin_K013sA1_processed", "baldwin_K013sA2_processed", "baldwin_K227iG3_processed", "fadul_1-1_processed",
        "fadul_1-2_processed", "triplet_x3p1_processed", "triplet_x3p2_processed", "triplet_x3p3_questioned",
    ];

    [TestCaseSource(nameof(ProcessedScans))]
    public void Prepare_ProcessedSharedScan_AlreadyCroppedOnTheTargetGrid(string name)
    {
        var prepared = Preprocessor.Prepare(TestSurfaces.Shared($"cartridge/{name}.x3p"));

        Assert.That(prepared.Geometry.Source, Is.EqualTo(RegionSource.AlreadyCropped), string.Join("; ", prepared.Notes));
        Assert.That(prepared.Surface.LateralStepXUm, Is.EqualTo(10).Within(1e-9));
        Assert.That(prepared.Surface.LateralStepYUm, Is.EqualTo(10).Within(1e-9));
        // These crops keep a 9 mm breech face between about 1.2 and 1.7 mm from the primer centre.
        Assert.That(prepared.Geometry.PrimerRadiusUm, Is.InRange(1_400, 1_900));
        Assert.That(prepared.ValidFraction, Is.InRange(0.15, 0.5));
    }

    [Test]
    public void Prepare_SameScanRawWithMaskAndProcessed_SimilarRegions()
    {
        var raw = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA1_raw.x3p"));
        var processed = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA1_processed.x3p"));

        Assert.That(raw.Geometry.Source, Is.EqualTo(RegionSource.Mask));
        Assert.That(processed.Geometry.Source, Is.EqualTo(RegionSource.AlreadyCropped));
        // The FiX3P mask and the study's own crop are drawn by different hands: outer edges agree within 8 %,
        // the firing-pin cut-outs within 15 %, and the crops' sizes within 10 %.
        Assert.That(raw.Geometry.PrimerRadiusUm, Is.EqualTo(processed.Geometry.PrimerRadiusUm).Within(8).Percent);
        Assert.That(raw.Geometry.FiringPinRadiusUm, Is.GreaterThan(500));
        Assert.That(raw.Geometry.FiringPinRadiusUm, Is.EqualTo(processed.Geometry.FiringPinRadiusUm).Within(15).Percent);
        Assert.That(raw.Surface.Width, Is.EqualTo(processed.Surface.Width).Within(10).Percent);
        Assert.That(raw.Surface.Height, Is.EqualTo(processed.Surface.Height).Within(10).Percent);
    }

    [TestCase(5, 1)]
    [TestCase(23, 5)]
    [TestCase(101, 4)]
    public void Prepare_GeneratedRawScan_GeometryMatchesTruthAndBoundsTheRegion(int seed, int firearmNumber)
    {
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(seed, firearmNumber, Difficulty.Hard), 1, "Federal", seed);
        var options = PreprocessOptions.Default.Region;

        var prepared = Preprocessor.Prepare(firing.Surface);

        var g = prepared.Geometry;
        Assert.That(g.Source, Is.EqualTo(RegionSource.Detected));
        Assert.That(g.PrimerRadiusUm, Is.EqualTo(firing.PrimerRadiusUm).Within(5).Percent);
        // The prepared surface has its own centre, so compare the pin's offset from the primer centre.
        Assert.That(g.FiringPinCentreXUm - g.PrimerCentreXUm, Is.EqualTo(firing.FiringPinCentreXUm - firing.PrimerCentreXUm).Within(60), "pin x");
        Assert.That(g.FiringPinCentreYUm - g.PrimerCentreYUm, Is.EqualTo(firing.FiringPinCentreYUm - firing.PrimerCentreYUm).Within(60), "pin y");
        Assert.That(g.FiringPinRadiusUm, Is.GreaterThan(0.4 * firing.ApertureRadiusUm));

        // In the prepared surface's coordinates every valid point lies inside the shrunk primer circle and outside
        // the grown firing-pin circle (two grid steps for the rasterised circles).
        var s = prepared.Surface;
        var tolerance = 2 * s.LateralStepXUm;
        var (nearestPrimerEdge, nearestPin) = (double.MaxValue, double.MaxValue);
        for (var y = 0; y < s.Height; y++)
        {
            for (var x = 0; x < s.Width; x++)
            {
                if (!float.IsFinite(s[x, y]))
                {
                    continue;
                }

                var xUm = (x - ((s.Width - 1) / 2.0)) * s.LateralStepXUm;
                var yUm = (y - ((s.Height - 1) / 2.0)) * s.LateralStepYUm;
                nearestPrimerEdge = Math.Min(nearestPrimerEdge, g.PrimerRadiusUm - Math.Sqrt(Math.Pow(xUm - g.PrimerCentreXUm, 2) + Math.Pow(yUm - g.PrimerCentreYUm, 2)));
                nearestPin = Math.Min(nearestPin, Math.Sqrt(Math.Pow(xUm - g.FiringPinCentreXUm, 2) + Math.Pow(yUm - g.FiringPinCentreYUm, 2)) - g.FiringPinRadiusUm);
            }
        }

        Assert.That(nearestPrimerEdge, Is.GreaterThanOrEqualTo(options.PrimerMarginUm - tolerance), "distance inside the primer edge");
        Assert.That(nearestPin, Is.GreaterThanOrEqualTo(options.FiringPinMarginUm - tolerance), "distance outside the firing pin");
    }

    [TestCase(8.0)]
    [TestCase(12.5)]
    public void Prepare_OtherTargetStep_OutputOnThatStep(double stepUm)
    {
        var options = PreprocessOptions.Default with { Resample = new ResampleOptions { TargetStepUm = stepUm } };
        var surface = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");

        var prepared = Preprocessor.Prepare(surface, options);

        Assert.That(prepared.Surface.LateralStepXUm, Is.EqualTo(stepUm).Within(1e-9));
        Assert.That(prepared.Surface.LateralStepYUm, Is.EqualTo(stepUm).Within(1e-9));
        Assert.That(prepared.Surface.WidthUm, Is.LessThanOrEqualTo(surface.WidthUm + (2 * stepUm)));
        Assert.That(prepared.Options, Is.SameAs(options));
    }

    [Test]
    public void Prepare_CroppedAnnulusWithOffsetCutOut_GeometryRecovered()
    {
        // Annulus of radius 1400 µm centred 60 µm right and 30 µm up of the scan centre; firing-pin cut-out of
        // radius 700 µm a further 160 µm left and 80 µm down.
        var surface = Annulus(60, -30, 1_400, -100, 50, 700, (_, _) => 0, noiseUm: 0.3, seed: 8);

        var prepared = Preprocessor.Prepare(surface);

        var g = prepared.Geometry;
        Assert.That(g.Source, Is.EqualTo(RegionSource.AlreadyCropped));
        Assert.That(g.PrimerRadiusUm, Is.EqualTo(1_400).Within(15));
        Assert.That(g.FiringPinRadiusUm, Is.EqualTo(700).Within(15));
        Assert.That(g.FiringPinCentreXUm - g.PrimerCentreXUm, Is.EqualTo(-160).Within(15));
        Assert.That(g.FiringPinCentreYUm - g.PrimerCentreYUm, Is.EqualTo(80).Within(15));
        Assert.That(prepared.Notes, Has.Some.Contains("firing-pin hole"));
    }

    [Test]
    public void Prepare_PlaneLongWaveAndMidWave_FormRemovedMidWaveKept()
    {
        // 3 µm/mm plane and 4 µm at 4 mm wavelength (form; 8 µm and 8 µm peak to peak over the scan) plus 1 µm at
        // 150 µm wavelength (marks).
        const double MidWavelengthUm = 150;
        var surface = Annulus(0, 0, 1_400, 0, 0, 600,
            (x, y) => (0.003 * x) + (4 * Math.Sin(2 * Math.PI * y / 4_000)) + Math.Sin(2 * Math.PI * x / MidWavelengthUm), noiseUm: 0, seed: 1);

        var prepared = Preprocessor.Prepare(surface);

        // Amplitude of the mid wave by a least-squares fit of a sine of free phase: the prepared grid's origin is
        // its own, so the phase is not known.
        var s = prepared.Surface;
        double ss = 0, cc = 0, sc = 0, zs = 0, zc = 0, zz = 0;
        var n = 0;
        for (var y = 0; y < s.Height; y++)
        {
            for (var x = 0; x < s.Width; x++)
            {
                var z = s[x, y];
                if (!float.IsFinite(z))
                {
                    continue;
                }

                var (sin, cos) = Math.SinCos(2 * Math.PI * x * s.LateralStepXUm / MidWavelengthUm);
                ss += sin * sin;
                cc += cos * cos;
                sc += sin * cos;
                zs += z * sin;
                zc += z * cos;
                zz += z * z;
                n++;
            }
        }

        var det = (ss * cc) - (sc * sc);
        var a = ((zs * cc) - (zc * sc)) / det;
        var b = ((zc * ss) - (zs * sc)) / det;
        var amplitude = Math.Sqrt((a * a) + (b * b));
        var alpha = Math.Sqrt(Math.Log(2) / Math.PI);
        var expected = Math.Exp(-Math.PI * Math.Pow(alpha * PreprocessOptions.Default.BandPass.ShortCutoffUm / MidWavelengthUm, 2));
        Assert.That(amplitude, Is.EqualTo(expected).Within(0.05), "mid wave kept at the Gaussian's transfer (0.988)");
        // Nothing but the mid wave is left: the RMS is the sine's, not the form's (several µm).
        Assert.That(Math.Sqrt(zz / n), Is.EqualTo(amplitude / Math.Sqrt(2)).Within(5).Percent, "plane and long wave removed");
    }

    [Test]
    public void Prepare_AllInvalid_ArgumentExceptionNamesValidPoints()
    {
        var s = Surface.CreateInvalid(200, 200, 5, 5);
        Assert.That(() => Preprocessor.Prepare(s), Throws.ArgumentException.With.Message.Contains("0 valid points"));
    }

    [Test]
    public void Options_InvalidValues_RefusedNamingTheOption()
    {
        Assert.That(() => new BandPassOptions { ShortCutoffUm = -5 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("ShortCutoffUm"));
        Assert.That(() => new ResampleOptions { TargetStepUm = 0 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("TargetStepUm"));
        Assert.That(() => new LevellingOptions { Order = 3 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("Order"));
        Assert.That(() => PreprocessOptions.Default with { Region = null! }, Throws.InstanceOf<ArgumentNullException>());
    }

    /// <summary>
    /// A 6 µm-step scan that is already cropped: heights from <paramref name="heightUm"/> (x right, y down, µm from
    /// the scan centre) plus seeded noise, valid only in the annulus between the two circles.
    /// </summary>
    private static Surface Annulus(double cxUm, double cyUm, double radiusUm, double pinXUm, double pinYUm, double pinRadiusUm,
        Func<double, double, double> heightUm, double noiseUm, int seed)
    {
        const int Size = 500;
        const double Step = 6;
        var rng = new Random(seed);
        var values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var xUm = (x - ((Size - 1) / 2.0)) * Step;
                var yUm = (y - ((Size - 1) / 2.0)) * Step;
                var inside = Math.Pow(xUm - cxUm, 2) + Math.Pow(yUm - cyUm, 2) <= radiusUm * radiusUm
                    && Math.Pow(xUm - pinXUm, 2) + Math.Pow(yUm - pinYUm, 2) > pinRadiusUm * pinRadiusUm;
                values[(y * Size) + x] = inside ? (float)(heightUm(xUm, yUm) + (noiseUm * (rng.NextDouble() - 0.5))) : float.NaN;
            }
        }

        return new Surface(Size, Size, Step, Step, values);
    }
}
