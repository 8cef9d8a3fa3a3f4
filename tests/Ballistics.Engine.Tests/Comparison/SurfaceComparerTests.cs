using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class SurfaceComparerTests
{
    [Test]
    public void Compare_IdenticalScans_EveryValidCellCongruent()
    {
        var a = TestSurfaces.Shared("cartridge/triplet_x3p1_processed.x3p");

        var result = new SurfaceComparer(ComparisonOptions.Default).Compare(a, a.Clone());

        Assert.That(result.Forward.ValidCells, Is.GreaterThan(20));
        Assert.That(result.Forward.CmcCount, Is.EqualTo(result.Forward.ValidCells));
        Assert.That(result.Backward.CmcCount, Is.EqualTo(result.Backward.ValidCells));
        Assert.That(result.Registration.RotationDeg, Is.EqualTo(0).Within(0.5));
        Assert.That(result.Features.AlignedCcf, Is.GreaterThan(0.99));
        Assert.That(result.Forward.Cells.Where(c => c.Found).Select(c => c.Ccf), Has.All.GreaterThan(0.99));
    }

    [Test]
    [Explicit("exploration: prints features of real pairs")]
    public void Explore_RealPairs()
    {
        string[] files = ["fadul_1-1_processed", "fadul_1-2_processed", "triplet_x3p1_processed", "triplet_x3p2_processed", "baldwin_K013sA1_processed", "baldwin_K013sA2_processed", "baldwin_K227iG3_processed"];
        var step = double.Parse(Environment.GetEnvironmentVariable("EXPLORE_STEP") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        var coarse = double.Parse(Environment.GetEnvironmentVariable("EXPLORE_COARSE") ?? "40", System.Globalization.CultureInfo.InvariantCulture);
        var fine = double.Parse(Environment.GetEnvironmentVariable("EXPLORE_FINE") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        var only = Environment.GetEnvironmentVariable("EXPLORE_ONLY");
        if (only is not null)
        {
            files = only.Split(',');
        }

        var scans = files.Select(f => Resampled(TestSurfaces.Shared($"cartridge/{f}.x3p"), step)).ToArray();
        var comparer = new SurfaceComparer(ComparisonOptions.Default with { Registration = RegistrationOptions.Default with { CoarseStepUm = coarse, FineStepUm = fine } });
        for (var i = 0; i < files.Length; i++)
        {
            for (var j = i + 1; j < files.Length; j++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var r = comparer.Compare(scans[i], scans[j]);
                TestContext.Out.WriteLine($"{files[i],-26} {files[j],-26} reg={r.Registration.Ccf:F3} th={r.Registration.RotationDeg,7:F1} al={r.Features.AlignedCcf:F3} cmc={r.Features.CmcMin}/{r.Features.CmcMax} hi={r.Features.HighCmcMin}/{r.Features.HighCmcMax} cells={r.Features.ValidCellsMin} mean={r.Features.MeanCellCcf:F3} spread={r.Features.TranslationSpreadUm:F0} {watch.ElapsedMilliseconds} ms");
            }
        }
    }

    internal static Ballistics.Engine.Surfaces.Surface Resampled(Ballistics.Engine.Surfaces.Surface s, double stepUm)
    {
        if (Environment.GetEnvironmentVariable("EXPLORE_CLEAN") is { } clean)
        {
            var parts = clean.Split(',');
            var k = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            var erode = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var v = s.Values.ToArray();
            var f = v.Where(float.IsFinite).Order().ToArray();
            var med = f[f.Length / 2];
            var mad = f.Select(x => Math.Abs(x - med)).Order().ElementAt(f.Length / 2) * 1.4826;
            using var m = new OpenCvSharp.Mat(s.Height, s.Width, OpenCvSharp.MatType.CV_8UC1);
            var ms = m.AsSpan<byte>();
            for (var i = 0; i < v.Length; i++) ms[i] = float.IsFinite(v[i]) && Math.Abs(v[i] - med) <= k * mad ? (byte)255 : (byte)0;
            if (erode > 0)
            {
                using var kernel = OpenCvSharp.Cv2.GetStructuringElement(OpenCvSharp.MorphShapes.Ellipse, new OpenCvSharp.Size((2 * erode) + 1, (2 * erode) + 1));
                OpenCvSharp.Cv2.Erode(m, m, kernel);
            }

            var ms2 = m.AsSpan<byte>();
            for (var i = 0; i < v.Length; i++) if (ms2[i] == 0) v[i] = float.NaN;
            s = new Ballistics.Engine.Surfaces.Surface(s.Width, s.Height, s.LateralStepXUm, s.LateralStepYUm, v);
        }

        using var image = MaskedImage.FromHeights(s.Values, s.Width, s.Height);
        using var r = MaskedImage.Resample(image, s.LateralStepXUm / stepUm);
        return new Ballistics.Engine.Surfaces.Surface(r.Width, r.Height, stepUm, stepUm, r.ToHeights());
    }
}

[TestFixture]
[Explicit("exploration: timing split")]
public sealed class ComparisonTimingExploration
{
    [Test]
    public void Explore_Timing()
    {
        var a = SurfaceComparerTests.Resampled(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"), 10);
        var b = SurfaceComparerTests.Resampled(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"), 10);
        OpenCvSharp.Cv2.SetNumThreads(1);
        using var ia = MaskedImage.FromHeights(a.Values, a.Width, a.Height);
        using var ib = MaskedImage.FromHeights(b.Values, b.Width, b.Height);
        for (var rep = 0; rep < 3; rep++)
        {
            var w = System.Diagnostics.Stopwatch.StartNew();
            var reg = new GlobalRegistrar(RegistrationOptions.Default).Register(ia, ib, 10);
            var t1 = w.Elapsed.TotalMilliseconds;
            var cmc = new CellComparer(CmcOptions.Default).Compare(ia, ib, reg, 10);
            var t2 = w.Elapsed.TotalMilliseconds;
            TestContext.Out.WriteLine($"size {a.Width}x{a.Height} reg {t1:F1} ms, cmc one direction {t2 - t1:F1} ms, cells {cmc.ValidCells}");
        }
    }
}

[TestFixture]
[Explicit("exploration: ncc timing")]
public sealed class NccTimingExploration
{
    [TestCase(160)]
    [TestCase(72)]
    [TestCase(64)]
    public void Explore_NccTiming(int n)
    {
        OpenCvSharp.Cv2.SetNumThreads(1);
        var rng = new Random(1);
        var heights = new float[(n - 20) * (n - 20)];
        for (var i = 0; i < heights.Length; i++) heights[i] = rng.NextSingle();
        using var img = MaskedImage.FromHeights(heights, n - 20, n - 20);
        var size = new OpenCvSharp.Size(n, n);
        using var ncc = new MaskedNcc(size);
        using var f = new MaskedSpectra(size);
        using var g = new MaskedSpectra(size);
        var rect = new OpenCvSharp.Rect(0, 0, n - 20, n - 20);
        ncc.Transform(img, rect, f);
        var w = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 300; i++) ncc.Transform(img, rect, g);
        w.Restart();
        for (var i = 0; i < 100; i++) ncc.Transform(img, rect, g);
        var t1 = w.Elapsed.TotalMilliseconds / 100;
        w.Restart();
        for (var i = 0; i < 300; i++) ncc.FindPeak(f, g, default, 15, 15, 16);
        w.Restart();
        for (var i = 0; i < 100; i++) ncc.FindPeak(f, g, default, 15, 15, 16);
        var t2 = w.Elapsed.TotalMilliseconds / 100;
        TestContext.Out.WriteLine($"n={n}: transform {t1 * 1000:F0} us, findpeak {t2 * 1000:F0} us");
    }
}

[TestFixture]
[Explicit("exploration: renders")]
public sealed class RenderExploration
{
    [TestCase("baldwin_K013sA1_processed")]
    [TestCase("baldwin_K013sA2_processed")]
    [TestCase("triplet_x3p1_processed")]
    [TestCase("/tmp/s/scans/F0001_fire01.x3p")]
    [TestCase("/tmp/ghard/scans/F0003_fire02.x3p")]
    [TestCase("baldwin_K013sA1_raw")]
    public void Explore_Render(string name)
    {
        var s = name.StartsWith('/') ? Ballistics.Ingest.X3p.X3pReader.Read(name).Value! : TestSurfaces.Shared($"cartridge/{name}.x3p");
        name = Path.GetFileNameWithoutExtension(name);
        var v = s.Values.ToArray();
        var finite = v.Where(float.IsFinite).Order().ToArray();
        var lo = finite[finite.Length / 100];
        var hi = finite[finite.Length * 99 / 100];
        using var img = new OpenCvSharp.Mat(s.Height, s.Width, OpenCvSharp.MatType.CV_8UC1);
        var span = img.AsSpan<byte>();
        for (var i = 0; i < v.Length; i++) span[i] = float.IsFinite(v[i]) ? (byte)Math.Clamp(255 * (v[i] - lo) / (hi - lo), 0, 255) : (byte)0;
        OpenCvSharp.Cv2.ImWrite($"/tmp/render_{name}.png", img);
    }
}
