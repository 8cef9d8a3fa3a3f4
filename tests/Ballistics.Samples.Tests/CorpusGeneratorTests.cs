using Ballistics.Ingest.X3p;
using Ballistics.Testing;

namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class CorpusGeneratorTests
{
    private static readonly CorpusOptions Small = new() { Firearms = 3, FiresPerFirearm = 2, Seed = 11, Difficulty = Difficulty.Easy };

    private TempDirectory _first = null!;
    private TempDirectory _again = null!;
    private TempDirectory _otherSeed = null!;
    private CorpusSummary _summary = null!;
    private List<int> _progress = [];

    [OneTimeSetUp]
    public void GenerateCorpora()
    {
        _first = new TempDirectory();
        _again = new TempDirectory();
        _otherSeed = new TempDirectory();
        var progress = new RecordingProgress();
        _summary = CorpusGenerator.Generate(Small, _first.Path, progress);
        _progress = progress.Values;
        CorpusGenerator.Generate(Small, _again.Path);
        CorpusGenerator.Generate(Small with { Seed = 12 }, _otherSeed.Path);
        TestContext.Out.WriteLine($"{_summary.ScanCount} scans in {_summary.Elapsed.TotalMilliseconds:F0} ms ({_summary.ElapsedPerScan.TotalMilliseconds:F0} ms per scan)");
    }

    [OneTimeTearDown]
    public void RemoveCorpora()
    {
        _first.Dispose();
        _again.Dispose();
        _otherSeed.Dispose();
    }

    [Test]
    public void Generate_SameSeed_GivesIdenticalBytes()
    {
        var first = RelativeFiles(_first.Path);
        var again = RelativeFiles(_again.Path);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(first, Has.Count.EqualTo(Small.ScanCount + 2 + 3), "scans, manifest and ground truth, three record files");
        Assert.Multiple(() =>
        {
            foreach (var file in first)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(_again.Path, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_first.Path, file))), file);
            }
        });
    }

    [Test]
    public void Generate_DifferentSeed_GivesDifferentScans()
    {
        Assert.Multiple(() =>
        {
            foreach (var row in _summary.Rows)
            {
                var mine = X3pReader.Read(Path.Combine(_first.Path, row.File)).Value;
                var theirs = X3pReader.Read(Path.Combine(_otherSeed.Path, row.File)).Value;
                Assert.That(theirs.ValuesBitEqual(mine), Is.False, row.File);
            }
        });
    }

    [Test]
    public void Generate_Manifest_HasTheExactHeaderAndOneRowPerScan()
    {
        var lines = File.ReadAllLines(_summary.ManifestPath);

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("file,firearm_id,make_model,caliber,ammo,fire_index"));
            Assert.That(lines, Has.Length.EqualTo(1 + (Small.Firearms * Small.FiresPerFirearm)));
            Assert.That(File.ReadAllText(_summary.ManifestPath), Does.Not.Contain("\r"));
        });
    }

    [Test]
    public void Generate_Manifest_MatchesTheFiles()
    {
        var rows = CorpusManifest.Read(_summary.ManifestPath);

        Assert.That(rows, Is.EqualTo(_summary.Rows));
        Assert.Multiple(() =>
        {
            foreach (var row in rows)
            {
                var path = Path.Combine(_first.Path, row.File);
                var read = X3pReader.Read(path);
                Assert.That(read.Success, Is.True, $"{row.File}: {read.Error}");
                Assert.That(row.File, Is.EqualTo($"scans/{row.FirearmId}_fire{row.FireIndex:D2}.x3p"));
                Assert.That(row.Caliber, Is.EqualTo("9mm Luger"));
                Assert.That(AmmunitionCatalogue.For(Small.Difficulty).Select(b => b.Name), Does.Contain(row.Ammo));
                Assert.That(read.Value.Metadata.Comment, Does.Contain($"firearm {row.FirearmId} ({row.MakeModel}").And.Contain($"fire {row.FireIndex},").And.Contain(row.Ammo));
            }

            var expected = Enumerable.Range(1, Small.Firearms)
                .SelectMany(n => Enumerable.Range(1, Small.FiresPerFirearm).Select(fire => (Firearm.FormatId(n), fire)));
            Assert.That(rows.Select(r => (r.FirearmId, r.FireIndex)), Is.EqualTo(expected));
            Assert.That(rows.GroupBy(r => r.FirearmId).Select(g => g.Select(r => r.MakeModel).Distinct().Count()), Has.All.EqualTo(1), "a firearm has one make");
        });
    }

    [Test]
    public void Generate_Scans_AreTheInMemoryFiringsReadBackBitForBit()
    {
        var row = _summary.Rows[3];
        var truth = _summary.GroundTruth[3];
        var number = int.Parse(row.FirearmId[1..], System.Globalization.CultureInfo.InvariantCulture);
        var firing = CartridgeCaseSimulator.Fire(Firearm.Create(Small.Seed, number, Small.Difficulty), row.FireIndex, row.Ammo, Small.Seed);
        var read = X3pReader.Read(Path.Combine(_first.Path, row.File)).Value;

        Assert.Multiple(() =>
        {
            Assert.That(read.ValuesBitEqual(firing.Surface), Is.True);
            Assert.That(truth.File, Is.EqualTo(row.File));
            Assert.That(truth.RotationDeg, Is.EqualTo(firing.RotationDeg));
            Assert.That(truth.TranslationXUm, Is.EqualTo(firing.TranslationXUm));
            Assert.That(read.Metadata.Date, Is.EqualTo(firing.Surface.Metadata.Date));
        });
    }

    [Test]
    public void Generate_GroundTruthFile_HasOneLinePerScan()
    {
        var lines = File.ReadAllLines(_summary.GroundTruthPath);

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo(CorpusManifest.GroundTruthHeader));
            Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(_summary.Rows.Select(r => r.File)));
        });
    }

    [Test]
    public void Generate_GroundTruthFile_NamesEachFiringPinsShapeAndShear()
    {
        var table = Ballistics.Ingest.Tables.CsvTable.Read(_summary.GroundTruthPath, ["file", "firing_pin_shape", "aperture_shear"]);
        Assert.That(table.Success, Is.True);
        var makes = _summary.Rows.ToDictionary(r => r.File, r => r.MakeModel);

        Assert.Multiple(() =>
        {
            foreach (var row in table.Value.Rows)
            {
                var expected = makes[row["file"]] == MakeModelCatalogue.Glock17Like.Name ? "elliptical" : "circular";
                Assert.That(row["firing_pin_shape"], Is.EqualTo(expected), row["file"]);
                Assert.That(row["aperture_shear"], Is.AnyOf("true", "false"), row["file"]);
            }
        });
    }

    [Test]
    public void Generate_Summary_CountsMakesAndAmmunition()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_summary.OutputDirectory, Is.EqualTo(Path.GetFullPath(_first.Path)));
            Assert.That(_summary.FirearmsPerMakeModel.Values.Sum(), Is.EqualTo(Small.Firearms));
            Assert.That(_summary.ScansPerAmmo.Values.Sum(), Is.EqualTo(Small.ScanCount));
            Assert.That(_summary.Elapsed, Is.GreaterThan(TimeSpan.Zero));
        });
    }

    [Test]
    public void Generate_ReportsProgressForEveryScan()
    {
        Assert.That(_progress.Order(), Is.EqualTo(Enumerable.Range(1, Small.ScanCount)));
    }

    [Test]
    public void Generate_MissingArguments_AreRejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => CorpusGenerator.Generate(null!, _first.Path), Throws.ArgumentNullException);
            Assert.That(() => CorpusGenerator.Generate(Small, " "), Throws.ArgumentException);
        });
    }

    private static List<string> RelativeFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Records reports on the reporting thread; <see cref="Progress{T}"/> would post them later.</summary>
    private sealed class RecordingProgress : IProgress<int>
    {
        private readonly Lock _gate = new();

        public List<int> Values { get; } = [];

        public void Report(int value)
        {
            lock (_gate)
            {
                Values.Add(value);
            }
        }
    }
}
