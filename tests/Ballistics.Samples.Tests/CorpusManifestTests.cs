namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class CorpusManifestTests
{
    [Test]
    public void Format_FieldsWithCommasOrQuotes_AreQuoted()
    {
        var text = CorpusManifest.Format(
        [
            new ManifestRow("scans/F0001_fire01.x3p", "F0001", "Smith & Wesson M&P9-like", "9mm Luger", "Federal", 1),
            new ManifestRow("scans/F0002_fire01.x3p", "F0002", "Maker, \"Model\"", "9mm Luger", "Sellier & Bellot", 12),
        ]);

        Assert.That(text, Is.EqualTo(
            "file,firearm_id,make_model,caliber,ammo,fire_index\n"
            + "scans/F0001_fire01.x3p,F0001,Smith & Wesson M&P9-like,9mm Luger,Federal,1\n"
            + "scans/F0002_fire01.x3p,F0002,\"Maker, \"\"Model\"\"\",9mm Luger,Sellier & Bellot,12\n"));
    }

    [Test]
    public void Read_WhatFormatWrote_GivesTheSameRows()
    {
        using var folder = new Ballistics.Testing.TempDirectory();
        ManifestRow[] rows =
        [
            new("scans/F0001_fire01.x3p", "F0001", "Maker, \"Model\"", "9mm Luger", "CCI", 1),
            new("scans/F0001_fire02.x3p", "F0001", "Maker, \"Model\"", "9mm Luger", "Federal", 2),
        ];
        File.WriteAllText(folder.File("manifest.csv"), CorpusManifest.Format(rows));

        Assert.That(CorpusManifest.Read(folder.File("manifest.csv")), Is.EqualTo(rows));
    }

    [Test]
    public void Read_WrongHeader_IsRejected()
    {
        using var folder = new Ballistics.Testing.TempDirectory();
        File.WriteAllText(folder.File("manifest.csv"), "file,firearm\nx,y\n");

        Assert.That(() => CorpusManifest.Read(folder.File("manifest.csv")), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("first line"));
    }
}
