using System.Text.Json;
using Ballistics.Testing;
using static Ballistics.Cli.Tests.Commands.InfoCommandTests;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class CompareCommandTests
{
    [Test]
    public void Compare_SameSourcePair_PrintsScoreAndRegistration()
    {
        var (code, output, error) = Run(["compare", SharedData.X3p("cartridge/fadul_1-1_processed.x3p"), SharedData.X3p("cartridge/fadul_1-2_processed.x3p")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Match(@"^score=\d\.\d{3}  cmc=\d+  ccf=-?\d\.\d{3}  theta_deg=-?\d+\.\d  dx_um=-?\d+\.\d  dy_um=-?\d+\.\d  ms=\d+"));
        Assert.That(output, Does.Contain("not an identification"));
        Assert.That(output, Does.Contain($"{Ballistics.Engine.Preprocessing.Preprocessor.AlgorithmVersion} {Ballistics.Engine.Matching.BreechFaceMatcher.ComparisonVersion} lightgbm-"));
    }

    [Test]
    public void Compare_Json_HasScoreCellsAndOptions()
    {
        var (code, output, error) = Run(["compare", "--json", SharedData.X3p("cartridge/triplet_x3p1_processed.x3p"), SharedData.X3p("cartridge/triplet_x3p2_processed.x3p")]);

        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("score").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(root.GetProperty("cmc").GetInt32(), Is.GreaterThan(5), "a known same-source pair");
        Assert.That(root.GetProperty("forward").GetProperty("cells").GetArrayLength(), Is.GreaterThan(5));
        Assert.That(root.GetProperty("options").GetProperty("comparison").GetProperty("cmc").GetProperty("grid_cells").GetInt32(), Is.EqualTo(8));
        Assert.That(root.GetProperty("algorithm_version").GetString(), Does.StartWith("preprocess/"));
    }

    [Test]
    public void Compare_Json_RawPair_RegisteredWithKeptShares()
    {
        var (code, output, error) = Run(["compare", "--json", SharedData.X3p("raw/fadul_1-1_raw.x3p"), SharedData.X3p("raw/fadul_1-2_raw.x3p")]);

        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("registration").GetProperty("status").GetString(), Is.EqualTo("registered"));
        // The processed Fadul 1-1/1-2 pair registers at 23°; the raw files must agree within 3°.
        Assert.That(root.GetProperty("theta_deg").GetDouble(), Is.EqualTo(23).Within(3));
        Assert.That(root.GetProperty("kept_share_a").GetDouble(), Is.InRange(0.2, 1.0));
        Assert.That(root.GetProperty("kept_share_b").GetDouble(), Is.InRange(0.2, 1.0));
        Assert.That(root.GetProperty("preprocess_notes_a").EnumerateArray().Select(n => n.GetString()), Has.Some.Contains("firing-pin aperture"), "the examiner reads what preprocessing decided");
        Assert.That(root.GetProperty("common_band_long_cutoff_um").ValueKind, Is.EqualTo(JsonValueKind.Null), "two raw scans keep their prepared band");
    }

    [Test]
    public void Compare_RawAgainstAnotherLabsProcessedScan_SaysTheCommonBand()
    {
        // Baldwin A2 as the instrument wrote it (found from its heights) against the triplet's questioned case, which
        // CSAFE cropped and filtered: the processed scan holds far less relief beyond 450 µm.
        string[] pair = ["--ignore-mask", SharedData.X3p("cartridge/baldwin_K013sA2_raw.x3p"), SharedData.X3p("cartridge/triplet_x3p3_questioned.x3p")];

        var (code, output, error) = Run(["compare", "--json", .. pair]);
        var (textCode, text, textError) = Run(["compare", .. pair]);

        Assert.That(code, Is.Zero, error);
        Assert.That(textCode, Is.Zero, textError);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("common_band_long_cutoff_um").GetDouble(), Is.EqualTo(300));
        Assert.That(text, Does.Contain("band: both scans compared without wavelengths beyond 300 µm"));
    }

    [Test]
    public void Compare_IgnoreMask_MaskedRawPairFoundFromTheHeightsAndRegistered()
    {
        var a = SharedData.X3p("cartridge/baldwin_K013sA1_raw.x3p");
        var b = SharedData.X3p("cartridge/baldwin_K013sA2_raw.x3p");

        var (maskedCode, masked, maskedError) = Run(["compare", "--json", a, b]);
        var (code, output, error) = Run(["compare", "--json", "--ignore-mask", a, b]);

        Assert.That(maskedCode, Is.Zero, maskedError);
        Assert.That(code, Is.Zero, error);
        using var maskedDoc = JsonDocument.Parse(masked);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.That(maskedDoc.RootElement.GetProperty("preprocess_notes_a").EnumerateArray().Select(n => n.GetString()), Has.Some.Contains("mask"));
        Assert.That(root.GetProperty("preprocess_notes_a").EnumerateArray().Select(n => n.GetString()), Has.Some.Contains("firing-pin aperture"));
        Assert.That(root.GetProperty("registration").GetProperty("status").GetString(), Is.EqualTo("registered"));
        // Found from the heights, the pair registers where the masked pair does.
        Assert.That(root.GetProperty("theta_deg").GetDouble(), Is.EqualTo(maskedDoc.RootElement.GetProperty("theta_deg").GetDouble()).Within(3));
    }

    [Test]
    public void Compare_PairThatCannotRegister_SaysFailedAndPrintsNoPose()
    {
        // A ring of 1,000–1,300 µm and a disc of 200 µm radius: within the 500 µm of shift searched the disc only ever
        // lies in the ring's hole, so no pose overlaps at all.
        using var dir = new TempDirectory();
        var ring = dir.File("ring.x3p");
        var disc = dir.File("disc.x3p");
        WriteShape(ring, r => r is >= 1000 and <= 1300, seed: 1);
        WriteShape(disc, r => r <= 200, seed: 2);
        var pairs = dir.File("pairs.csv");
        File.WriteAllText(pairs, "a,b\nring.x3p,disc.x3p\n");
        var scores = dir.File("scores.csv");

        var (code, output, error) = Run(["compare", "--json", ring, disc]);
        var (textCode, text, _) = Run(["compare", ring, disc]);
        var (pairsCode, _, pairsError) = Run(["compare", "--pairs", pairs, "--out", scores]);

        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("registration").GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(root.GetProperty("registration").GetProperty("reason").GetString(), Does.Contain("overlap"));
        Assert.That(root.GetProperty("theta_deg").ValueKind, Is.EqualTo(JsonValueKind.Null), "no pose of zeros that reads like a result");
        Assert.That(root.GetProperty("dx_um").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(textCode, Is.Zero);
        Assert.That(text, Does.StartWith("registration: failed ("));
        Assert.That(text, Does.Not.Contain("theta_deg="));
        Assert.That(pairsCode, Is.Zero, pairsError);
        var row = File.ReadAllLines(scores)[1].Split(',');
        Assert.That(row[12], Does.StartWith("registration_failed: "), "the status column, before the firing pin's");
        Assert.That(row[8..11], Is.All.Empty, "theta, dx and dy left empty");
    }

    private static void WriteShape(string path, Func<double, bool> inside, int seed)
    {
        const int Size = 301;
        const double Step = 10;
        var random = new Random(seed);
        var values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var r = Math.Sqrt(((x - 150) * (x - 150)) + ((y - 150) * (y - 150))) * Step;
                values[(y * Size) + x] = inside(r) ? (float)random.NextDouble() : float.NaN;
            }
        }

        Ballistics.Ingest.X3p.X3pWriter.Write(new Ballistics.Engine.Surfaces.Surface(Size, Size, Step, Step, values), path);
    }

    [Test]
    public void Compare_Pairs_WritesScoresAndReportsBadRows()
    {
        using var dir = new TempDirectory();
        var cartridge = Path.GetDirectoryName(SharedData.X3p("cartridge/x"))!;
        var list = dir.File("pairs.csv");
        File.WriteAllText(list, $"a,b,note\n{cartridge}/fadul_1-1_processed.x3p,{cartridge}/fadul_1-2_processed.x3p,same\n{cartridge}/fadul_1-1_processed.x3p,,broken\n{cartridge}/fadul_1-1_processed.x3p,missing.x3p,absent\n");
        var scores = dir.File("out/scores.csv");

        var (code, output, error) = Run(["compare", "--pairs", list, "--out", scores]);

        Assert.That(code, Is.EqualTo(1), "bad rows make the exit status non-zero");
        Assert.That(error, Does.Contain("pairs.csv: line 3, field b: empty scan path"));
        Assert.That(error, Does.Contain("missing.x3p"));
        var lines = File.ReadAllLines(scores);
        Assert.That(lines[0], Is.EqualTo("a,b,score,score_bf,score_fp,score_shear,cmc,ccf,theta_deg,dx_um,dy_um,ms,status,fp_status,fp_ncc,fp_theta_deg,fp_peak_z,fp_angle_from_bf_deg,shear_status,shear_ncc,shear_direction_deg,shear_offset_um,shear_overlap_um,shear_coherence,fp_ring_ncc,fp_ring_strength"));
        Assert.That(lines, Has.Length.EqualTo(2), "the good pair is scored despite its bad neighbours");
        Assert.That(lines[1], Does.EndWith(",registered,absent: A: the scan holds the breech face only (already cropped and filtered); B: the scan holds the breech face only (already cropped and filtered),,,,"
            + ",absent: A: the scan holds the breech face only (already cropped and filtered); B: the scan holds the breech face only (already cropped and filtered),,,,,,,"),
            "processed scans carry no firing pin and no aperture shear: the columns say so and leave the numbers empty");
        Assert.That(output, Does.Contain("wrote 1 scores"));
    }

    [Test]
    public void Compare_Diagnostics_WritesPicturesPageAndCells()
    {
        using var dir = new TempDirectory();
        var folder = dir.File("diag");

        var (code, output, error) = Run(["compare", "--json", "--diagnostics", folder, SharedData.X3p("cartridge/triplet_x3p1_processed.x3p"), SharedData.X3p("cartridge/triplet_x3p2_processed.x3p")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain($"diagnostics: wrote 10 files to {folder}"), "six pictures, the region over each scan as given, the page and the cells");
        using var printed = JsonDocument.Parse(output);
        foreach (var name in Ballistics.Engine.Diagnostics.ComparisonDiagnostics.ImageNames.Concat(Ballistics.Engine.Diagnostics.ComparisonDiagnostics.RegionImageNames))
        {
            var png = File.ReadAllBytes(Path.Combine(folder, name + ".png"));
            Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), name);
        }

        var page = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.That(page, Does.Contain("<img src=\"cells.png\"").And.Contain("triplet_x3p1_processed.x3p").And.Contain("not an identification"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "diagnostics.json")));
        var cells = json.RootElement.GetProperty("diagnostics").GetProperty("cells").EnumerateArray().ToArray();
        Assert.That(cells, Has.Length.EqualTo(128), "8×8 cells each way");
        Assert.That(cells.Count(c => c.GetProperty("direction").GetString() == "forward" && c.GetProperty("congruent").GetBoolean()), Is.EqualTo(printed.RootElement.GetProperty("forward").GetProperty("cmc_count").GetInt32()));
        Assert.That(json.RootElement.GetProperty("comparison").GetProperty("score").GetDouble(), Is.EqualTo(printed.RootElement.GetProperty("score").GetDouble()));
    }

    [Test]
    public void Compare_DiagnosticsWithPairs_UsageError()
    {
        var (code, _, error) = Run(["compare", "--pairs", "p.csv", "--out", "s.csv", "--diagnostics", "d"]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--diagnostics draws one comparison"));
    }

    [Test]
    public void Compare_OneFile_UsageError()
    {
        var (code, _, error) = Run(["compare", SharedData.X3p("cartridge/fadul_1-1_processed.x3p")]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("give two scans"));
    }
}
