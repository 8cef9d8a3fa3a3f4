using System.Text.Json;
using Ballistics.Testing;
using static Ballistics.Cli.Tests.Commands.InfoCommandTests;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class SamplesCommandTests
{
    [Test]
    public void Render_GeneratedSet_PhotographsComparedAndScansRenderedToMeetThem()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.File("scans"), "--firearms", "2", "--fires", "2", "--seed", "4"]);

        var (code, output, error) = Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("photos"), "--seed", "2", "--lighting", "side"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("wrote 4 photographs (side light, seed 2)"));
        var manifest = File.ReadAllLines(dir.File("photos/manifest.csv"));
        Assert.That(manifest[0], Does.StartWith("file,firearm_id,make_model,caliber,ammo,fire_index,source,lighting,pixel_size_um,elevation_deg"));
        var photo = dir.File("photos/" + manifest[1].Split(',')[0]);
        var scan = dir.File("scans/scans/F0001_fire02.x3p");
        var other = dir.File("photos/" + manifest[2].Split(',')[0]);

        var photographs = Run(["compare", "--json", "--lighting", "side", photo, other]);
        var mixed = Run(["compare", "--json", photo, scan]);

        Assert.That(photographs.Code, Is.Zero, photographs.Error);
        using var json = JsonDocument.Parse(photographs.Output.Trim());
        Assert.That(json.RootElement.GetProperty("score").GetDouble(), Is.InRange(0, 1));
        Assert.That(json.RootElement.GetProperty("modality").GetString(), Is.EqualTo("2d"));
        Assert.That(json.RootElement.GetProperty("algorithm_version").GetString(), Does.StartWith(Engine.Preprocessing.PhotographPreprocessor.AlgorithmVersion));
        Assert.That(json.RootElement.GetProperty("lighting").GetProperty("a").GetString(), Is.EqualTo("side"));
        Assert.That(mixed.Code, Is.Zero, mixed.Error);
        using var cross = JsonDocument.Parse(mixed.Output.Trim());
        Assert.That(cross.RootElement.GetProperty("modality").GetString(), Is.EqualTo("3d-2d"));
        Assert.That(cross.RootElement.GetProperty("preprocess_notes_b").EnumerateArray().Select(n => n.GetString()), Has.Some.Contains("rendered from the topography"));
    }

    [Test]
    public void Eval_ScansWithTheirPhotographs_OnlyPairsAcrossModalitiesAndNeverAPhotographWithItsOwnScan()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.File("scans"), "--firearms", "2", "--fires", "2", "--seed", "4"]);
        Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("photos"), "--seed", "2"]);

        var (code, output, error) = Run(["eval", "--manifest", dir.File("photos/manifest_3d2d.csv"), "--out", dir.File("eval")]);

        Assert.That(code, Is.Zero, error);
        // 4 photographs × 4 scans, less each photograph with its own scan.
        Assert.That(output, Does.Contain("modality: 3d-2d — 4 photographs against 4 scans rendered in their light; 12 pairs"));
        Assert.That(File.ReadAllLines(dir.File("eval/scores.csv")), Has.Length.EqualTo(13));
    }

    [Test]
    public void Eval_PhotographModelGiven_PhotographsScoredByIt()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.File("scans"), "--firearms", "2", "--fires", "2", "--seed", "4"]);
        Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("photos"), "--seed", "2"]);
        // Any model file of the same inputs will do: the topographies' own, written out, is not the photographs'.
        var other = dir.File("other-model.zip");
        using (var resource = typeof(Engine.Scoring.ScoreModel).Assembly.GetManifestResourceStream(Engine.Scoring.ScoreModel.DefaultResourceName)!)
        using (var file = File.Create(other))
        {
            resource.CopyTo(file);
        }

        var embedded = Run(["eval", "--manifest", dir.File("photos/manifest.csv"), "--out", dir.File("eval1")]);
        var given = Run(["eval", "--manifest", dir.File("photos/manifest.csv"), "--out", dir.File("eval2"), "--photograph-model", other]);

        Assert.That(given.Code, Is.Zero, given.Error);
        Assert.That(given.Output, Does.Contain($"algorithm: {Engine.Preprocessing.PhotographPreprocessor.AlgorithmVersion}").And.Contain(Engine.Scoring.ScoreModel.LoadDefault().Version));
        Assert.That(embedded.Output, Does.Contain(Engine.Scoring.ScoreModel.PhotographDefault!.Version).And.Not.Contain(Engine.Scoring.ScoreModel.LoadDefault().Version));
    }

    [Test]
    public void Eval_PhotographsLightingNotKnown_RowLeftOutNamingLineAndField()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.File("scans"), "--firearms", "2", "--fires", "2", "--seed", "4"]);
        Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("photos"), "--seed", "2", "--lighting", "ring"]);
        var manifest = dir.File("photos/manifest.csv");
        var lines = File.ReadAllLines(manifest);
        lines[2] = lines[2].Replace(",ring,", ",sunlight,", StringComparison.Ordinal);
        File.WriteAllLines(manifest, lines);

        var (code, output, error) = Run(["eval", "--manifest", manifest, "--out", dir.File("eval")]);

        Assert.That(error, Does.Contain("line 3, field lighting: 'sunlight' is not ring, side or unknown"));
        Assert.That(output, Does.Contain("scans=3 pairs=3"));
        Assert.That(code, Is.Zero.Or.EqualTo(1));
    }

    [Test]
    public void Generate_SmallCorpus_WritesScansAndManifest()
    {
        using var dir = new TempDirectory();

        var (code, output, error) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "3", "--fires", "2", "--seed", "1"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("wrote 6 scans of 3 firearms"));
        var manifest = File.ReadAllLines(Path.Combine(dir.Path, "manifest.csv"));
        Assert.That(manifest[0], Is.EqualTo("file,firearm_id,make_model,caliber,ammo,fire_index"));
        Assert.That(manifest, Has.Length.EqualTo(7));
        Assert.That(Directory.GetFiles(Path.Combine(dir.Path, "scans"), "*.x3p"), Has.Length.EqualTo(6));
    }

    /// <summary>
    /// The generated records tell the corpus's story end to end: ingested into a store, each straw-run
    /// firearm with a serial traces to its purchaser on a multiple-sale report, and the seizures name the
    /// firearms' first scans as their crime-scene cartridge cases.
    /// </summary>
    [Test]
    public void Generate_RecordsIngestedAndStrawRunsTraced()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.Path, "--firearms", "16", "--fires", "1", "--seed", "3"]);
        var records = Path.Combine(dir.Path, "records");
        var store = dir.File("data");

        foreach (var (file, kind) in new[] { ("transactions.csv", "transactions"), ("seizures.csv", "seizure"), ("traces.csv", "trace") })
        {
            var (code, output, _) = Run(["records", "ingest", Path.Combine(records, file), "--kind", kind, "--store", store]);
            Assert.That(code, Is.Zero, file);
            Assert.That(output, Does.Contain("16 records: 16 stored, 0 skipped as duplicates, 0 rejected"), file);
        }

        var straw = File.ReadAllLines(Path.Combine(records, "transactions.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[^1].Length > 0)
            .Select(f => Samples.LinkedRecords.TraceNumberOf(f[0]))
            .ToArray();
        var traced = straw.Select(t => JsonDocument.Parse(Run(["trace", "--request", t, "--store", store, "--json"]).Output).RootElement).ToArray();
        var withSerial = traced.Where(t => t.GetProperty("outcome").GetString() != "obliterated_serial").ToArray();

        Assert.That(straw, Is.Not.Empty);
        Assert.That(withSerial.Select(t => t.GetProperty("outcome").GetString()).Distinct(), Is.EqualTo(new[] { "completed" }));
        Assert.That(withSerial.Select(t => t.GetProperty("multiple_sale").GetProperty("firearms_on_report").GetInt32()), Is.All.InRange(2, 4));
        Assert.That(withSerial.Count(t => t.GetProperty("short_ttc").GetBoolean()), Is.GreaterThan(0));
        var cases = File.ReadAllLines(Path.Combine(records, "seizures.csv")).Skip(1).Select(l => l.Split(',')[^1]);
        Assert.That(cases, Is.EqualTo(Enumerable.Range(1, 16).Select(n => $"F{n:D4}_fire01")));
    }

    [Test]
    public void Generate_ThenInfo_EveryScanReads()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.Path, "--firearms", "2", "--fires", "1", "--seed", "9", "--difficulty", "hard"]);

        var (code, output, error) = Run(["info", .. Directory.GetFiles(Path.Combine(dir.Path, "scans"), "*.x3p")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
        Assert.That(output, Does.Contain("creator=\""));
    }

    [TestCase("--firearms", "0")]
    [TestCase("--fires", "-2")]
    public void Generate_NonPositiveCount_IsErrorNamingTheFlag(string flag, string value)
    {
        using var dir = new TempDirectory();
        string[] args = ["samples", "generate", "--out", dir.Path, "--firearms", "2", "--fires", "2", "--seed", "1"];
        args[Array.IndexOf(args, flag) + 1] = value;

        var (code, _, error) = Run(args);

        Assert.That(code, Is.Not.Zero);
        Assert.That(error, Does.Contain(flag));
    }

    [Test]
    public void Generate_MissingRequiredFlag_IsUsageError()
    {
        var (code, _, _) = Run(["samples", "generate", "--firearms", "2", "--fires", "2", "--seed", "1"]);

        Assert.That(code, Is.Not.Zero);
    }

    [Test]
    public void Generate_Conditions_WrittenToTheGroundTruth()
    {
        using var dir = new TempDirectory();

        var (code, output, error) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "2", "--fires", "1", "--seed", "3", "--condition", "layout=processed", "--condition", "dropout=0.03", "--condition", "pin_turning=0"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("conditions: fixed; fixed dropout=0.03, layout=processed, pin_turning=0"));
        var truth = File.ReadAllLines(Path.Combine(dir.Path, "ground_truth.csv"));
        Assert.That(truth[0], Does.EndWith("dropout,dropout_clustering,contact,noise,step_um,warp_um,primer_flow,crater,layout,subclass,pin_turning,lab_long_cutoff_um"));
        Assert.That(truth[1], Does.EndWith(",0.03,,,,,,,,processed,,0,"));
    }

    [Test]
    public void Generate_ConditionRange_EachScanDrawsItsOwnWithinTheRange()
    {
        using var dir = new TempDirectory();

        var (code, output, error) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "2", "--fires", "2", "--seed", "3", "--condition", "layout=processed", "--condition", "contact=0.5..0.95"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("conditions: fixed; fixed layout=processed; drawn for every scan from contact=0.5..0.95"));
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "ground_truth.csv"));
        // Counted from the end: the instrument's name holds a quoted comma.
        var fromEnd = lines[0].Split(',').Length - Array.IndexOf(lines[0].Split(','), "contact");
        var contacts = lines.Skip(1).Select(l => l.Split(',')).Select(f => double.Parse(f[^fromEnd], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(contacts, Has.Count.EqualTo(4));
        Assert.That(contacts, Has.All.InRange(0.5, 0.95));
        Assert.That(contacts.Distinct().Count(), Is.EqualTo(4), "every scan its own draw");
    }

    [TestCase("contact=2", "--condition contact=2: ContactFraction must lie in [0.2, 1]")]
    [TestCase("shine=1", "--condition shine=1: 'shine' is no condition")]
    [TestCase("contact=0.5..1.5", "--condition contact=0.5..1.5: ContactFraction must lie in [0.2, 1]")]
    [TestCase("contact=0.9..0.5", "the range 0.9..0.5 runs backwards")]
    [TestCase("layout=raw..processed", "'layout' takes no range")]
    public void Generate_BadCondition_IsErrorNamingIt(string condition, string message)
    {
        using var dir = new TempDirectory();

        var (code, _, error) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "1", "--fires", "1", "--seed", "3", "--condition", condition]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void Generate_ConditionFixedAndRanged_IsErrorNamingIt()
    {
        using var dir = new TempDirectory();

        var (code, _, error) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "1", "--fires", "1", "--seed", "3", "--condition", "contact=0.5", "--condition", "contact=0.5..0.9"]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--condition contact=0.5..0.9: contact is already given"));
    }

    [Test]
    public void Render_LightRanges_EachPhotographDrawsWithinThemAndTheRestAsBefore()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.File("scans"), "--firearms", "2", "--fires", "2", "--seed", "4"]);
        Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("usual"), "--seed", "2", "--lighting", "ring"]);

        var (code, output, error) = Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("even"), "--seed", "2", "--lighting", "ring",
            "--light", "ring_unevenness=0..0.05", "--light", "elevation_deg=70"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("settings drawn for every photograph from ring_unevenness=0..0.05, elevation_deg=70"));
        var even = Columns(dir.File("even/manifest.csv"));
        var usual = Columns(dir.File("usual/manifest.csv"));
        Assert.That(even.Select(r => r["ring_unevenness"]), Has.All.InRange(0, 0.05));
        Assert.That(even.Select(r => r["ring_unevenness"]).Distinct().Count(), Is.EqualTo(4), "every photograph its own draw");
        Assert.That(even.Select(r => r["elevation_deg"]), Has.All.EqualTo(70));
        Assert.That(usual.Select(r => r["ring_unevenness"]), Has.All.InRange(0.05, 0.5));
        // The settings not named are drawn as without ranges: the same pixel sizes and finish.
        Assert.That(even.Select(r => r["pixel_size_um"]), Is.EqualTo(usual.Select(r => r["pixel_size_um"])));
        Assert.That(even.Select(r => r["shininess"]), Is.EqualTo(usual.Select(r => r["shininess"])));

        static List<Dictionary<string, double>> Columns(string manifest)
        {
            var lines = File.ReadAllLines(manifest);
            var names = lines[0].Split(',');
            return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => names.Zip(f)
                .Where(p => p.First is "ring_unevenness" or "elevation_deg" or "pixel_size_um" or "shininess")
                .ToDictionary(p => p.First, p => double.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture)))];
        }
    }

    [TestCase("ring_unevenness=0..2", "--light ring_unevenness=0..2: ring_unevenness: 0..2 is outside the values it can take, 0..1")]
    [TestCase("glare=1", "--light glare=1: 'glare' is not a photograph's setting; the settings are elevation_deg,")]
    [TestCase("elevation_deg=60..30", "elevation_deg: the range 60..30 runs backwards")]
    [TestCase("shininess=shiny", "shininess: 'shiny' is not a number")]
    public void Render_BadLight_IsErrorNamingItAndNothingWritten(string light, string message)
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.File("scans"), "--firearms", "1", "--fires", "1", "--seed", "4"]);

        var (code, _, error) = Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("photos"), "--seed", "2", "--light", light]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.Exists(dir.File("photos")), Is.False);
    }

    [Test]
    public void Render_LightGivenTwice_IsErrorNamingIt()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.File("scans"), "--firearms", "1", "--fires", "1", "--seed", "4"]);

        var (code, _, error) = Run(["samples", "render", "--manifest", dir.File("scans/manifest.csv"), "--out", dir.File("photos"), "--seed", "2",
            "--light", "diffuse=0.1", "--light", "diffuse=0.2..0.3"]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--light diffuse=0.2..0.3: diffuse is already given"));
    }
}
