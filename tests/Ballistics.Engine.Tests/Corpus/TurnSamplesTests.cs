using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Tests.Comparison;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class TurnSamplesTests
{
    private static readonly BreechFaceMatcher Matcher = new(model: null);

    [Test]
    public void Read_Written_SameScreenAndSignatureAsFromTheSurface()
    {
        var query = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"));
        var candidate = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"), withComparisonView: false);
        var samples = Matcher.TurnSamplesOf(candidate)!;
        using var buffer = new MemoryStream();
        samples.Write(buffer);
        buffer.Position = 0;

        var back = TurnSamples.Read(buffer);

        Assert.That(back.Rings, Is.EqualTo(samples.Rings));
        Assert.That(back.CoarseStepUm, Is.EqualTo(samples.CoarseStepUm));
        Assert.That(Matcher.TurnScreen(query, back), Is.EqualTo(Matcher.TurnScreen(query, candidate)));
        Assert.That(BreechFaceMatcher.Signature(back, SignatureOptions.Default), Is.EqualTo(Matcher.Signature(candidate, SignatureOptions.Default)));
    }

    [Test]
    public void Read_Truncated_InvalidData()
    {
        var scan = Matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p"), withComparisonView: false);
        using var buffer = new MemoryStream();
        Matcher.TurnSamplesOf(scan)!.Write(buffer);

        Assert.That(() => TurnSamples.Read(new MemoryStream(buffer.ToArray()[..(int)(buffer.Length / 3)])), Throws.InstanceOf<InvalidDataException>());
        Assert.That(() => TurnSamples.Read(new MemoryStream([1, 2, 3])), Throws.InstanceOf<InvalidDataException>());
    }
}
