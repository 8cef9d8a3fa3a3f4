using Ballistics.Engine.Corpus;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class SignatureCodecTests
{
    private static float[] Signature(string name) => ScanSignatureTests.Signature(name);

    [Test]
    public void Encode_RealScans_CodesKeepTheRanking()
    {
        var codec = SignatureCodec.Default;
        var fadul11 = Signature("fadul_1-1_processed");
        var fadul12 = Signature("fadul_1-2_processed");
        var other = Signature("baldwin_K227iG3_processed");
        var (a, b, c) = (codec.Encode(fadul11), codec.Encode(fadul12), codec.Encode(other));

        Assert.That(a.Code, Has.Length.EqualTo(512));
        // Every scan gets a usable code, whatever the sign of its largest projected component.
        Assert.That(new[] { a.Scale, b.Scale, c.Scale }, Has.All.GreaterThan(0));
        Assert.That(SignatureCodec.Similarity(a, a), Is.EqualTo(1).Within(0.01));
        Assert.That(SignatureCodec.Similarity(a, b), Is.GreaterThan(SignatureCodec.Similarity(a, c)));
        Assert.That(codec.Version, Does.StartWith(ScanSignature.AlgorithmVersion).And.Contain(codec.Projection.Id));
    }

    [Test]
    public void StageOneCode_Bytes_RoundTrip()
    {
        var code = new StageOneCode([1, -2, 127, -127], 0.0125f);

        var back = StageOneCode.FromBytes(code.ToBytes());

        Assert.That(back.Code, Is.EqualTo(code.Code));
        Assert.That(back.Scale, Is.EqualTo(code.Scale));
    }

    [Test]
    public void Constructor_ProjectionOfOtherOptions_Refused()
    {
        var other = SignatureOptions.Default with { NeighbourBands = 1 };

        Assert.That(() => new SignatureCodec(other, SignatureCodec.Default.Projection), Throws.ArgumentException.With.Message.Contains("trained for"));
    }
}
