using System.Text.Json;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class InfoCommandTests
{
    private static string[] Cartridges() =>
        Directory.GetFiles(SharedData.X3p("cartridge"), "*.x3p").Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void Info_AllSharedCartridges_OneLinePerFileWithSizeAndStep()
    {
        var (code, output, error) = Run(["info", .. Cartridges()]);

        Assert.That(code, Is.Zero, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(10));
        Assert.That(lines, Has.Some.StartsWith("baldwin_K013sA1_raw.x3p  size=769x749  step_um=7.37468x7.37468"));
        Assert.That(lines, Has.Some.StartsWith("fadul_1-1_processed.x3p  size=545x545  step_um=6.25x6.25"));
        Assert.That(lines, Has.Some.StartsWith("triplet_x3p1_processed.x3p  size=430x426  step_um=7.38452x7.38452"));
        Assert.That(lines.Single(l => l.StartsWith("baldwin_K013sA1_raw", StringComparison.Ordinal)), Does.Contain("mask=").And.Contain("instrument=\"Cadre TopMatch-GS 3D"));
    }

    [Test]
    public void Info_Json_EachLineIsAnObjectWithTheFields()
    {
        var (code, output, _) = Run(["info", "--json", SharedData.X3p("cartridge/fadul_1-2_processed.x3p")]);

        Assert.That(code, Is.Zero);
        using var doc = JsonDocument.Parse(output.Trim());
        var root = doc.RootElement;
        Assert.That(root.GetProperty("width").GetInt32(), Is.EqualTo(546));
        Assert.That(root.GetProperty("step_x_um").GetDouble(), Is.EqualTo(6.25).Within(1e-12));
        Assert.That(root.GetProperty("valid_fraction").GetDouble(), Is.InRange(0.25, 0.35));
        Assert.That(root.GetProperty("z_max").GetDouble(), Is.GreaterThan(root.GetProperty("z_min").GetDouble()));
        Assert.That(root.GetProperty("z_unit").GetString(), Is.EqualTo("um"));
        Assert.That(root.GetProperty("instrument").GetString(), Does.StartWith("NanoFocus"));
    }

    [TestCase("raw/fadul_1-1_raw.x3p", "detected")]
    [TestCase("cartridge/baldwin_K013sA1_raw.x3p", "mask")]
    [TestCase("cartridge/fadul_1-1_processed.x3p", "already_cropped")]
    public void Info_Json_ReportsTheBreechFaceKept(string file, string source)
    {
        var (code, output, error) = Run(["info", "--json", SharedData.X3p(file)]);

        Assert.That(code, Is.Zero, error);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var face = doc.RootElement.GetProperty("breech_face");
        Assert.That(face.GetProperty("source").GetString(), Is.EqualTo(source));
        Assert.That(face.GetProperty("kept_share").GetDouble(), Is.InRange(0.2, 1.0));
        Assert.That(face.GetProperty("kept_points").GetInt64(), Is.LessThanOrEqualTo(face.GetProperty("region_points").GetInt64()));
        Assert.That(face.GetProperty("kept_area_mm2").GetDouble(), Is.GreaterThan(1));
    }

    [TestCase("cartridge/baldwin_K013sA1_raw.x3p", "found", "circular", null)]
    [TestCase("raw/fadul_1-2_raw.x3p", "failed", "circular", "floor was not measured")]
    [TestCase("cartridge/fadul_1-1_processed.x3p", "absent", null, "breech face only")]
    public void Info_Json_ReportsTheFiringPinFoundAndItsShape(string file, string status, string? shape, string? reason)
    {
        var (code, output, error) = Run(["info", "--json", SharedData.X3p(file)]);

        Assert.That(code, Is.Zero, error);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var pin = doc.RootElement.GetProperty("firing_pin");
        Assert.That(pin.GetProperty("status").GetString(), Is.EqualTo(status));
        Assert.That(pin.GetProperty("shape").GetString(), Is.EqualTo(shape));
        if (status == "found")
        {
            Assert.That(pin.GetProperty("points").GetInt32(), Is.GreaterThan(2_000));
            Assert.That(pin.GetProperty("crater_radius_um").GetDouble(), Is.InRange(200, 900));
            Assert.That(pin.GetProperty("ring_strength").GetDouble(), Is.InRange(0, 1), "the share of the floor's relief the tip's turns explain");
        }
        else
        {
            Assert.That(pin.GetProperty("ring_strength").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            // Fadul's raw crater was not measured, only its rim and flow-back; a processed file holds no crater: the reason says which.
            Assert.That(pin.GetProperty("reason").GetString(), Does.Contain(reason));
        }
    }

    [Test]
    public void Info_BadFileAmongGood_ReportsItAndGoesOn()
    {
        using var dir = new TempDirectory();
        var bad = dir.File("broken.x3p");
        File.WriteAllText(bad, "not a zip");
        var good = SharedData.X3p("cartridge/triplet_x3p2_processed.x3p");

        var (code, output, error) = Run(["info", bad, good]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain(bad).And.Contain("not a ZIP"));
        Assert.That(output, Does.Contain("triplet_x3p2_processed.x3p  size=438x435"));
    }

    [Test]
    public void Info_StaleChecksum_FailsUnlessNoVerify()
    {
        var logo = SharedData.X3p("misc/x3ptools_csafe-logo.x3p");

        var strict = Run(["info", logo]);
        var lenient = Run(["info", "--no-verify", logo]);

        Assert.That(strict.Code, Is.EqualTo(1));
        Assert.That(strict.Error, Does.Contain("md5checksum.hex"));
        Assert.That(lenient.Code, Is.Zero);
        Assert.That(lenient.Output, Does.Contain("size=741x419"));
    }

    [Test]
    public void Info_PhotographWithPhys_PixelSizeFromTheFileAndLightingAsGiven()
    {
        using var dir = new TempDirectory();
        var path = dir.File("case.png");
        using (var image = new OpenCvSharp.Mat(30, 40, OpenCvSharp.MatType.CV_8UC1, OpenCvSharp.Scalar.All(90)))
        {
            File.WriteAllBytes(path, Ballistics.Ingest.Images.ImageWriter.Png(image, 4.5));
        }

        var (code, output, error) = Run(["info", "--json", "--lighting", "side", path]);

        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output.Trim());
        Assert.That(doc.RootElement.GetProperty("kind").GetString(), Is.EqualTo("intensity2d"));
        Assert.That(doc.RootElement.GetProperty("step_x_um").GetDouble(), Is.EqualTo(4.5).Within(1e-4));
        Assert.That(doc.RootElement.GetProperty("lighting").GetString(), Is.EqualTo("side"));
    }

    [Test]
    public void Info_PhotographWithoutPixelSize_ErrorSaysWhatToGive()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bare.tif");
        using (var image = new OpenCvSharp.Mat(30, 40, OpenCvSharp.MatType.CV_8UC1, OpenCvSharp.Scalar.All(90)))
        {
            OpenCvSharp.Cv2.ImWrite(path, image);
        }

        var refused = Run(["info", path]);
        var stated = Run(["info", "--pixel-size-um", "3", path]);

        Assert.That(refused.Code, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("bare.tif").And.Contain("no XResolution").And.Contain("--pixel-size-um"));
        Assert.That(stated.Code, Is.Zero, stated.Error);
        Assert.That(stated.Output, Does.Contain("step_um=3x3").And.Contain("lighting=unknown"));
    }

    [Test]
    public void Info_NoFiles_IsUsageError()
    {
        var (code, _, _) = Run(["info"]);

        Assert.That(code, Is.Not.Zero);
    }

    internal static (int Code, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
