using Ballistics.Ingest.Tables;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.Tables;

[TestFixture]
public sealed class ScanManifestTests
{
    [Test]
    public void Read_GeneratorManifest_EntriesWithFirearms()
    {
        using var dir = new TempDirectory();
        var manifest = dir.File("manifest.csv");
        File.WriteAllText(manifest, "file,firearm_id,make_model,caliber,ammo,fire_index\nscans/F0001_fire01.x3p,F0001,Glock 17-like,9mm Luger,Federal,1\nscans/F0002_fire01.x3p,F0002,\"Smith & Wesson M&P9-like\",9mm Luger,Federal,1\n");

        var result = ScanManifest.Read(manifest);

        Assert.That(result.Value.Entries.Select(e => e.FirearmId), Is.EqualTo(new[] { "F0001", "F0002" }));
        Assert.That(result.Value.Entries[1].Fields["make_model"], Is.EqualTo("Smith & Wesson M&P9-like"));
        Assert.That(result.Value.Entries[0].FullPath, Is.EqualTo(Path.Combine(dir.Path, "scans", "F0001_fire01.x3p")));
    }

    [Test]
    public void Read_DuplicateAndEmptyRows_ReportedByLine()
    {
        using var dir = new TempDirectory();
        var manifest = dir.File("manifest.csv");
        File.WriteAllText(manifest, "file,firearm_id\na.x3p,F1\na.x3p,F1\nb.x3p,\nc.x3p,F2\n");

        var result = ScanManifest.Read(manifest);

        Assert.That(result.Value.Entries.Select(e => e.File), Is.EqualTo(new[] { "a.x3p", "c.x3p" }));
        Assert.That(result.Value.Errors.Select(e => e.Location), Is.EqualTo(new[] { "line 3, field file", "line 4, field firearm_id" }));
    }
}
