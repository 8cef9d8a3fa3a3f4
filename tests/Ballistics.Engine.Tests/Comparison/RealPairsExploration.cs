using Ballistics.Engine.Matching;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
[Explicit("exploration: features of every pair of real scans through the full pipeline")]
public sealed class RealPairsExploration
{
    [Test]
    public void Explore_PreparedRealPairs()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(Ballistics.Testing.SharedData.X3p("cartridge/x"))!, "*.x3p").Order().ToArray();
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;
        double D(string name, string fallback) => double.Parse(Env(name, fallback), System.Globalization.CultureInfo.InvariantCulture);
        var options = Ballistics.Engine.Preprocessing.PreprocessOptions.Default with
        {
            BandPass = new() { LongCutoffUm = D("X_LONG", "250"), ShortCutoffUm = D("X_SHORT", "20") },
            Region = new() { EdgeErosionUm = D("X_ERODE", "40") },
            Levelling = new() { Order = (int)D("X_ORDER", "2") },
            Outliers = new() { MaxRobustZ = D("X_Z", "5") },
            Resample = new() { TargetStepUm = D("X_STEP", "10") },
        };
        var only = Environment.GetEnvironmentVariable("X_ONLY");
        if (only is not null)
        {
            files = [.. files.Where(f => only.Split(',').Any(o => f.Contains(o, StringComparison.Ordinal)))];
        }

        var comparison = Ballistics.Engine.Comparison.ComparisonOptions.Default with
        {
            Registration = Ballistics.Engine.Comparison.RegistrationOptions.Default with { PolarCandidates = (int)D("X_PC", "8"), Candidates = (int)D("X_C", "2"), CoarseStepUm = D("X_COARSE", "40"), FineStepUm = D("X_FINE", "20") },
        };
        var matcher = new BreechFaceMatcher(model: null, options, comparison);
        OpenCvSharp.Cv2.SetNumThreads(1);
        var prepared = files.Select(f =>
        {
            var s = Ballistics.Ingest.X3p.X3pReader.Read(f).Value!;
            var w = System.Diagnostics.Stopwatch.StartNew();
            var p = matcher.Prepare(s);
            TestContext.Out.WriteLine($"{Path.GetFileName(f),-32} {s.Width}x{s.Height} -> {p.Surface.Width}x{p.Surface.Height} valid={p.ValidFraction:P0} {p.Geometry.Source} {w.ElapsedMilliseconds} ms; {string.Join("; ", p.Notes)}");
            return p;
        }).ToArray();
        for (var i = 0; i < files.Length; i++)
        {
            for (var j = i + 1; j < files.Length; j++)
            {
                var f = matcher.Features(prepared[i], prepared[j]);
                TestContext.Out.WriteLine($"{Path.GetFileNameWithoutExtension(files[i]),-28} {Path.GetFileNameWithoutExtension(files[j]),-28} reg={f.RegistrationCcf:F3} al={f.AlignedCcf:F3} cmc={f.CmcMin}/{f.CmcMax} hi={f.HighCmcMin} cells={f.ValidCellsMin} mean={f.MeanCellCcf:F3}");
            }
        }
    }
}
