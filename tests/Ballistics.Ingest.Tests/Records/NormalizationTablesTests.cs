using Ballistics.Ingest.Records.Tables;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class NormalizationTablesTests
{
    private static HashSet<string> NcicCodes(string file) =>
        File.ReadLines(SharedData.Ncic(file)).Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);

    [Test]
    public void Makers_EveryNcicCode_IsInTheSharedMakList()
    {
        var known = NcicCodes("MAKCode.tsv");

        var codes = NormalizationTables.Default.Makers.Values.Select(m => m.NcicCode).OfType<string>().ToArray();

        Assert.That(codes, Has.Length.GreaterThan(50));
        Assert.That(codes.Where(c => !known.Contains(c)), Is.Empty);
    }

    [Test]
    public void Calibers_EveryNcicCode_IsInTheSharedCalList()
    {
        var known = NcicCodes("CALCode.tsv");

        var codes = NormalizationTables.Default.Calibers.Values.Select(c => c.NcicCode).OfType<string>().ToArray();

        Assert.That(codes, Has.Length.GreaterThan(40));
        Assert.That(codes.Where(c => !known.Contains(c)), Is.Empty);
    }

    [Test]
    public void GunTypes_CategoryAndDescription_AreInTheSharedTypLists()
    {
        var categories = NcicCodes("TYPCode.tsv");
        var descriptions = NcicCodes("TYPDescriptionCode.tsv");

        var codes = NormalizationTables.Default.GunTypes.Values.Select(t => t.Code).ToArray();

        Assert.That(codes, Has.Length.GreaterThan(20));
        Assert.That(codes.Where(c => c.Length is < 1 or > 2), Is.Empty);
        Assert.That(codes.Where(c => !categories.Contains(c[..1])), Is.Empty);
        Assert.That(codes.Where(c => c.Length == 2 && !descriptions.Contains(c[1..])), Is.Empty);
    }

    [Test]
    public void States_All32MexicanAndTheUsStates_HaveIsoCodes()
    {
        var mexico = NormalizationTables.Default.MexicanStates.Values.ToArray();
        var us = NormalizationTables.Default.UsStates.Values.ToArray();

        Assert.That(mexico, Has.Length.EqualTo(32));
        Assert.That(mexico, Has.All.Matches(@"^MX-[A-Z]{3}$"));
        Assert.That(us, Has.Length.EqualTo(52));
        Assert.That(us, Has.All.Matches(@"^US-[A-Z]{2}$"));
    }

    [Test]
    public void Makers_ImporterRows_AreMarkedAsImporters()
    {
        Assert.That(NormalizationTables.Default.Makers.TryFind("Century Arms", out var century), Is.True);
        Assert.That(century!.IsImporter, Is.True);
        Assert.That(NormalizationTables.Default.Makers.TryFind("Romarm", out var romarm), Is.True);
        Assert.That(romarm!.IsImporter, Is.False);
    }

    [Test]
    public void Calibers_NearNamesOfDifferentCartridges_StayApart()
    {
        var t = NormalizationTables.Default.Calibers;

        Assert.That(t.TryFind(".223 Rem", out var rem), Is.True);
        Assert.That(t.TryFind("5.56x45 NATO", out var nato), Is.True);
        Assert.That(t.TryFind("7.62x39", out var soviet), Is.True);
        Assert.That(t.TryFind("7.62x51", out var natoRifle), Is.True);

        Assert.That(rem!.Name, Is.EqualTo(".223 Remington"));
        Assert.That(nato!.Name, Is.EqualTo("5.56x45mm NATO"));
        Assert.That(soviet!.Name, Is.EqualTo("7.62x39mm"));
        Assert.That(natoRifle!.Name, Is.EqualTo("7.62x51mm NATO"));
        Assert.That(soviet.NcicCode, Is.EqualTo(natoRifle.NcicCode), "NCIC's 762 covers both; the cartridge keeps them apart");
    }

    [Test]
    public void Fields_SpanishColumnNames_MapToTheSameFieldsAsEnglish()
    {
        var fields = NormalizationTables.Default.Fields(Ingest.Records.RecordKind.Seizure);

        Assert.That(fields.TryFind("Matrícula", out var matricula), Is.True);
        Assert.That(fields.TryFind("serial_number", out var serial), Is.True);
        Assert.That(fields.TryFind("Fecha de aseguramiento", out var fecha), Is.True);
        Assert.That(fields.TryFind("recovery date", out var date), Is.True);

        Assert.That(matricula, Is.EqualTo(serial));
        Assert.That(fecha, Is.EqualTo(date));
    }
}
