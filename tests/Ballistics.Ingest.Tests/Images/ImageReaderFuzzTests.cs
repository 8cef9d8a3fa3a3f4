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
}
