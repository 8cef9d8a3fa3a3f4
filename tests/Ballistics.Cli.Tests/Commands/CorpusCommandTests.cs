using System.Text.Json;
using Ballistics.Store;
using Ballistics.Testing;
using static Ballistics.Cli.Tests.Commands.InfoCommandTests;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class CorpusCommandTests
{
    private static string Generate(TempDirectory dir, int firearms, int fires, int seed)
    {
        var (code, _, error) = Run(["samples", "generate", "--out", dir.File("set"), "--firearms", $"{firearms}", "--fires", $"{fires}", "--seed", $"{seed}"]);
        Assert.That(code, Is.Zero, error);
        return dir.File("set/manifest.csv");
    }

    [Test]
    public void AddThenSearch_GeneratedSet_MateLeadsAndTheQueryIsNotItsOwnLead()
    {
        using var dir = new TempDirectory();
        var manifest = Generate(dir, firearms: 4, fires: 3, seed: 515);
        var store = dir.File("data");

        var (added, addOutput, addError) = Run(["corpus", "add", "--manifest", manifest, "--store", store]);
        var (again, againOutput, _) = Run(["corpus", "add", dir.File("set/scans"), "--store", store]);
        var (code, output, error) = Run(["search", dir.File("set/scans/F0002_fire01.x3p"), "--store", store, "--top", "5", "--json"]);

        Assert.That(added, Is.Zero, addError);
        Assert.That(addOutput, Does.StartWith("added 12, skipped 0 duplicates, rejected 0"));
        Assert.That(again, Is.Zero);
        Assert.That(againOutput, Does.StartWith("added 0, skipped 12 duplicates, rejected 0"));
        Assert.That(code, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var leads = json.RootElement.GetProperty("leads").EnumerateArray().ToArray();
        Assert.That(leads, Has.Length.EqualTo(5));
        Assert.That(json.RootElement.GetProperty("query").GetProperty("searched").GetInt32(), Is.EqualTo(12));
        Assert.That(leads.Select(l => l.GetProperty("exhibit_id").GetString()), Has.No.Member("F0002_fire01"));
        Assert.That(leads[0].GetProperty("firearm_id").GetString(), Is.EqualTo("F0002"));
        Assert.That(leads[0].GetProperty("rank").GetInt32(), Is.EqualTo(1));
        Assert.That(leads.Select(l => l.GetProperty("score").GetDouble()), Is.Ordered.Descending);
        foreach (var name in new[] { "item_id", "score_bf", "score_fp", "score_shear", "similarity", "cmc", "theta_deg", "dx_um", "dy_um", "incident_id" })
        {
            Assert.That(leads[0].TryGetProperty(name, out _), Is.True, name);
        }
    }

    [Test]
    public void AddThenSearch_PhotographsBesideScans_EachSearchedAmongItsOwnModality()
    {
        using var dir = new TempDirectory();
        var manifest = Generate(dir, firearms: 3, fires: 2, seed: 516);
        var store = dir.File("data");
        Assert.That(Run(["samples", "render", "--manifest", manifest, "--out", dir.File("photos"), "--seed", "3", "--lighting", "ring"]).Code, Is.Zero);

        var (added, addOutput, addError) = Run(["corpus", "add", "--manifest", manifest, "--store", store]);
        // The photographs' manifest states each one's light and pixel size (its lighting and pixel_size_um columns).
        var (addedPhotos, photosOutput, photosError) = Run(["corpus", "add", "--manifest", dir.File("photos/manifest.csv"), "--store", store]);
        var photo = Run(["search", dir.File("photos/photos/F0002_fire01.png"), "--store", store, "--json"]);
        var scan = Run(["search", dir.File("set/scans/F0002_fire01.x3p"), "--store", store, "--json"]);
        var rendered = Run(["search", dir.File("set/scans/F0002_fire02.x3p"), "--store", store, "--json", "--as-photograph"]);
        var sideLit = Run(["search", dir.File("set/scans/F0002_fire02.x3p"), "--store", store, "--json", "--as-photograph", "--lighting", "side"]);

        Assert.That(added, Is.Zero, addError);
        Assert.That(addOutput, Does.StartWith("added 6, skipped 0 duplicates, rejected 0"));
        Assert.That(addedPhotos, Is.Zero, photosError);
        Assert.That(photosOutput, Does.StartWith("added 6, skipped 0 duplicates, rejected 0"));
        Assert.That(photo.Code, Is.Zero, photo.Error);
        Assert.That(Run(["search", dir.File("photos/photos/F0002_fire01.png"), "--store", store]).Error, Does.Contain("searched among the photographs (2d)"));
        using var photoJson = JsonDocument.Parse(photo.Output);
        Assert.That(photoJson.RootElement.GetProperty("query").GetProperty("modality").GetString(), Is.EqualTo("2d"));
        var photoLeads = photoJson.RootElement.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("exhibit_id").GetString()).ToArray();
        Assert.That(photoLeads, Is.EquivalentTo(new[] { "F0001_fire01", "F0001_fire02", "F0002_fire02", "F0003_fire01", "F0003_fire02" }), "the other photographs, no scan");
        using var scanJson = JsonDocument.Parse(scan.Output);
        Assert.That(scanJson.RootElement.GetProperty("query").GetProperty("modality").GetString(), Is.EqualTo("3d"));
        Assert.That(scanJson.RootElement.GetProperty("leads").GetArrayLength(), Is.EqualTo(5), "the other scans, no photograph");
        Assert.That(rendered.Code, Is.Zero, rendered.Error);
        using var renderedJson = JsonDocument.Parse(rendered.Output);
        Assert.That(renderedJson.RootElement.GetProperty("query").GetProperty("modality").GetString(), Is.EqualTo("2d"));
        Assert.That(renderedJson.RootElement.GetProperty("leads").GetArrayLength(), Is.EqualTo(6), "every photograph, its own among them: a scan is not its photograph's bytes");
        Assert.That(sideLit.Code, Is.Zero, sideLit.Error);
        using var sideJson = JsonDocument.Parse(sideLit.Output);
        Assert.That(sideJson.RootElement.GetProperty("leads").GetArrayLength(), Is.Zero, "rendered under a side light, it meets side-lit photographs only, and every one here is ring-lit");
        // Each item's one mate is among the five others of its modality: stage 1 keeps to the modality, never to nothing.
        var measured = Run(["corpus", "eval", "--store", store, "--candidates", "10", "--queries", "2"]);
        Assert.That(measured.Code, Is.Zero, measured.Error);
        Assert.That(measured.Output, Does.Contain("stage 1 (12 queries): mate within top 10 1.0000"));
    }

    [Test]
    public void Add_PhotographFolderWithFlags_EachPhotographKeepsTheStatedLightAndPixelSize()
    {
        using var dir = new TempDirectory();
        var manifest = Generate(dir, firearms: 1, fires: 2, seed: 517);
        Assert.That(Run(["samples", "render", "--manifest", manifest, "--out", dir.File("photos"), "--seed", "4", "--lighting", "side"]).Code, Is.Zero);
        var store = dir.File("data");

        var (code, output, error) = Run(["corpus", "add", dir.File("photos/photos"), dir.File("set/scans"), "--store", store, "--lighting", "side", "--pixel-size-um", "5.5"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.StartWith("added 4, skipped 0 duplicates, rejected 0"));
        using var opened = DataStore.Open(store, create: false).Value;
        var items = opened.Scans.Items();
        var photographs = items.Where(i => i.Modality == "2d").ToArray();
        Assert.That(photographs, Has.Length.EqualTo(2));
        Assert.That(photographs.Select(i => (i.Metadata.Lighting, i.Metadata.PixelSizeUm)), Is.All.EqualTo(((Engine.Surfaces.ImageLighting?)Engine.Surfaces.ImageLighting.Side, (double?)5.5)));
        Assert.That(items.Where(i => i.Modality == "3d").Select(i => (i.Metadata.Lighting, i.Metadata.PixelSizeUm)), Is.All.EqualTo(((Engine.Surfaces.ImageLighting?)null, (double?)null)), "a scan has no light or pixel size of its own");
    }

    [Test]
    public void Search_Full_ScreensEveryCandidateAndComparesTheBestInFull()
    {
        using var dir = new TempDirectory();
        var manifest = Generate(dir, firearms: 3, fires: 3, seed: 519);
        var store = dir.File("data");
        Run(["corpus", "add", "--manifest", manifest, "--store", store]);

        var (code, output, error) = Run(["search", dir.File("set/scans/F0003_fire02.x3p"), "--store", store, "--full", "3", "--top", "3", "--json"]);
        var (wider, widerOutput, _) = Run(["search", dir.File("set/scans/F0003_fire02.x3p"), "--store", store, "--full", "3", "--json"]);
        var (bad, _, badError) = Run(["search", dir.File("set/scans/F0003_fire02.x3p"), "--store", store, "--full", "0"]);

        Assert.That(code, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var query = json.RootElement.GetProperty("query");
        Assert.That(query.GetProperty("screened").GetInt32(), Is.EqualTo(8));
        Assert.That(query.GetProperty("compared").GetInt32(), Is.EqualTo(3));
        var leads = json.RootElement.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("firearm_id").GetString()).ToArray();
        Assert.That(leads.Take(2), Is.All.EqualTo("F0003"), "both mates screened in and ranked first");
        Assert.That(wider, Is.Zero);
        using var widerJson = JsonDocument.Parse(widerOutput);
        Assert.That(widerJson.RootElement.GetProperty("query").GetProperty("compared").GetInt32(), Is.EqualTo(8), "never fewer compared in full than leads asked for (--top 10)");
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("--full must be positive"));
    }

    [Test]
    public void Search_Table_HeaderAndCaliberFilter()
    {
        using var dir = new TempDirectory();
        var manifest = Generate(dir, firearms: 2, fires: 2, seed: 516);
        var store = dir.File("data");
        Run(["corpus", "add", "--manifest", manifest, "--store", store]);

        var (code, output, error) = Run(["search", dir.File("set/scans/F0001_fire01.x3p"), "--store", store, "--caliber", "9x19"]);
        var (none, noneOutput, _) = Run(["search", dir.File("set/scans/F0001_fire01.x3p"), "--store", store, "--caliber", ".45 ACP"]);
        var (bad, _, badError) = Run(["search", dir.File("set/scans/F0001_fire01.x3p"), "--store", store, "--caliber", "banana"]);

        Assert.That(code, Is.Zero, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("rank,item_id,exhibit_id,score,score_bf,score_fp,score_shear,similarity,cmc,theta_deg,dx_um,dy_um,incident_id,firearm_id,status"));
        Assert.That(lines, Has.Length.EqualTo(4), "three others on file");
        Assert.That(lines[1], Does.StartWith("1,").And.EndWith(",F0001,registered"));
        Assert.That(none, Is.Zero);
        Assert.That(noneOutput.Trim().Split('\n'), Has.Length.EqualTo(1), "header only: no .45 item on file");
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("--caliber").And.Contain("'banana' is not a known caliber"));
    }

    [Test]
    public void Search_FiringPinShapeFilter_OnlyItemsMeasuredSoAndBadShapeRefused()
    {
        using var dir = new TempDirectory();
        var manifest = Generate(dir, firearms: 3, fires: 2, seed: 517);
        var store = dir.File("data");
        Run(["corpus", "add", "--manifest", manifest, "--store", store]);
        var query = dir.File("set/scans/F0001_fire01.x3p");

        var (_, all, _) = Run(["search", query, "--store", store, "--json"]);
        using var allJson = JsonDocument.Parse(all);
        var shapes = allJson.RootElement.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("firing_pin_shape").GetString()).ToArray();
        var shape = shapes.First(s => s is not null)!;
        var (code, output, error) = Run(["search", query, "--store", store, "--json", "--firing-pin-shape", shape.ToUpperInvariant()]);
        var (bad, _, badError) = Run(["search", query, "--store", store, "--firing-pin-shape", "hexagonal"]);

        Assert.That(code, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var kept = json.RootElement.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("firing_pin_shape").GetString()).ToArray();
        Assert.That(kept, Has.Length.EqualTo(shapes.Count(s => s == shape)));
        Assert.That(kept, Is.All.EqualTo(shape));
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("--firing-pin-shape: 'hexagonal' is not a measured shape"));
    }

    [Test]
    public void Add_ManifestWithBadRowsAndBadFile_RejectsThemByLineAndKeepsTheRest()
    {
        using var dir = new TempDirectory();
        Generate(dir, firearms: 1, fires: 3, seed: 517);
        File.WriteAllBytes(dir.File("set/scans/broken.x3p"), [1, 2, 3]);
        File.WriteAllText(dir.File("set/lab.csv"),
            "file,exhibit_id,country,caliber,date\n"
            + "scans/F0001_fire01.x3p,EV-1,MX,9mm Luger,2025-02-03\n"
            + "scans/F0001_fire02.x3p,EV-2,Canada,9mm Luger,2025-02-03\n"
            + "scans/F0001_fire03.x3p,EV-3,US,9mm Luger,2025-02-31\n"
            + "scans/broken.x3p,EV-4,US,,\n");
        var store = dir.File("data");

        var (code, output, error) = Run(["corpus", "add", "--manifest", dir.File("set/lab.csv"), "--store", store]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("added 1, skipped 0 duplicates, rejected 3"));
        Assert.That(error, Does.Contain("lab.csv: line 3, field country"));
        Assert.That(error, Does.Contain("lab.csv: line 4, field date"));
        Assert.That(error, Does.Contain("broken.x3p"));
        using var opened = DataStore.Open(store, create: false).Value;
        var item = opened.Scans.Get(1)!;
        Assert.That(item.Metadata.ExhibitId, Is.EqualTo("EV-1"));
        Assert.That(item.Metadata.Country, Is.EqualTo("MX"));
    }

    [Test]
    public void Add_UnreadableManifest_ErrorAndNoStoreCreated()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("m.csv"), "name,firearm_id\nx.x3p,F1\n");

        var (code, _, error) = Run(["corpus", "add", "--manifest", dir.File("m.csv"), "--store", dir.File("data")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("error: ").And.Contain("m.csv").And.Contain("file"));
        Assert.That(Directory.Exists(dir.File("data")), Is.False);
    }

    [Test]
    public void Search_NoStore_ErrorAndNothingCreated()
    {
        using var dir = new TempDirectory();

        var (code, _, error) = Run(["search", SharedData.X3p("cartridge/fadul_1-1_processed.x3p"), "--store", dir.File("none")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("no store here"));
        Assert.That(Directory.Exists(dir.File("none")), Is.False);
    }

    /// <summary>
    /// Issue 4 §1: a child `ballistics corpus add` is killed (SIGKILL) once its first item is visible to another
    /// connection. Every item on file must then be whole — its original present under its hash, its row committed —
    /// and a rerun adds exactly the files the kill cut off.
    /// </summary>
    [Test]
    [CancelAfter(300_000)]
    public void Add_KilledMidway_StoreWholeAndRerunAddsExactlyTheRest()
    {
        using var dir = new TempDirectory();
        var manifest = Generate(dir, firearms: 15, fires: 4, seed: 518);
        var store = dir.File("data");
        var database = Path.Combine(store, DataStore.DatabaseFile);

        using (var child = ChildCli.Start(["corpus", "add", "--manifest", manifest, "--store", store]))
        {
            var seen = ChildCli.WaitForCommit(database, "SELECT count(*) FROM scan_item", child, TimeSpan.FromSeconds(120));
            Assert.That(child.HasExited, Is.False, $"the add finished before it could be killed (saw {seen} items)");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        long afterKill;
        using (var opened = DataStore.Open(store, create: false).Value)
        {
            Assert.That(opened.Check().IsWhole, Is.True);
            afterKill = opened.Scans.Count;
            foreach (var item in opened.Scans.Items())
            {
                var id = item.Id;
                var original = File.ReadAllBytes(opened.Scans.OriginalPath(item));
                Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original)), Is.EqualTo(item.Sha256), $"item {id} whole");
            }
        }

        Assert.That(afterKill, Is.GreaterThan(0).And.LessThan(60));
        TestContext.Out.WriteLine($"killed with {afterKill} of 60 items stored");

        var (code, output, error) = Run(["corpus", "add", "--manifest", manifest, "--store", store]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.StartWith($"added {60 - afterKill}, skipped {afterKill} duplicates, rejected 0"));
        using var final = DataStore.Open(store, create: false).Value;
        Assert.That(final.Scans.Count, Is.EqualTo(60));
    }
}
