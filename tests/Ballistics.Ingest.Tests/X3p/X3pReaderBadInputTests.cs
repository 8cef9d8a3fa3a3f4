using System.Text;
using Ballistics.Ingest.X3p;
using static Ballistics.Ingest.Tests.X3p.X3pTestContainers;

namespace Ballistics.Ingest.Tests.X3p;

/// <summary>Every class of bad input gives its own typed, located error and never a surface.</summary>
[TestFixture]
public sealed class X3pReaderBadInputTests
{
    private static readonly byte[] SixPoints = Doubles(1e-6, 2e-6, 3e-6, 4e-6, 5e-6, double.NaN);

    private static readonly Dictionary<string, byte[]> GoodData = new() { ["bindata/data.bin"] = SixPoints };

    [Test]
    public void Read_WellFormedContainer_Succeeds()
    {
        var result = X3pReader.Read(Zip(MainXml(), GoodData), "good.x3p");

        Assert.That(result.Success, Is.True, () => result.Error!.ToString());
        Assert.That(result.Value.Row(0).ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f }).Within(1e-6f));
        Assert.That(float.IsNaN(result.Value[2, 1]), Is.True);
        Assert.That(result.Value.LateralStepXUm, Is.EqualTo(2.0));
    }

    [Test]
    public void Read_MissingFile_IsNotFound()
    {
        var result = X3pReader.Read("/nonexistent/scan.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.NotFound));
        Assert.That(result.Error.ToString(), Does.StartWith("/nonexistent/scan.x3p"));
    }

    [Test]
    public void Read_NotAZip_IsNotAZip()
    {
        var result = X3pReader.Read(Encoding.UTF8.GetBytes("<html>not an x3p</html>"), "page.x3p");

        AssertError(result, IngestErrorKind.NotAZip, "page.x3p");
    }

    [Test]
    public void Read_TruncatedContainer_IsNotAZip()
    {
        var whole = Zip(MainXml(), GoodData);

        var result = X3pReader.Read(whole.AsMemory(0, whole.Length / 2), "cut.x3p");

        AssertError(result, IngestErrorKind.NotAZip, "cut.x3p");
    }

    [Test]
    public void Read_NoMainXml_IsMissingEntry()
    {
        var container = ZipWithout("main.xml");

        var result = X3pReader.Read(container, "nomain.x3p");

        AssertError(result, IngestErrorKind.MissingEntry, "main.xml");
    }

    [Test]
    public void Read_LinkedDataMissing_IsMissingEntryNamingTheLink()
    {
        var result = X3pReader.Read(Zip(MainXml()), "nodata.x3p");

        AssertError(result, IngestErrorKind.MissingEntry, "bindata/data.bin");
        Assert.That(result.Error!.Location, Is.EqualTo("Record3/DataLink/PointDataLink"));
    }

    [Test]
    public void Read_MalformedXml_IsMalformedXmlWithLine()
    {
        var xml = MainXml().Replace("</Record1>", "</Record1", StringComparison.Ordinal);

        var result = X3pReader.Read(Zip(xml, GoodData, withChecksum: false), "bad.x3p");

        AssertError(result, IngestErrorKind.MalformedXml, "line");
    }

    [Test]
    public void Read_MissingSizeY_IsMissingFieldNamingIt()
    {
        var xml = MainXml().Replace("<SizeY>2</SizeY>", string.Empty, StringComparison.Ordinal);

        var result = X3pReader.Read(Zip(xml, GoodData), "nosize.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.MissingField));
        Assert.That(result.Error.Location, Is.EqualTo("Record3/MatrixDimension/SizeY"));
    }

    [Test]
    public void Read_NonNumericIncrement_IsInvalidValue()
    {
        var xml = MainXml(xAxis: "<AxisType>I</AxisType><DataType>D</DataType><Increment>two</Increment><Offset>0</Offset>");

        var result = X3pReader.Read(Zip(xml, GoodData), "inc.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
        Assert.That(result.Error.Location, Is.EqualTo("Record1/Axes/CX/Increment"));
    }

    [Test]
    public void Read_SizesDisagreeWithDataLength_IsSizeMismatch()
    {
        var result = X3pReader.Read(Zip(MainXml(sizeX: 4), GoodData), "short.x3p");

        AssertError(result, IngestErrorKind.SizeMismatch, "bindata/data.bin");
        Assert.That(result.Error!.Message, Does.Contain("64"));
    }

    [Test]
    public void Read_UnknownZType_IsUnsupported()
    {
        var result = X3pReader.Read(Zip(MainXml(zType: "Q"), GoodData), "type.x3p");

        AssertError(result, IngestErrorKind.Unsupported, "'Q'");
        Assert.That(result.Error!.Location, Is.EqualTo("Record1/Axes/CZ/DataType"));
    }

    [Test]
    public void Read_PointDataChecksumWrong_IsChecksumMismatch()
    {
        var xml = MainXml(dataMd5: "00000000000000000000000000000000");

        var result = X3pReader.Read(Zip(xml, GoodData), "md5.x3p");

        AssertError(result, IngestErrorKind.ChecksumMismatch, "bindata/data.bin");
    }

    [Test]
    public void Read_PointDataChecksumWrongButVerificationSkipped_Succeeds()
    {
        var xml = MainXml(dataMd5: "00000000000000000000000000000000");

        var result = X3pReader.Read(Zip(xml, GoodData), "md5.x3p", new X3pReadOptions { VerifyChecksums = false });

        Assert.That(result.Success, Is.True);
    }

    [Test]
    public void Read_AbsurdSize_IsTooLargeBeforeAllocating()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = X3pReader.Read(Zip(MainXml(sizeX: 2_000_000, sizeY: 2_000_000), GoodData), "bomb.x3p");

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AssertError(result, IngestErrorKind.TooLarge, "points exceed");
        Assert.That(allocated, Is.LessThan(16L << 20), "refused without allocating for the declared size");
    }

    [TestCase(1L << 32, 1L << 32)]
    [TestCase(1L << 31, 1L << 33)]
    [TestCase(long.MaxValue, 2)]
    public void Read_SizesWhoseProductOverflows_IsTooLarge(long sizeX, long sizeY)
    {
        // 2^32 × 2^32 is 0 in 64-bit arithmetic: the check must not wrap round to "small enough".
        var result = X3pReader.Read(Zip(MainXml(sizeX: sizeX, sizeY: sizeY), GoodData), "wrap.x3p");

        AssertError(result, IngestErrorKind.TooLarge, "points exceed");
    }

    [Test]
    public void Read_DeeplyNestedMainXml_RefusedNamingTheDepth()
    {
        const int Depth = 50_000;
        var nested = string.Concat(Enumerable.Repeat("<a>", Depth)) + string.Concat(Enumerable.Repeat("</a>", Depth));
        var xml = MainXml().Replace("<Record4>", nested + "<Record4>", StringComparison.Ordinal);

        var result = X3pReader.Read(Zip(xml, GoodData), "deep.x3p");

        AssertError(result, IngestErrorKind.TooLarge, "nested more than 64 deep");
    }

    [Test]
    public void Read_MaskPngDeclaringAHugeImage_RefusedFromItsHeaderWithoutDecoding()
    {
        // Signature, an IHDR chunk declaring 20,000 × 20,000 RGB pixels, and no image data: decoding it would fail (or,
        // with data, cost 1.2 GB); the header alone says it does not fit the 3 × 2 grid.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 2, 0, 0, 0, 0, 0, 0, 0];
        var entries = new Dictionary<string, byte[]>(GoodData) { ["bindata/mask.png"] = png };

        var result = X3pReader.Read(Zip(MainXml(), entries), "mask.x3p");

        AssertError(result, IngestErrorKind.SizeMismatch, "mask is 20000×20000");
    }

    [Test]
    public void Read_EntryDeclaringHugeUncompressedSize_IsRefusedBeforeDecompressing()
    {
        // 64 MiB of zeros deflates to ~64 KiB: a small file that would expand; the grid declares only 6 points.
        var bomb = new byte[64 << 20];

        var result = X3pReader.Read(Zip(MainXml(), new Dictionary<string, byte[]> { ["bindata/data.bin"] = bomb }), "bomb.x3p");

        Assert.That(result.Error!.Kind, Is.AnyOf(IngestErrorKind.TooLarge, IngestErrorKind.SizeMismatch));
        Assert.That(result.Error.Location, Is.EqualTo("bindata/data.bin"));
    }

    [Test]
    public void Read_ListDimension_IsUnsupported()
    {
        var xml = MainXml().Replace("<MatrixDimension><SizeX>3</SizeX><SizeY>2</SizeY><SizeZ>1</SizeZ></MatrixDimension>", "<ListDimension>6</ListDimension>", StringComparison.Ordinal);

        var result = X3pReader.Read(Zip(xml, GoodData), "list.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.Unsupported));
    }

    [Test]
    public void Read_MissingChecksumFile_IsMissingEntryUnlessSkipped()
    {
        var container = Zip(MainXml(), GoodData, withChecksum: false);

        var strict = X3pReader.Read(container, "nosum.x3p");
        var lenient = X3pReader.Read(container, "nosum.x3p", new X3pReadOptions { VerifyChecksums = false });

        Assert.That(strict.Error!.Kind, Is.EqualTo(IngestErrorKind.MissingEntry));
        Assert.That(lenient.Success, Is.True);
    }

    private static byte[] ZipWithout(string name)
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("bindata/data.bin").Open();
            s.Write(SixPoints);
        }

        Assert.That(name, Is.EqualTo("main.xml"));
        return ms.ToArray();
    }

    private static void AssertError(IngestResult<Engine.Surfaces.Surface> result, IngestErrorKind kind, string mentions)
    {
        Assert.That(result.Success, Is.False, "bad input must not produce a surface");
        Assert.That(result.Error!.Kind, Is.EqualTo(kind), () => result.Error.ToString());
        Assert.That(result.Error.ToString(), Does.Contain(mentions));
        Assert.That(result.TryGetValue(out _), Is.False);
        Assert.That(() => result.Value, Throws.TypeOf<IngestException>());
    }
}
