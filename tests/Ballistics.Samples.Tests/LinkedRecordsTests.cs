using System.Text;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class LinkedRecordsTests
{
    private static readonly string[] MakeModels = ["Glock 17-like", "Smith & Wesson M&P9-like", "Ruger SR9-like", "Hi-Point C9-like", "Sig Sauer P226-like"];

    [Test]
    public void Create_SameSeed_SameTextAndAnotherSeedOther()
    {
        var rows = Rows(40, fires: 3);
        var first = LinkedRecords.Create(5, rows);

        var again = LinkedRecords.Create(5, rows);
        var other = LinkedRecords.Create(6, rows);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other.Transactions, Is.Not.EqualTo(first.Transactions));
    }

    [Test]
    public void Create_EveryFile_NormalisesWithoutARejectAndOneRecordPerFirearm()
    {
        var files = LinkedRecords.Create(5, Rows(60, fires: 2));

        foreach (var (text, kind) in new[] { (files.Transactions, RecordKind.Transaction), (files.Seizures, RecordKind.Seizure), (files.Traces, RecordKind.Trace) })
        {
            var results = Normalize(text, kind);
            Assert.That(results.SelectMany(r => r.LocatedErrors()).Select(e => e.ToString()), Is.Empty, kind.ToString());
            Assert.That(results, Has.Count.EqualTo(60), kind.ToString());
        }
    }

    [Test]
    public void Create_Seizures_CrimeSceneCaseIsTheFirearmsFirstScan()
    {
        var rows = Rows(30, fires: 3);

        var seizures = Normalize(LinkedRecords.Create(5, rows).Seizures, RecordKind.Seizure).Select(r => (SeizureRecord)r.Record!).ToArray();

        Assert.That(seizures.Select(s => s.CartridgeCases.Single()), Is.EqualTo(rows.Where(r => r.FireIndex == 1).Select(r => Path.GetFileNameWithoutExtension(r.File))));
        Assert.That(seizures.Select(s => s.Recovery.Place.Country).Distinct().Order(), Is.EqualTo(new[] { "MX", "US" }));
        Assert.That(seizures.Count(s => s.Firearm.Serial.IsObliterated), Is.GreaterThan(0).And.LessThan(seizures.Length / 3));
    }

    [Test]
    public void Create_Transactions_StrawRunsOnOneReportWithinFiveBusinessDays()
    {
        var sales = Normalize(LinkedRecords.Create(5, Rows(60, fires: 1)).Transactions, RecordKind.Transaction).Select(r => (FirearmTransaction)r.Record!).ToArray();

        var runs = sales.Where(s => s.MultipleSaleReport is not null).GroupBy(s => s.MultipleSaleReport).ToArray();

        Assert.That(runs, Is.Not.Empty);
        foreach (var run in runs)
        {
            Assert.That(run.Count(), Is.InRange(2, 4), run.Key);
            Assert.That(run.Select(s => s.Purchaser!.Identification).Distinct().Count(), Is.EqualTo(1), run.Key);
            Assert.That(run.Select(s => s.DealerFfl).Distinct().Count(), Is.EqualTo(1), run.Key);
            Assert.That(run.Max(s => s.RetailDate!.Value.DayNumber) - run.Min(s => s.RetailDate!.Value.DayNumber), Is.LessThanOrEqualTo(6), run.Key);
        }

        Assert.That(sales.Where(s => s.MultipleSaleReport is null).Select(s => s.Purchaser!.Identification).Distinct().Count(), Is.EqualTo(sales.Count(s => s.MultipleSaleReport is null)), "a buyer outside a straw run buys one firearm");
    }

    [TestCase("Smith & Wesson M&P9-like", "Smith & Wesson", "M&P9")]
    [TestCase("Glock 17-like", "Glock", "17")]
    [TestCase("Hi-Point C9-like", "Hi-Point", "C9")]
    public void MakeAndModel_ArchetypeName_SplitIntoMakerAndModel(string makeModel, string make, string model)
    {
        Assert.That(LinkedRecords.MakeAndModel(makeModel), Is.EqualTo((make, model)));
    }

    private static List<ManifestRow> Rows(int firearms, int fires) =>
        Enumerable.Range(1, firearms)
            .SelectMany(n => Enumerable.Range(1, fires).Select(f => new ManifestRow(CorpusGenerator.ScanFileName(n, f), Firearm.FormatId(n), MakeModels[n % MakeModels.Length], MakeModelCatalogue.NineMillimetreLuger, "Brand", f)))
            .ToList();

    private static List<RecordResult> Normalize(string text, RecordKind kind)
    {
        var opened = RecordFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), kind.ToString(), RecordFormat.Csv, kind, new NormalizeOptions { Today = new DateOnly(2025, 1, 1) });
        using var reader = opened.Value;
        return reader.ReadAll().ToList();
    }
}
