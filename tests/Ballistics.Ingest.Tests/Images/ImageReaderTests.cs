using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Images;
using Ballistics.Testing;
using OpenCvSharp;

namespace Ballistics.Ingest.Tests.Images;

/// <summary>PNG and TIFF, 8 and 16 bit, grey and colour, into 2D intensity surfaces.</summary>
[TestFixture]
public sealed class ImageReaderTests
{
    [TestCase(".png")]
    [TestCase(".tif")]
    public void Read_Grey8Bit_ScalesToUnitRange(string extension)
    {
        using var dir = new TempDirectory();
        var path = dir.File("g8" + extension);
        using (var mat = new Mat(3, 4, MatType.CV_8UC1, Scalar.All(0)))
        {
            mat.Set(0, 0, (byte)255);
            mat.Set(2, 3, (byte)51);
            Cv2.ImWrite(path, mat);
        }

        var s = ImageReader.Read(path, pixelSizeUm: 3.5).Value;

        Assert.That(s.Kind, Is.EqualTo(SurfaceKind.Intensity2D));
        Assert.That((s.Width, s.Height), Is.EqualTo((4, 3)));
        Assert.That(s.LateralStepXUm, Is.EqualTo(3.5));
        Assert.That(s[0, 0], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(s[3, 2], Is.EqualTo(0.2f).Within(1e-6f));
        Assert.That(s[1, 1], Is.Zero);
    }

    [TestCase(".png")]
    [TestCase(".tiff")]
    public void Read_Grey16Bit_KeepsFullDepth(string extension)
    {
        using var dir = new TempDirectory();
        var path = dir.File("g16" + extension);
        using (var mat = new Mat(2, 2, MatType.CV_16UC1, Scalar.All(0)))
        {
            mat.Set(0, 1, (ushort)65535);
            mat.Set(1, 0, (ushort)257);
            Cv2.ImWrite(path, mat);
        }

        var s = ImageReader.Read(path, pixelSizeUm: 1).Value;

        Assert.That(s[1, 0], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(s[0, 1], Is.EqualTo(257f / 65535f).Within(1e-7f), "16-bit steps survive, which 8-bit would lose");
    }

    [Test]
    public void Read_ColourImage_ConvertedToGrey()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.png");
        using (var mat = new Mat(2, 2, MatType.CV_8UC3, new Scalar(0, 0, 255)))
        {
            Cv2.ImWrite(path, mat);
        }

        var s = ImageReader.Read(path, pixelSizeUm: 1).Value;

        // ITU-R BT.601 luma of pure red is 0.299.
        Assert.That(s[0, 0], Is.EqualTo(0.299f).Within(0.005f));
        Assert.That(s.Metadata.Notes, Has.Some.Contains("colour"));
    }

    [Test]
    public void Read_CorruptImage_IsImageDecodeError()
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4, 5];

        var result = ImageReader.Read(bytes, "broken.png", pixelSizeUm: 1);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.ImageDecode));
        Assert.That(result.Error.Source, Is.EqualTo("broken.png"));
    }

    [Test]
    public void Read_NotAnImage_IsImageDecodeError()
    {
        var result = ImageReader.Read("GIF89a....."u8.ToArray(), "x.gif", pixelSizeUm: 1);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.ImageDecode));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Read_BadPixelSize_IsInvalidValue(double pixelSizeUm)
    {
        var result = ImageReader.Read([0x89], "x.png", pixelSizeUm);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
    }

    [Test]
    public void Read_ImageWithoutPixelSizeThroughSurfaceFiles_SaysWhatIsMissing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bare.png");
        using (var mat = new Mat(3, 4, MatType.CV_8UC1, Scalar.All(9)))
        {
            Cv2.ImWrite(path, mat);
        }

        var result = SurfaceFiles.Read(path);

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
        Assert.That(result.Error.Message, Does.Contain("pixel size"));
    }
}
