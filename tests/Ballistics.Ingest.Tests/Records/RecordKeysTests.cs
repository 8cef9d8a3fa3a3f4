using Ballistics.Ingest.Records;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class RecordKeysTests
{
    [Test]
    public void Person_IdentificationGiven_KeyedOnItAlone()
    {
        var a = RecordKeys.Person(new PersonRecord("Juan Pérez", new DateOnly(1990, 5, 5), "Calle 1", "tx-dl 123"));
        var b = RecordKeys.Person(new PersonRecord("J. Perez", null, null, "TXDL123"));

        Assert.That(a, Is.EqualTo("id:TXDL123"));
        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void Person_NoIdentification_NameFoldedWithDateOfBirth()
    {
        var key = RecordKeys.Person(new PersonRecord("Juan  Pérez", new DateOnly(1990, 5, 5), null, null));

        Assert.That(key, Is.EqualTo("name:JUANPEREZ|1990-05-05"));
        Assert.That(RecordKeys.Person(new PersonRecord("juan perez", new DateOnly(1991, 5, 5), null, null)), Is.Not.EqualTo(key), "another birthday is another person");
    }

    [Test]
    public void Person_OnlyAnAddress_NoKey()
    {
        Assert.That(RecordKeys.Person(new PersonRecord(null, null, "Calle 1", null)), Is.Null);
    }

    [TestCase("M&P 9", "MP9")]
    [TestCase("m&p9", "MP9")]
    [TestCase("Pietro-Beretta 92FS", "PIETROBERETTA92FS")]
    [TestCase("  ", null)]
    [TestCase("--", null)]
    public void Model_Written_FoldedKey(string model, string? key)
    {
        Assert.That(RecordKeys.Model(model), Is.EqualTo(key));
    }
}
