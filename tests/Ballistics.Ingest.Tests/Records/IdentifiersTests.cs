using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class IdentifiersTests
{
    [TestCase("5-74-123-01-2K-12345", "5-74-123-01-2K-12345")]
    [TestCase("574123012k12345", "5-74-123-01-2K-12345")]
    [TestCase("9 86 029 07 8C 00417", "9-86-029-07-8C-00417")]
    public void Ffl_WellFormed_WrittenWithDashes(string text, string expected)
    {
        Assert.That(Identifiers.Ffl(text, out var ffl), Is.Null);
        Assert.That(ffl, Is.EqualTo(expected));
    }

    [TestCase("5-74-123-01-2K-1234")]
    [TestCase("5-74-123-12-2K-12345")]
    [TestCase("5-74-123-01-22-12345")]
    [TestCase("FFL PENDING")]
    public void Ffl_Malformed_IsRejected(string text)
    {
        Assert.That(Identifiers.Ffl(text, out var ffl), Does.Contain("not an FFL number"));
        Assert.That(ffl, Is.Null);
    }

    [TestCase("TX0570000", "TX0570000")]
    [TestCase("tx-057-0000", "TX0570000")]
    public void Ori_NineCharacters_Normalised(string text, string expected)
    {
        Assert.That(Identifiers.Ori(text, out var ori), Is.Null);
        Assert.That(ori, Is.EqualTo(expected));
    }

    [TestCase("0570000TX")]
    [TestCase("TX057")]
    public void Ori_Malformed_IsRejected(string text)
    {
        Assert.That(Identifiers.Ori(text, out _), Does.Contain("not an ORI"));
    }

    [TestCase("5212", null)]
    [TestCase("52A2", "not an NCIC offense code")]
    [TestCase("521", "not an NCIC offense code")]
    public void CrimeCode_FourDigits(string text, string? reason)
    {
        var error = Identifiers.CrimeCode(text, out var code);

        Assert.That(error, reason is null ? Is.Null : Does.Contain(reason));
        Assert.That(code, reason is null ? Is.EqualTo(text) : Is.Null);
    }
}
