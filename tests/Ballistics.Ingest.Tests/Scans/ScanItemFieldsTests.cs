using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Scans;

namespace Ballistics.Ingest.Tests.Scans;

[TestFixture]
public sealed class ScanItemFieldsTests
{
    private static IngestResult<ScanItemMetadata> Read(Dictionary<string, string> fields, DateLocale locale = DateLocale.Unspecified) =>
        ScanItemFields.Read(fields, "scans/F0001_fire01.x3p", "manifest.csv", 7, locale);

    [Test]
    public void Read_GeneratorColumnsOnly_ExhibitIdFromFileNameAndCaliberNormalised()
    {
        var read = Read(new() { ["file"] = "scans/F0001_fire01.x3p", ["firearm_id"] = "F0001", ["caliber"] = "9mm Luger", ["make_model"] = "Glock 17-like" });

        Assert.That(read.Success, Is.True);
        Assert.That(read.Value.ExhibitId, Is.EqualTo("F0001_fire01"));
        Assert.That(read.Value.Kind, Is.EqualTo(ScanItemKind.Evidence));
        Assert.That(read.Value.FirearmId, Is.EqualTo("F0001"));
        Assert.That(read.Value.Caliber, Is.EqualTo("9x19mm Parabellum"));
        Assert.That(read.Value.Country, Is.Null);
    }

    [Test]
    public void Read_SpanishNamesAndCodes_Normalised()
    {
        var read = Read(new()
        {
            ["exhibit_id"] = " EV-12 ",
            ["kind"] = "Test-Fire",
            ["country"] = "México",
            ["mx_state"] = "Sonora",
            ["us_state"] = "Arizona",
            ["date"] = "14/03/2025",
            ["firing_pin_class"] = "Hemispherical",
        }, DateLocale.EsMx);

        Assert.That(read.Success, Is.True, () => read.Error!.ToString());
        Assert.That(read.Value.ExhibitId, Is.EqualTo("EV-12"));
        Assert.That(read.Value.Kind, Is.EqualTo(ScanItemKind.TestFire));
        Assert.That(read.Value.Country, Is.EqualTo("MX"));
        Assert.That(read.Value.MxState, Is.EqualTo("MX-SON"));
        Assert.That(read.Value.UsState, Is.EqualTo("US-AZ"));
        Assert.That(read.Value.Date, Is.EqualTo(new DateOnly(2025, 3, 14)));
        Assert.That(read.Value.FiringPinClass, Is.EqualTo("hemispherical"));
    }

    [TestCase("kind", "holster", "not a kind of item")]
    [TestCase("country", "Canada", "items on file belong to US or MX")]
    [TestCase("country", "Atlantis", "not a known country")]
    [TestCase("mx_state", "Texas", "not a state of Mexico")]
    [TestCase("caliber", "banana", "not a known caliber")]
    [TestCase("date", "04/03/2025", "")]
    public void Read_BadValue_ErrorNamesLineAndField(string column, string value, string reason)
    {
        var read = Read(new() { [column] = value });

        Assert.That(read.Success, Is.False);
        Assert.That(read.Error!.Source, Is.EqualTo("manifest.csv"));
        Assert.That(read.Error.Location, Is.EqualTo($"line 7, field {column}"));
        Assert.That(read.Error.Message, Does.Contain(reason));
    }
}
