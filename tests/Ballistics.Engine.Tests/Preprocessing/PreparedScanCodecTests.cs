using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Tests.Comparison;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class PreparedScanCodecTests
{
    private static PreparedScan Fadul() => Preprocessor.Prepare(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"));

    [Test]
    public void Read_WrittenScan_BitEqualWithGeometryAndNotes()
    {
        var scan = Fadul();
        using var buffer = new MemoryStream();
        PreparedScanCodec.Write(scan, buffer);
        buffer.Position = 0;

        var back = PreparedScanCodec.Read(buffer, scan.Options)!;

        Assert.That(back.Surface.ValuesBitEqual(scan.Surface), Is.True);
        Assert.That(back.Surface.LateralStepXUm, Is.EqualTo(scan.Surface.LateralStepXUm));
        Assert.That(back.Geometry, Is.EqualTo(scan.Geometry));
        Assert.That(back.Notes, Is.EqualTo(scan.Notes));
        Assert.That((back.RegionPoints, back.KeptShare, back.SourceOffset), Is.EqualTo((scan.RegionPoints, scan.KeptShare, scan.SourceOffset)), "what the region picture and the kept share need");
        Assert.That(buffer.Length, Is.LessThan(scan.Surface.PointCount * sizeof(float)), "deflated");
    }

    [Test]
    public void Read_WrittenRawScan_FiringPinImpressionBitEqual()
    {
        var raw = CartridgeCaseSimulator.Fire(Firearm.Create(5, 1, Difficulty.Easy), 1, "Federal", 5, new ScanConditions { Crater = CraterRendering.Data, Layout = ScanLayout.Raw }).Surface;
        var scan = Preprocessor.Prepare(raw);
        Assert.That(scan.FiringPin.Status, Is.EqualTo(FiringPinStatus.Found), scan.FiringPin.Reason);
        using var buffer = new MemoryStream();
        PreparedScanCodec.Write(scan, buffer);
        buffer.Position = 0;

        var back = PreparedScanCodec.Read(buffer, scan.Options)!.FiringPin;

        var (written, read) = (scan.FiringPin.Impression!, back.Impression!);
        Assert.That(read.Surface.ValuesBitEqual(written.Surface), Is.True);
        Assert.That((read.AxisUm, read.Points, read.Outline), Is.EqualTo((written.AxisUm, written.Points, written.Outline)));
        Assert.That(written.Rings, Is.Not.Null, "a raw scan's crater floor holds the tip's rings");
        Assert.That(read.Rings!.Profile, Is.EqualTo(written.Rings!.Profile));
        Assert.That((read.Rings.CentreShiftUm, read.Rings.Strength), Is.EqualTo((written.Rings.CentreShiftUm, written.Rings.Strength)));
        Assert.That(back.Shear.Status, Is.EqualTo(FiringPinStatus.Found), scan.FiringPin.Shear.Reason);
        var (bandWritten, bandRead) = (scan.FiringPin.Shear.Band!, back.Shear.Band!);
        Assert.That(bandRead.Surface.ValuesBitEqual(bandWritten.Surface), Is.True);
        Assert.That((bandRead.AxisUm, bandRead.Points), Is.EqualTo((bandWritten.AxisUm, bandWritten.Points)));
    }

    [Test]
    public void Read_WrittenProcessedScan_FiringPinAbsentWithItsReason()
    {
        var scan = Fadul();
        using var buffer = new MemoryStream();
        PreparedScanCodec.Write(scan, buffer);
        buffer.Position = 0;

        var back = PreparedScanCodec.Read(buffer, scan.Options)!.FiringPin;

        Assert.That((back.Status, back.Reason), Is.EqualTo((FiringPinStatus.Absent, scan.FiringPin.Reason)));
    }

    [Test]
    public void Read_WrittenPhotograph_KindLightSignAndRelitVariantsKept()
    {
        var photo = Tests.Rendering.TakenPhotographs.Taken(
            Tests.Rendering.TakenPhotographs.Scan(1, 1),
            new Samples.PhotographOptions { Lighting = Engine.Surfaces.ImageLighting.Ring, RingUnevenness = 0.5, PixelSizeUm = 5 },
            noiseSeed: 3);
        var scan = PhotographPreprocessor.Prepare(photo);
        using var buffer = new MemoryStream();
        PreparedScanCodec.Write(scan, buffer);
        buffer.Position = 0;

        var back = PreparedScanCodec.Read(buffer, scan.Options)!;

        Assert.That(back.Kind, Is.EqualTo(Engine.Surfaces.SurfaceKind.Intensity2D));
        Assert.That(back.Surface.Metadata.Lighting, Is.EqualTo(Engine.Surfaces.ImageLighting.Ring));
        Assert.That(back.ShadingAsIs, Is.True);
        Assert.That(back.Relit.Select(r => r.SteeredDeg), Is.EqualTo(scan.Relit.Select(r => r.SteeredDeg)));
        Assert.That(back.Relit, Has.Count.EqualTo(3));
        Assert.That(back.Relit.Zip(scan.Relit).All(p => p.First.Surface.ValuesBitEqual(p.Second.Surface)), Is.True);
        Assert.That(back.Surface.ValuesBitEqual(scan.Surface), Is.True);
    }

    [Test]
    public void Read_TopographyRenderedAsPhotograph_EveryTurnAndTheEvenRingKept()
    {
        var matcher = new Engine.Matching.BreechFaceMatcher(model: null);
        var scan = matcher.PrepareAsPhotograph(Tests.Rendering.TakenPhotographs.Scan(1, 1), Engine.Surfaces.ImageLighting.Ring, withComparisonView: false);
        using var buffer = new MemoryStream();
        PreparedScanCodec.Write(scan, buffer);
        buffer.Position = 0;

        var back = PreparedScanCodec.Read(buffer, scan.Options)!;

        Assert.That(back.Relit.Prepend(back).Select(r => (r.RenderedLightAzimuthDeg, r.RenderedEvenRing)), Is.EqualTo(scan.Relit.Prepend(scan).Select(r => (r.RenderedLightAzimuthDeg, r.RenderedEvenRing))));
        Assert.That(back.Relit.Count(r => r.RenderedEvenRing), Is.EqualTo(1));
        Assert.That(back.Relit.Zip(scan.Relit).All(p => p.First.Surface.ValuesBitEqual(p.Second.Surface)), Is.True);
    }

    [TestCase(0x31535042u)]
    [TestCase(0x32535042u)]
    public void Read_FormerFormat_Absent(uint magic)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new System.IO.Compression.ZLibStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate))
        {
            writer.Write(magic);
            writer.Write(Preprocessor.AlgorithmVersion);
        }

        buffer.Position = 0;

        Assert.That(PreparedScanCodec.Read(buffer, PreprocessOptions.Default), Is.Null);
    }

    [Test]
    public void Read_OtherOptions_Absent()
    {
        var scan = Fadul();
        using var buffer = new MemoryStream();
        PreparedScanCodec.Write(scan, buffer);
        buffer.Position = 0;

        Assert.That(PreparedScanCodec.Read(buffer, scan.Options with { Region = scan.Options.Region with { PrimerMarginUm = scan.Options.Region.PrimerMarginUm + 1 } }), Is.Null);
    }

    [Test]
    public void Read_Truncated_InvalidData()
    {
        var scan = Fadul();
        using var buffer = new MemoryStream();
        PreparedScanCodec.Write(scan, buffer);
        var half = buffer.ToArray()[..(int)(buffer.Length / 2)];

        Assert.That(() => PreparedScanCodec.Read(new MemoryStream(half), scan.Options), Throws.InstanceOf<InvalidDataException>());
    }
}
