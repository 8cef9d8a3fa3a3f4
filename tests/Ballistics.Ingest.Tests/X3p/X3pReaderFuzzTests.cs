using System.Text.RegularExpressions;
using Ballistics.Ingest.X3p;
using static Ballistics.Ingest.Tests.X3p.X3pTestContainers;

namespace Ballistics.Ingest.Tests.X3p;

/// <summary>
/// Seeded, bounded fuzzing of main.xml's header fields and the point data: whatever a file says, reading it gives a
/// surface or a located error, never an exception.
/// </summary>
[TestFixture]
public sealed class X3pReaderFuzzTests
{
    private static readonly string[] Values =
    [
        string.Empty, " ", "-1", "0", "1", "2", "3", "6", "3.5", " 2 ", "0x10", "1e3", "4294967296", "2147483648", "9223372036854775807",
        "-9223372036854775808", "99999999999999999999999", "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e-320", "abc", "D", "F",
        "L", "I", "A", "C", "ISO5436 - 2000", "SUR", "PRF", "bindata/data.bin", "../../etc/passwd", "bindata/none.bin", "é", "\u0000",
    ];

    /// <summary>The elements whose text a file controls, as they appear in <see cref="X3pTestContainers.MainXml"/>.</summary>
    private static readonly string[] Fields =
    [
        "Revision", "FeatureType", "AxisType", "DataType", "Increment", "Offset", "SizeX", "SizeY", "SizeZ", "PointDataLink",
        "MD5ChecksumPointData", "Date", "Creator", "ChecksumFile",
    ];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Read_RandomHeaderFieldsAndData_SurfaceOrLocatedErrorNeverAnException(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 150; trial++)
        {
            var xml = MainXml();
            // One to three fields changed: each occurrence of the chosen element gets the chosen value.
            for (var change = random.Next(1, 4); change > 0; change--)
            {
                var field = Fields[random.Next(Fields.Length)];
                var value = Values[random.Next(Values.Length)];
                var occurrences = Regex.Matches(xml, $"<{field}>[^<]*</{field}>");
                if (occurrences.Count > 0)
                {
                    var hit = occurrences[random.Next(occurrences.Count)];
                    xml = string.Concat(xml.AsSpan(0, hit.Index), $"<{field}>{System.Security.SecurityElement.Escape(value)}</{field}>", xml.AsSpan(hit.Index + hit.Length));
                }
            }

            var data = new byte[random.Next(4) switch { 0 => 0, 1 => 48, 2 => 24, _ => random.Next(1, 200) }];
            random.NextBytes(data);
            var container = Zip(xml, new Dictionary<string, byte[]> { ["bindata/data.bin"] = data }, withChecksum: random.Next(2) == 0);

            Ballistics.Ingest.IngestResult<Engine.Surfaces.Surface>? result = null;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            Assert.That(() => result = X3pReader.Read(container, $"fuzz-{seed}-{trial}.x3p", new X3pReadOptions { VerifyChecksums = random.Next(2) == 0 }), Throws.Nothing, xml);

            // Memory follows what the file holds, not what it declares: a few hundred bytes of data never cost more than a
            // few megabytes, whatever the sizes say (up to 67 M points are within the limit).
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, Is.LessThan(16L << 20), xml);
            if (result!.Success)
            {
                Assert.That(result.Value.Width * result.Value.Height, Is.Positive);
            }
            else
            {
                Assert.That(result.Error!.ToString(), Does.StartWith($"fuzz-{seed}-{trial}.x3p"), "the error names the file");
            }
        }
    }

    [TestCase("D")]
    [TestCase("L")]
    public void Read_GridDeclaredAtTheLimitWithTinyData_RefusedWithoutAllocatingTheGrid(string zType)
    {
        // 8192 × 8192 points declared (within the limit), 48 bytes given: refused from the entry's length.
        var container = Zip(MainXml(sizeX: 8192, sizeY: 8192, zType: zType), new Dictionary<string, byte[]> { ["bindata/data.bin"] = new byte[48] });
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var result = X3pReader.Read(container, "declared.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(Ballistics.Ingest.IngestErrorKind.SizeMismatch));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, Is.LessThan(4L << 20), "no 256 MB height array for a file that cannot fill it");
    }
}
