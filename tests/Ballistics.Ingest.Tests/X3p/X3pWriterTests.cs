using System.IO.Compression;
using System.Security.Cryptography;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.X3p;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.X3p;

/// <summary>Files the writer makes are standard and read back bit-exact.</summary>
[TestFixture]
public sealed class X3pWriterTests
{
    [TestCase(X3pHeightType.Float64, 37, 23)]
    [TestCase(X3pHeightType.Float32, 37, 23)]
    [TestCase(X3pHeightType.Float64, 1, 1)]
    public void Write_ThenRead_IsBitExact(X3pHeightType type, int width, int height)
    {
        var original = RandomSurface(width, height, seed: 7, stepXUm: 3.125, stepYUm: 7.38452);

        var back = RoundTrip(original, type);

        Assert.That(back.ValuesBitEqual(original), Is.True);
        Assert.That(back.LateralStepXUm, Is.EqualTo(original.LateralStepXUm), "steps survive exactly, not within a tolerance");
        Assert.That(back.LateralStepYUm, Is.EqualTo(original.LateralStepYUm));
        Assert.That(back.Metadata.Creator, Is.EqualTo("unit test"));
        Assert.That(back.Metadata.Instrument!.Model, Is.EqualTo("TopMatch-GS 3D"));
        Assert.That(back.Metadata.Notes, Is.Empty, "a standard file needs no interpretation");
    }

    [TestCase(1e-3)]
    [TestCase(0.1)]
    [TestCase(1e3)]
    public void Write_ExtremeHeights_StayBitExact(double scaleUm)
    {
        var original = RandomSurface(9, 9, seed: 3, stepXUm: 0.5, stepYUm: 0.5, amplitudeUm: scaleUm);

        Assert.That(RoundTrip(original, X3pHeightType.Float64).ValuesBitEqual(original), Is.True);
        Assert.That(RoundTrip(original, X3pHeightType.Float32).ValuesBitEqual(original), Is.True);
    }

    [Test]
    public void Write_SurfaceWithMask_MaskAndAnnotationsRoundTrip()
    {
        var s = RandomSurface(16, 12, seed: 1, stepXUm: 6.25, stepYUm: 6.25);
        var colours = new uint[16 * 12];
        for (var i = 0; i < colours.Length; i++)
        {
            colours[i] = i % 5 == 0 ? 0x00ff00u : 0xcd7f32u;
        }

        var masked = new Surface(s.Width, s.Height, s.LateralStepXUm, s.LateralStepYUm, s.Values.ToArray())
        {
            Mask = new RegionMask(16, 12, colours, 0xcd7f32, [new MaskAnnotation(0x00ff00, "breech face")]),
        };

        var back = RoundTrip(masked, X3pHeightType.Float64);

        Assert.That(back.Mask, Is.Not.Null);
        Assert.That(back.Mask!.ContentEquals(masked.Mask!), Is.True);
    }

    [Test]
    public void Write_Container_HasStandardEntriesAndCorrectChecksums()
    {
        using var dir = new TempDirectory();
        var path = dir.File("s.x3p");
        X3pWriter.Write(RandomSurface(5, 4, seed: 2, stepXUm: 1, stepYUm: 1), path);

        using var zip = ZipFile.OpenRead(path);
        Assert.That(zip.Entries.Select(e => e.FullName), Is.EquivalentTo(new[] { "main.xml", "bindata/data.bin", "md5checksum.hex" }));
        var xml = Read(zip, "main.xml");
        var hex = System.Text.Encoding.ASCII.GetString(Read(zip, "md5checksum.hex"));
        Assert.That(hex, Does.StartWith(Convert.ToHexStringLower(MD5.HashData(xml))));
        var text = System.Text.Encoding.UTF8.GetString(xml);
        Assert.That(text, Does.Contain(Convert.ToHexStringLower(MD5.HashData(Read(zip, "bindata/data.bin")))));
        Assert.That(text, Does.Contain("<Increment>1e-6</Increment>"), "lateral increments in metres");
        Assert.That(File.Exists(path + ".partial"), Is.False);
    }

    [TestCase("cartridge/triplet_x3p1_processed.x3p")]
    [TestCase("cartridge/baldwin_K013sA1_raw.x3p")]
    [TestCase("cartridge/fadul_1-1_processed.x3p")]
    public void Write_SharedScanReadAndRewritten_ReadsBackBitExact(string relative)
    {
        var original = X3pReader.Read(SharedData.X3p(relative)).Value;

        foreach (var type in new[] { X3pHeightType.Float64, X3pHeightType.Float32 })
        {
            var back = RoundTrip(original, type);
            Assert.That(back.ValuesBitEqual(original), Is.True, type.ToString());
            Assert.That(back.Mask is null, Is.EqualTo(original.Mask is null));
        }
    }

    [Test]
    public void Write_SameSurfaceTwice_GivesIdenticalBytes()
    {
        var s = RandomSurface(20, 20, seed: 5, stepXUm: 2, stepYUm: 2);
        using var a = new MemoryStream();
        using var b = new MemoryStream();

        X3pWriter.Write(s, a);
        X3pWriter.Write(s, b);

        Assert.That(a.ToArray(), Is.EqualTo(b.ToArray()));
    }

    private static Surface RoundTrip(Surface s, X3pHeightType type)
    {
        using var ms = new MemoryStream();
        X3pWriter.Write(s, ms, new X3pWriteOptions { HeightType = type });
        var result = X3pReader.Read(ms.ToArray(), "roundtrip.x3p");
        Assert.That(result.Success, Is.True, () => result.Error!.ToString());
        return result.Value;
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var s = zip.GetEntry(name)!.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    internal static Surface RandomSurface(int width, int height, int seed, double stepXUm, double stepYUm, double amplitudeUm = 5)
    {
        var rng = new Random(seed);
        var values = new float[width * height];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = rng.NextDouble() < 0.1 ? float.NaN : (float)((rng.NextDouble() - 0.5) * 2 * amplitudeUm);
        }

        return new Surface(width, height, stepXUm, stepYUm, values)
        {
            Metadata = new SurfaceMetadata
            {
                Creator = "unit test",
                Date = "2026-01-01T00:00:00",
                Instrument = new InstrumentInfo("Cadre", "TopMatch-GS 3D", "1062", "3.1"),
                Comment = "random",
            },
        };
    }
}
