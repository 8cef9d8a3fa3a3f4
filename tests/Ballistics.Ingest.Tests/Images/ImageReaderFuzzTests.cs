using Ballistics.Ingest.Images;
using OpenCvSharp;

namespace Ballistics.Ingest.Tests.Images;

/// <summary>Seeded, bounded fuzzing of PNG and TIFF headers: a surface or a located error, never an exception.</summary>
[TestFixture]
public sealed class ImageReaderFuzzTests
{
    [Test]
    public void Read_PngDeclaringHugeSize_RefusedFromItsHeader()
    {
        // Signature and an IHDR declaring 20,000 × 20,000 pixels, nothing after: refused on the header, not decoded.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 0, 0, 0, 0, 0, 0, 0, 0];

        var result = ImageReader.Read(png, "huge.png", pixelSizeUm: 2, new ImageReadOptions { MaxPixels = 100_000_000 });

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.TooLarge));
        Assert.That(result.Error.ToString(), Does.Contain("20000×20000"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Read_TiffDeclaringHugeSize_RefusedFromItsDirectory(bool littleEndian)
    {
        // A header and one directory of two entries: ImageWidth 20,000 (LONG) and ImageLength 20,000 (SHORT), no pixels.
        var tiff = new byte[8 + 2 + (2 * 12) + 4];
        var order = littleEndian ? "II"u8 : "MM"u8;
        order.CopyTo(tiff);
        void U16(int at, ushort v) => Write(tiff.AsSpan(at, 2), v, littleEndian);
        void U32(int at, uint v) => Write(tiff.AsSpan(at, 4), v, littleEndian);
        U16(2, 42);
        U32(4, 8);
        U16(8, 2);
        U16(10, 256);
        U16(12, 4);
        U32(14, 1);
        U32(18, 20_000);
        U16(22, 257);
        U16(24, 3);
        U32(26, 1);
        U16(30, 20_000);

        var result = ImageReader.Read(tiff, "huge.tif", pixelSizeUm: 2, new ImageReadOptions { MaxPixels = 100_000_000 });

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.TooLarge));
        Assert.That(result.Error.ToString(), Does.Contain("20000×20000"));
    }

    [TestCase(".png", 1)]
    [TestCase(".tif", 2)]
    public void Read_RandomHeaderBytes_SurfaceOrLocatedErrorNeverAnException(string extension, int seed)
    {
        using var mat = new Mat(40, 50, MatType.CV_16UC1, Scalar.All(1000));
        Cv2.ImEncode(extension, mat, out var valid);
        var random = new Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var bytes = (byte[])valid.Clone();
            // A few bytes of the header (signature, sizes, depth, tags) changed, sometimes the file cut short.
            for (var change = random.Next(1, 5); change > 0; change--)
            {
                bytes[random.Next(Math.Min(64, bytes.Length))] = (byte)random.Next(256);
            }

            var length = random.Next(4) == 0 ? random.Next(bytes.Length) : bytes.Length;
            var name = $"fuzz-{seed}-{trial}{extension}";

            IngestResult<Engine.Surfaces.Surface>? result = null;
            Assert.That(() => result = ImageReader.Read(bytes[..length], name, pixelSizeUm: 2), Throws.Nothing);
            Assert.That(result!.Success || result.Error!.ToString().StartsWith(name, StringComparison.Ordinal), Is.True, () => result.Error!.ToString());
        }
    }

    private static void Write(Span<byte> at, uint value, bool littleEndian)
    {
        for (var i = 0; i < at.Length; i++)
        {
            var shift = 8 * (littleEndian ? i : at.Length - 1 - i);
            at[i] = (byte)(value >> shift);
        }
    }
}
