using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Ballistics.Ingest.X3p;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.X3p;

/// <summary>The real scans in ../shared/data/x3p, read in place, with the quirks its README lists.</summary>
[TestFixture]
public sealed class X3pReaderSharedDataTests
{
    private static IEnumerable<string> AllSharedFiles() => SharedData.AllX3p().Select(Path.GetFileName)!;

    [TestCaseSource(nameof(AllSharedFiles))]
    public void Read_SharedFile_HasSizeAndStepsItsMainXmlStates(string name)
    {
        var path = SharedData.AllX3p().Single(p => Path.GetFileName(p) == name);
        var declared = Declared(path);

        // The logo's md5checksum.hex is stale (a real quirk); its contents are still well formed.
        var options = name.Contains("csafe-logo", StringComparison.Ordinal) ? new X3pReadOptions { VerifyChecksums = false } : null;
        var result = X3pReader.Read(path, options);

        Assert.That(result.Success, Is.True, () => result.Error!.ToString());
        var s = result.Value;
        Assert.That(s.Width, Is.EqualTo(declared.SizeX));
        Assert.That(s.Height, Is.EqualTo(declared.SizeY));
        var expectedX = declared.IncrementX >= 1e-3 ? declared.IncrementX : declared.IncrementX * 1e6;
        var expectedY = declared.IncrementY >= 1e-3 ? declared.IncrementY : declared.IncrementY * 1e6;
        Assert.That(s.LateralStepXUm, Is.EqualTo(expectedX).Within(1e-9).Percent);
        Assert.That(s.LateralStepYUm, Is.EqualTo(expectedY).Within(1e-9).Percent);
        Assert.That(s.Metadata.SourceSha256, Has.Length.EqualTo(64));
    }

    [TestCase("cartridge/baldwin_K013sA1_processed.x3p")]
    [TestCase("cartridge/baldwin_K227iG3_processed.x3p")]
    [TestCase("cartridge/baldwin_K013sA2_raw.x3p")]
    public void Read_BaldwinMicrometreIncrements_DetectedAndNoted(string relative)
    {
        var s = X3pReader.Read(SharedData.X3p(relative)).Value;

        Assert.That(s.LateralStepXUm, Is.InRange(7.3, 7.4));
        Assert.That(s.Metadata.Notes, Has.Some.Contains("read as micrometres"));
        var stats = s.Statistics();
        Assert.That(stats.Max - stats.Min, Is.InRange(1.0, 1000.0), "heights are micrometres, not metres or nanometres");
    }

    [TestCase("cartridge/fadul_1-1_processed.x3p", 6.25)]
    [TestCase("cartridge/triplet_x3p1_processed.x3p", 7.38452)]
    public void Read_MetreIncrements_ConvertedToMicrometres(string relative, double stepUm)
    {
        var s = X3pReader.Read(SharedData.X3p(relative)).Value;

        Assert.That(s.LateralStepXUm, Is.EqualTo(stepUm).Within(1e-12));
        Assert.That(s.Metadata.Notes, Has.None.Contains("lateral increment"));
        var stats = s.Statistics();
        Assert.That(stats.Max - stats.Min, Is.InRange(1.0, 100.0), "processed breech faces span micrometres");
        Assert.That(stats.ValidFraction, Is.InRange(0.2, 0.4), "processed scans are ~70 % NaN");
    }

    [Test]
    public void Read_RawFileWithMaskPng_MaskMarksTheBreechFaceAnnulus()
    {
        var s = X3pReader.Read(SharedData.X3p("cartridge/baldwin_K013sA1_raw.x3p")).Value;

        Assert.That(s.Mask, Is.Not.Null);
        Assert.That(s.Mask!.BackgroundRgb, Is.EqualTo(0x000000u), "black corners are the background");
        Assert.That(s.Mask.RegionFraction(), Is.InRange(0.1, 0.5));
        Assert.That(s.Mask.IsInRegion(s.Width / 2, s.Height / 2), Is.False, "the firing-pin hole is outside the annulus");
        Assert.That(s.Statistics().ValidFraction, Is.EqualTo(1.0).Within(1e-9), "raw float32 scan has no NaN");
    }

    [Test]
    public void Read_IgnoreMask_SameHeightsWithoutMask()
    {
        var path = SharedData.X3p("cartridge/baldwin_K013sA1_raw.x3p");
        var masked = X3pReader.Read(path).Value!;

        var unmasked = X3pReader.Read(path, X3pReadOptions.Default with { IgnoreMask = true }).Value!;

        Assert.That(unmasked.Mask, Is.Null);
        Assert.That(unmasked.ValuesBitEqual(masked), Is.True, "the heights are read as they are");
    }

    [Test]
    public void Read_MainXmlInSubFolderWithMacOsEntries_ReadsAndKeepsAnnotations()
    {
        var s = X3pReader.Read(SharedData.X3p("misc/x3ptools_sample-land.x3p")).Value;

        Assert.That(s.Width, Is.EqualTo(918));
        Assert.That(s.Height, Is.EqualTo(256));
        Assert.That(s.LateralStepXUm, Is.EqualTo(2.58).Within(1e-12));
        Assert.That(s.Metadata.Notes, Has.Some.Contains("sub-folder"));
        Assert.That(s.Mask, Is.Not.Null);
        Assert.That(s.Mask!.BackgroundRgb, Is.EqualTo(0xcd7f32u));
        Assert.That(s.Mask.Annotations.Select(a => a.Label), Does.Contain("right groove"));
    }

    [Test]
    public void Read_StaleMainXmlChecksum_IsChecksumMismatchNamingTheFile()
    {
        var path = SharedData.X3p("misc/x3ptools_csafe-logo.x3p");

        var result = X3pReader.Read(path);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.ChecksumMismatch));
        Assert.That(result.Error.Source, Is.EqualTo(path));
        Assert.That(result.Error.Location, Does.Contain("md5checksum.hex"));
    }

    [Test]
    public void Read_Float32AndFloat64Files_BothGiveMicrometres()
    {
        var f32 = X3pReader.Read(SharedData.X3p("bullet/barrel1_bullet1_Barrel_1-Bullet_1-Land_1.x3p")).Value;
        var f64 = X3pReader.Read(SharedData.X3p("cartridge/fadul_1-2_processed.x3p")).Value;

        Assert.That(f32.Statistics().Max - f32.Statistics().Min, Is.InRange(50.0, 500.0));
        Assert.That(f64.Statistics().Max - f64.Statistics().Min, Is.InRange(5.0, 50.0));
    }

    private static (int SizeX, int SizeY, double IncrementX, double IncrementY) Declared(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.Entries.Where(e => e.Name == "main.xml" && !e.FullName.StartsWith("__MACOSX", StringComparison.Ordinal)).OrderBy(e => e.FullName.Length).First();
        using var s = entry.Open();
        var doc = XDocument.Load(s);
        string Get(string name) => doc.Descendants().First(e => e.Name.LocalName == name).Value;
        double Inc(string axis) => double.Parse(doc.Descendants().First(e => e.Name.LocalName == axis).Elements().First(e => e.Name.LocalName == "Increment").Value, CultureInfo.InvariantCulture);
        return (int.Parse(Get("SizeX"), CultureInfo.InvariantCulture), int.Parse(Get("SizeY"), CultureInfo.InvariantCulture), Inc("CX"), Inc("CY"));
    }
}
