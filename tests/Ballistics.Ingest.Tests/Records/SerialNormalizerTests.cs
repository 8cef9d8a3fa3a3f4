using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class SerialNormalizerTests
{
    private static (string? Error, SerialNumber Serial) Normalize(string text, bool obliterated = false)
    {
        var tables = NormalizationTables.Default;
        var error = SerialNormalizer.Normalize(text, obliterated, tables, tables.Fields(RecordKind.Trace), out var serial);
        return (error, serial);
    }

    [TestCase("abc-123 45", "ABC12345", "ABC12345")]
    [TestCase("BOX 1O5", "B0X105", "B0105")]
    [TestCase("369J257", "369J257", "369257")]
    [TestCase("AB12C34D", "AB12C34D", "AB1234D")]
    [TestCase("S/N: 12-345", "12345", "12345")]
    [TestCase("Serie: TCB4567", "TCB4567", "TCB4567")]
    [TestCase("#9911", "9911", "9911")]
    [TestCase("ñ123", "N123", "N123")]
    public void Normalize_WrittenSerial_NcicFormAndMatchingKey(string text, string value, string key)
    {
        var (error, serial) = Normalize(text);

        Assert.That(error, Is.Null);
        Assert.That(serial, Is.EqualTo(new SerialNumber(SerialStatus.Present, value, key)));
    }

    [TestCase("UNK", SerialStatus.Unknown)]
    [TestCase("desconocido", SerialStatus.Unknown)]
    [TestCase("N/A", SerialStatus.Unknown)]
    [TestCase("limado", SerialStatus.Obliterated)]
    [TestCase("OBLITERATED", SerialStatus.Obliterated)]
    [TestCase("matrícula borrada", SerialStatus.Obliterated)]
    [TestCase("S/N", SerialStatus.None)]
    [TestCase("sin número", SerialStatus.None)]
    public void Normalize_WordInsteadOfSerial_ExplicitStatusWithoutValue(string text, SerialStatus status)
    {
        var (error, serial) = Normalize(text);

        Assert.That(error, Is.Null);
        Assert.That(serial.Status, Is.EqualTo(status));
        Assert.That(serial.Value, Is.Null);
        Assert.That(serial.Key, Is.Null);
    }

    [Test]
    public void Normalize_BlankNotObliterated_IsAnError()
    {
        var (error, _) = Normalize("   ");

        Assert.That(error, Does.Contain("blank").And.Contain("UNK"));
    }

    [Test]
    public void Normalize_BlankButFlaggedObliterated_IsObliteratedWithoutNumber()
    {
        var (error, serial) = Normalize(string.Empty, obliterated: true);

        Assert.That(error, Is.Null);
        Assert.That(serial, Is.EqualTo(new SerialNumber(SerialStatus.Obliterated, null, null)));
    }

    [Test]
    public void Normalize_PartlyRestoredObliterated_KeepsDigitsWithoutKey()
    {
        var (error, serial) = Normalize("12?4*6", obliterated: true);

        Assert.That(error, Is.Null);
        Assert.That(serial, Is.EqualTo(new SerialNumber(SerialStatus.Obliterated, "12?4?6", null)));
    }

    [Test]
    public void Normalize_FullyRestoredObliterated_HasMatchingKey()
    {
        var (_, serial) = Normalize("AB-1234", obliterated: true);

        Assert.That(serial, Is.EqualTo(new SerialNumber(SerialStatus.Obliterated, "AB1234", "AB1234")));
    }

    [TestCase("12?45", "unreadable")]
    [TestCase("0000", "zeros only")]
    [TestCase("OOO", "zeros only")]
    [TestCase("123456789012345678901", "longer than 20")]
    [TestCase("---", "no letters or digits")]
    [TestCase("12Ж45", "no letter or digit NCIC accepts")]
    public void Normalize_BadSerial_ReasonSaysWhy(string text, string reason)
    {
        var (error, _) = Normalize(text);

        Assert.That(error, Does.Contain(reason));
    }
}
