using Ballistics.Ingest.Records;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class FirearmLookupTests
{
    [Test]
    public void Describe_AliasAndDashedSerial_NormalisedAsInAFile()
    {
        var (firearm, errors) = FirearmLookup.Describe("369-J257", "Smith and Wesson");

        Assert.That(errors, Is.Empty);
        Assert.That(firearm.MakeCode, Is.EqualTo("SW"));
        Assert.That(firearm.Serial, Is.EqualTo(new SerialNumber(SerialStatus.Present, "369J257", "369257")));
    }

    [Test]
    public void Describe_ObliteratedWord_ObliteratedWithoutKey()
    {
        var (firearm, errors) = FirearmLookup.Describe("limado", "Glock");

        Assert.That(errors, Is.Empty);
        Assert.That(firearm.Serial.IsObliterated, Is.True);
        Assert.That(firearm.Serial.Key, Is.Null);
    }

    [Test]
    public void Describe_UnknownMakerAndBlankSerial_BothProblemsNamed()
    {
        var (_, errors) = FirearmLookup.Describe(" ", "Acme");

        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "make", "serial" }));
    }
}
