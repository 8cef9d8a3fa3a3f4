using System.Buffers;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Tests.Comparison;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class ScreenSamplesTests
{
    private static readonly BreechFaceMatcher Matcher = new(model: null);

    [Test]
    public void Read_Written_SameScreenAndSignatureAsFromTheSurface()
    {
        var query = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"));
        var candidate = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"), withComparisonView: false);
        var withView = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"));
        var samples = Matcher.ScreenSamplesOf(candidate)!;
        using var buffer = new MemoryStream();
        samples.Write(buffer);
        buffer.Position = 0;

        var back = ScreenSamples.Read(buffer);

        Assert.That(back.Rings, Is.EqualTo(samples.Rings));
        Assert.That(back.CoarseStepUm, Is.EqualTo(samples.CoarseStepUm));
        Assert.That((back.CoarseWidth, back.CoarseHeight, back.CoarseAxis), Is.EqualTo((samples.CoarseWidth, samples.CoarseHeight, samples.CoarseAxis)));
        var fromView = Matcher.Screen(query, withView, ScreenOptions.Default);
        Assert.That(fromView, Is.Not.Null);
        Assert.That(Matcher.Screen(query, back, ScreenOptions.Default), Is.EqualTo(fromView), "the cache holds what the view holds");
        Assert.That(Matcher.Screen(query, candidate, ScreenOptions.Default), Is.EqualTo(fromView));
        Assert.That(BreechFaceMatcher.Signature(back, SignatureOptions.Default), Is.EqualTo(Matcher.Signature(candidate, SignatureOptions.Default)));
    }

    [Test]
    public void Read_Truncated_InvalidData()
    {
        var scan = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"), withComparisonView: false);
        using var buffer = new MemoryStream();
        Matcher.ScreenSamplesOf(scan)!.Write(buffer);

        Assert.That(() => ScreenSamples.Read(new MemoryStream(buffer.ToArray()[..(int)(buffer.Length / 3)])), Throws.InstanceOf<InvalidDataException>());
        Assert.That(() => ScreenSamples.Read(new MemoryStream([1, 2, 3])), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Read_OneByteChanged_InvalidData()
    {
        var scan = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"), withComparisonView: false);
        using var buffer = new MemoryStream();
        Matcher.ScreenSamplesOf(scan)!.Write(buffer);
        var bytes = buffer.ToArray();
        bytes[bytes.Length / 2] ^= 0x10;

        Assert.That(() => ScreenSamples.Read(new MemoryStream(bytes)), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("checksum"));
    }

    [Test]
    public void Read_IntoPooledPlanesHoldingOldValues_SameAsWritten()
    {
        // Read samples borrow their planes from the shared pool: the empty inner rings must be cleared, not inherited.
        var samples = Matcher.ScreenSamplesOf(Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"), withComparisonView: false))!;
        var expected = BreechFaceMatcher.Signature(samples, SignatureOptions.Default);
        var length = samples.Rings * CentredPolarImage.Angles;
        var dirty = new[] { ArrayPool<float>.Shared.Rent(length), ArrayPool<float>.Shared.Rent(length) };
        foreach (var plane in dirty)
        {
            // Varying along the ring: a constant would only touch the mean, which no signature frequency sees.
            for (var i = 0; i < plane.Length; i++)
            {
                plane[i] = i % 13;
            }

            ArrayPool<float>.Shared.Return(plane);
        }

        using var read = RoundTrip(samples);

        Assert.That(BreechFaceMatcher.Signature(read, SignatureOptions.Default), Is.EqualTo(expected));
    }

    private static ScreenSamples RoundTrip(ScreenSamples samples)
    {
        using var buffer = new MemoryStream();
        samples.Write(buffer);
        buffer.Position = 0;
        return ScreenSamples.Read(buffer);
    }
}
