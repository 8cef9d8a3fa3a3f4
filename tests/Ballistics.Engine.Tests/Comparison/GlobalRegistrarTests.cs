using Ballistics.Engine.Comparison;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class GlobalRegistrarTests
{
    [TestCase(0, 0, 0)]
    [TestCase(37.5, 120, -85)]
    [TestCase(-143, -60, 210)]
    [TestCase(181, 31, 17)]
    [TestCase(271.3, -250, -40)]
    public void Register_RotatedShiftedCopy_RecoversAngleAndShift(double rotationDeg, double dxUm, double dyUm)
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var step = a.LateralStepXUm;
        var (w, h) = (a.Width + 37, a.Height - 20);
        var b = TestSurfaces.Transformed(a, rotationDeg, dxUm, dyUm, w, h);
        using var imageA = MaskedImage.FromHeights(a.Values, a.Width, a.Height);
        using var imageB = MaskedImage.FromHeights(b, w, h);

        var registration = new GlobalRegistrar(RegistrationOptions.Default).Register(imageA, imageB, step);

        TestContext.Out.WriteLine($"got {registration}");
        Assert.That(Rotation2D.Normalise(registration.RotationDeg - rotationDeg), Is.EqualTo(0).Within(1.0), "angle");
        Assert.That(registration.DxUm, Is.EqualTo(dxUm).Within(step), "dx");
        Assert.That(registration.DyUm, Is.EqualTo(dyUm).Within(step), "dy");
        Assert.That(registration.Ccf, Is.GreaterThan(0.9));
    }

    [TestCase(60)]
    [TestCase(-115)]
    public void Register_CopyCutByStraightCrop_RecoversAngle(double rotationDeg)
    {
        // Scans of one case cropped differently: the crop line must not decide the angle.
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var step = a.LateralStepXUm;
        var b = TestSurfaces.Transformed(a, rotationDeg, 40, -30, a.Width, a.Height);
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (x + (0.4 * y) < 0.45 * a.Width)
                {
                    b[(y * a.Width) + x] = float.NaN;
                }
            }
        }

        using var imageA = MaskedImage.FromHeights(a.Values, a.Width, a.Height);
        using var imageB = MaskedImage.FromHeights(b, a.Width, a.Height);

        var registration = new GlobalRegistrar(RegistrationOptions.Default).Register(imageA, imageB, step);

        TestContext.Out.WriteLine($"got {registration}");
        Assert.That(Rotation2D.Normalise(registration.RotationDeg - rotationDeg), Is.EqualTo(0).Within(1.0), "angle");
        Assert.That(registration.Ccf, Is.GreaterThan(0.9));
    }

    [Test]
    public void SpectrumAngles_ProcessedAgainstOtherFiringRaw_ProposesProcessedPairAngle()
    {
        // A1 raw and A1 processed are one scan cropped two ways (the raw keeps the whole breech face), so the angle
        // that puts A2 on A1 processed must be proposed for A1 raw too. Untapered spectra proposed only the
        // outlines' angles, none within 10° of it.
        var comparer = new SurfaceComparer(ComparisonOptions.Default);
        var a2 = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA2_processed.x3p")).ComparisonView(comparer);
        var a1 = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA1_processed.x3p")).ComparisonView(comparer);
        var a1Raw = Preprocessor.Prepare(TestSurfaces.Shared("cartridge/baldwin_K013sA1_raw.x3p")).ComparisonView(comparer);
        var registrar = new GlobalRegistrar(RegistrationOptions.Default);
        var processed = registrar.Register(a2, a1);
        var proposals = new List<double>();

        registrar.SpectrumAngles(a2, a1Raw, proposals);

        TestContext.Out.WriteLine($"processed {processed}; proposals for raw {string.Join(", ", proposals)}");
        Assert.That(proposals.Min(p => Math.Abs(Rotation2D.Normalise(p - processed.RotationDeg))), Is.LessThanOrEqualTo(2.0));
    }

    [TestCase("baldwin_K013sA2_processed", "baldwin_K013sA1_processed", "baldwin_K013sA1_raw", false)]
    [TestCase("baldwin_K013sA1_processed", "baldwin_K013sA2_processed", "baldwin_K013sA2_raw", false)]
    [TestCase("baldwin_K013sA2_processed", "baldwin_K013sA1_processed", "baldwin_K013sA1_raw", true)]
    public void Register_ProcessedAgainstOtherFiringRaw_AgreesWithProcessedPair(string scan, string otherProcessed, string otherRaw, bool maskIgnored)
    {
        // The raw and processed files of one firing are one scan cropped and filtered two ways, so the other firing
        // must land on both at one angle. With the whole scan in the 20–600 µm band (compare 1.3) both of these
        // registered 40–75° away: the study's filtering and ours disagreed most in the longest waves. With the raw file's
        // mask ignored, its region found in the heights, the first registered at −168° until the primer's form about its
        // centre was taken off and the region filtered again without the firing pin's halo (preprocessing 1.10). The
        // second, A1 processed against A2 raw with its mask ignored, still lands 3.6° off (−10°), not yet within 2°.
        var comparer = new SurfaceComparer(ComparisonOptions.Default);
        var view = Preprocessor.Prepare(TestSurfaces.Shared($"cartridge/{scan}.x3p")).ComparisonView(comparer);
        var processed = Preprocessor.Prepare(TestSurfaces.Shared($"cartridge/{otherProcessed}.x3p")).ComparisonView(comparer);
        var rawScan = TestSurfaces.Shared($"cartridge/{otherRaw}.x3p");
        if (maskIgnored)
        {
            rawScan = new Surface(rawScan.Width, rawScan.Height, rawScan.LateralStepXUm, rawScan.LateralStepYUm, rawScan.Values.ToArray());
        }

        var raw = Preprocessor.Prepare(rawScan).ComparisonView(comparer);
        var registrar = new GlobalRegistrar(RegistrationOptions.Default);

        var toProcessed = registrar.Register(view, processed);
        var toRaw = registrar.Register(view, raw);

        TestContext.Out.WriteLine($"processed {toProcessed}; raw {toRaw}");
        Assert.That(Rotation2D.Normalise(toRaw.RotationDeg - toProcessed.RotationDeg), Is.EqualTo(0).Within(2.0));
    }

    [Test]
    public void Register_DifferentSources_LowCorrelation()
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var b = TestSurfaces.Shared("cartridge/baldwin_K013sA1_processed.x3p");
        using var imageA = MaskedImage.FromHeights(a.Values, a.Width, a.Height);
        using var imageB = MaskedImage.FromHeights(b.Values, b.Width, b.Height);

        var registration = new GlobalRegistrar(RegistrationOptions.Default).Register(imageA, imageB, a.LateralStepXUm);

        Assert.That(registration.Ccf, Is.LessThan(0.5));
    }

    [TestCase(0.2, true)]
    [TestCase(0.35, false)]
    public void Register_TwoCropsSharingAQuarter_RegistersAboveTheOverlapFloor(double minOverlap, bool registers)
    {
        // Two scans of one breech face cropped to different sides (partial contact, other labs' crops): A keeps the
        // right part, B the left part turned by 40°; what they share is a band of about a quarter of the smaller.
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var step = a.LateralStepXUm;
        var left = a.Clone();
        var right = a.Clone();
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (x >= 0.7 * a.Width)
                {
                    left[x, y] = float.NaN;
                }

                if (x < 0.6 * a.Width)
                {
                    right[x, y] = float.NaN;
                }
            }
        }

        var b = TestSurfaces.Transformed(left, 40, 0, 0, a.Width, a.Height);
        using var imageA = MaskedImage.FromHeights(right.Values, a.Width, a.Height);
        using var imageB = MaskedImage.FromHeights(b, a.Width, a.Height);

        var registration = new GlobalRegistrar(RegistrationOptions.Default with { MinOverlapFraction = minOverlap }).Register(imageA, imageB, step);

        TestContext.Out.WriteLine($"floor {minOverlap}: {registration}");
        var right40 = registration.Registered && Math.Abs(Rotation2D.Normalise(registration.RotationDeg - 40)) <= 1;
        Assert.That(right40, Is.EqualTo(registers));
        if (!registers)
        {
            Assert.That(registration.Registered ? registration.OverlapFraction : 0, Is.LessThan(minOverlap + 0.01), "a floor above what the crops share refuses the right pose");
        }
    }

    [Test]
    public void Register_NoPoseOverlaps_FailsWithReason()
    {
        // A ring of 1,000–1,300 µm and a disc of 200 µm: within the 500 µm shift searched the disc only ever lies in
        // the ring's hole, so no pose has any overlap and the registration must say it failed instead of returning zeros.
        const double Step = 10;
        const int Size = 301;
        var random = new Random(19);
        var ring = new float[Size * Size];
        var disc = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var r = Math.Sqrt(((x - 150) * (x - 150)) + ((y - 150) * (y - 150))) * Step;
                ring[(y * Size) + x] = r is >= 1000 and <= 1300 ? (float)random.NextDouble() : float.NaN;
                disc[(y * Size) + x] = r <= 200 ? (float)random.NextDouble() : float.NaN;
            }
        }

        using var imageA = MaskedImage.FromHeights(ring, Size, Size);
        using var imageB = MaskedImage.FromHeights(disc, Size, Size);

        var registration = new GlobalRegistrar(RegistrationOptions.Default).Register(imageA, imageB, Step);

        Assert.That(registration.Status, Is.EqualTo(RegistrationStatus.Failed));
        Assert.That(registration.Registered, Is.False);
        Assert.That(registration.FailureReason, Does.Contain("overlap"));
        Assert.That(registration.Inverse().Status, Is.EqualTo(RegistrationStatus.Failed), "seen from B it failed too");
    }

    [Test]
    public void Register_RotatedCopy_StatusRegistered()
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var b = TestSurfaces.Transformed(a, 20, 30, -10, a.Width, a.Height);
        using var imageA = MaskedImage.FromHeights(a.Values, a.Width, a.Height);
        using var imageB = MaskedImage.FromHeights(b, a.Width, a.Height);

        var registration = new GlobalRegistrar(RegistrationOptions.Default).Register(imageA, imageB, a.LateralStepXUm);

        Assert.That(registration.Status, Is.EqualTo(RegistrationStatus.Registered));
        Assert.That(registration.FailureReason, Is.Null);
    }

    [Test]
    public void Inverse_TwiceIsIdentity()
    {
        var r = new Registration(33, 120, -45, 0.8, 0.6);
        var back = r.Inverse().Inverse();
        Assert.That(back.RotationDeg, Is.EqualTo(r.RotationDeg).Within(1e-9));
        Assert.That(back.DxUm, Is.EqualTo(r.DxUm).Within(1e-9));
        Assert.That(back.DyUm, Is.EqualTo(r.DyUm).Within(1e-9));
    }
}
