using System.Buffers.Binary;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Images;
using OpenCvSharp;

namespace Ballistics.Ingest.Tests.Images;

/// <summary>
/// A photograph's pixel size from its file (PNG pHYs, TIFF resolution fields) or from the caller, and the files refused
/// with their reason: no pixel size, a software default's, an aspect ratio only, no pixels, several images, compression.
/// </summary>
[TestFixture]
public sealed class ImageIntakeTests
{
    private static Mat Grey(int width = 40, int height = 30, MatType? type = null)
    {
        var mat = new Mat(height, width, type ?? MatType.CV_8UC1, Scalar.All(0));
        Cv2.Randu(mat, Scalar.All(0), Scalar.All(200));
        return mat;
    }

    [TestCase(4.0)]
    [TestCase(3.2)]
    [TestCase(7.5)]
    public void Read_PngWithPhysPerMetre_TakesItsPixelSize(double pixelUm)
    {
        using var image = Grey();
        var png = ImageWriter.Png(image, pixelUm);

        var surface = ImageReader.Read(png, "photo.png", pixelSizeUm: null).Value;

        Assert.That(surface.LateralStepXUm, Is.EqualTo(pixelUm).Within(1e-4 * pixelUm));
        Assert.That(surface.LateralStepYUm, Is.EqualTo(surface.LateralStepXUm));
        Assert.That(surface.Metadata.Notes, Has.Some.Contains("pHYs"));
    }

    [TestCase(TiffCompression.None)]
    [TestCase(TiffCompression.Lzw)]
    [TestCase(TiffCompression.Deflate)]
    public void Read_TiffWithResolutionPerCentimetre_TakesItsPixelSize(TiffCompression compression)
    {
        using var image = Grey(type: MatType.CV_16UC1);
        var tiff = ImageWriter.Tiff(image, 5, compression);

        var surface = ImageReader.Read(tiff, "photo.tif", pixelSizeUm: null).Value;

        Assert.That(surface.LateralStepXUm, Is.EqualTo(5).Within(1e-3));
        Assert.That(surface[3, 4], Is.EqualTo(image.At<ushort>(4, 3) / 65535f).Within(1e-6f), "pixels survive every compression read");
        Assert.That(surface.Metadata.Notes, Has.Some.Contains("per centimetre"));
    }

    [Test]
    public void Read_PngWithoutPhys_SaysWhatToGive()
    {
        using var image = Grey();
        Cv2.ImEncode(".png", image, out var png);

        var result = ImageReader.Read(png, "bare.png", pixelSizeUm: null);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
        Assert.That(result.Error.ToString(), Does.StartWith("bare.png").And.Contain("no pHYs chunk").And.Contain("--pixel-size-um").And.Contain("pixel_size_um"));
    }

    [Test]
    public void Read_PngWithAspectRatioOnly_RefusedUnlessStated()
    {
        using var image = Grey();
        var png = WithPhys(image, 1000, 1000, unit: 0);

        var refused = ImageReader.Read(png, "aspect.png", pixelSizeUm: null);
        var stated = ImageReader.Read(png, "aspect.png", pixelSizeUm: 4);

        Assert.That(refused.Error!.Message, Does.Contain("aspect ratio only"));
        Assert.That(stated.Value.LateralStepXUm, Is.EqualTo(4));
    }

    [TestCase(1, "ResolutionUnit none")]
    [TestCase(2, "not a cartridge-case photograph's")]
    public void Read_TiffWithWrongResolutionUnit_RefusedWithTheFieldsNamed(int unit, string expected)
    {
        // 72 per inch is a software default (353 µm a pixel); ResolutionUnit 1 states only an aspect ratio.
        using var image = Grey();
        Cv2.ImEncode(".tiff", image, out var tiff, [(int)ImwriteFlags.TiffResUnit, unit, (int)ImwriteFlags.TiffXDpi, 72, (int)ImwriteFlags.TiffYDpi, 72]);

        var result = ImageReader.Read(tiff, "default.tif", pixelSizeUm: null);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
        Assert.That(result.Error.Message, Does.Contain(expected).And.Contain("XResolution 72"));
    }

    [Test]
    public void Read_StatedPixelSizeOverFilesOwn_UsedAndTheFilesNoted()
    {
        using var image = Grey();
        var png = ImageWriter.Png(image, 4);

        var surface = ImageReader.Read(png, "photo.png", pixelSizeUm: 3.1).Value;

        Assert.That(surface.LateralStepXUm, Is.EqualTo(3.1));
        Assert.That(surface.Metadata.Notes, Has.Some.Contains("as stated").And.Some.Contains("would make it 4 µm"));
    }

    [Test]
    public void Read_NonSquarePixels_Refused()
    {
        using var image = Grey();
        var png = WithPhys(image, 250_000, 200_000, unit: 1);

        var result = ImageReader.Read(png, "oblong.png", pixelSizeUm: null);

        Assert.That(result.Error!.Message, Does.Contain("square pixels only"));
    }

    [TestCase(0, 0)]
    [TestCase(0, 30)]
    public void Read_PngDeclaringNoPixels_IsInvalidValue(int width, int height)
    {
        using var image = Grey();
        Cv2.ImEncode(".png", image, out var png);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), (uint)height);

        var result = ImageReader.Read(png, "empty.png", pixelSizeUm: 4);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
        Assert.That(result.Error.Message, Does.Contain($"{width}×{height} pixels"));
    }

    [Test]
    public void Read_PngDeclaring50000Squared_RefusedBeforeDecoding()
    {
        using var image = Grey();
        Cv2.ImEncode(".png", image, out var png);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 50_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 50_000);

        var result = ImageReader.Read(png, "huge.png", pixelSizeUm: 4);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.TooLarge));
        Assert.That(result.Error.Message, Does.Contain("50000×50000"));
    }

    [Test]
    public void Read_TruncatedPng_IsImageDecodeError()
    {
        using var image = Grey(200, 200);
        var png = ImageWriter.Png(image, 4);

        var result = ImageReader.Read(png[..(png.Length / 2)], "cut.png", pixelSizeUm: null);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.ImageDecode));
        Assert.That(result.Error.ToString(), Does.StartWith("cut.png"));
    }

    [Test]
    public void Read_AnimatedPng_RefusedAsSeveralImages()
    {
        using var image = Grey();
        Span<byte> control = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(control, 3); // frames
        var png = Insert(ImageWriter.Png(image, 4), ImageWriter.Chunk("acTL"u8, control));

        var result = ImageReader.Read(png, "moving.png", pixelSizeUm: null);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.Unsupported));
        Assert.That(result.Error.Message, Does.Contain("animated PNG of 3 frames"));
    }

    [Test]
    public void Read_MultiPageTiff_RefusedAsSeveralImages()
    {
        using var one = Grey();
        using var two = Grey();
        using var dir = new Ballistics.Testing.TempDirectory();
        var path = dir.File("pages.tif");
        Cv2.ImWrite(path, new[] { one, two });

        var result = ImageReader.Read(path, pixelSizeUm: 4);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.Unsupported));
        Assert.That(result.Error.Message, Does.Contain("TIFF of 2 pages"));
    }

    [Test]
    public void Read_TiffWithJpegCompression_RefusedByItsTag()
    {
        using var image = Grey();
        var tiff = ImageWriter.Tiff(image, 4, TiffCompression.None);
        Ballistics.Testing.TiffBytes.SetShort(tiff, tag: 259, value: 7);

        var result = ImageReader.Read(tiff, "jpeg.tif", pixelSizeUm: null);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.Unsupported));
        Assert.That(result.Error.Message, Does.Contain("compression 7"));
    }

    [TestCase(ImageLighting.Ring)]
    [TestCase(ImageLighting.Side)]
    public void Read_LightingStated_Recorded(ImageLighting lighting)
    {
        using var image = Grey();

        var surface = ImageReader.Read(ImageWriter.Png(image, 4), "lit.png", pixelSizeUm: null, lighting: lighting).Value;

        Assert.That(surface.Metadata.Lighting, Is.EqualTo(lighting));
    }

    [TestCase(0.05)]
    [TestCase(352.8)]
    public void Read_StatedPixelSizeNoPhotographHas_IsInvalidValue(double pixelUm)
    {
        using var image = Grey();
        Cv2.ImEncode(".png", image, out var png);

        var result = ImageReader.Read(png, "x.png", pixelUm);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
    }

    private static byte[] WithPhys(Mat image, uint x, uint y, byte unit)
    {
        Cv2.ImEncode(".png", image, out var png);
        Span<byte> data = stackalloc byte[9];
        BinaryPrimitives.WriteUInt32BigEndian(data, x);
        BinaryPrimitives.WriteUInt32BigEndian(data[4..], y);
        data[8] = unit;
        return Insert(png, ImageWriter.Chunk("pHYs"u8, data));
    }

    /// <summary>A chunk put straight after IHDR.</summary>
    private static byte[] Insert(byte[] png, byte[] chunk) => [.. png[..33], .. chunk, .. png[33..]];
}
