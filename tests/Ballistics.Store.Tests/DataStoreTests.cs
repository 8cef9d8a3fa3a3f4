using Ballistics.Ingest.Records;
using Ballistics.Store.Database;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class DataStoreTests(StoreEngine engine)
{
    [Test]
    public void Ingest_SameFileTwice_StoresOnce()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        var first = TestStores.Ingest(store, dir, "sales.csv", RecordRows.Sales, RecordKind.Transaction);
        var second = TestStores.Ingest(store, dir, "sales.csv", RecordRows.Sales, RecordKind.Transaction);

        Assert.That(first, Is.EqualTo(new Records.IngestCounts(3, 3, 0, 0)));
        Assert.That(second, Is.EqualTo(new Records.IngestCounts(3, 0, 3, 0)));
        Assert.That(TestStores.Count(store, "SELECT count(*) FROM sale"), Is.EqualTo(3));
        Assert.That(TestStores.Count(store, "SELECT count(*) FROM person"), Is.EqualTo(3));
    }

    [Test]
    public void Ingest_SameRecordInAnotherFileAndFormat_StoresOnce()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        TestStores.Ingest(store, dir, "traces.csv", RecordRows.Traces, RecordKind.Trace);

        // T-1 again, spelt differently and as JSON: the same record once normalised.
        var counts = TestStores.Ingest(store, dir, "more.json", """[{"trace number": "T-1", "serial": "fx-9", "make": "Glock GmbH", "model": "19", "caliber": "9 mm", "recovery date": "06/01/2020", "state": "Jalisco", "municipality": "Guadalajara", "possessor": "Pedro Gil"}]""", RecordKind.Trace);

        Assert.That(counts, Is.EqualTo(new Records.IngestCounts(1, 0, 1, 0)));
        Assert.That(store.CountByKind()["trace"], Is.EqualTo(3));
    }

    [Test]
    public void Ingest_BadRecords_RejectedWithLocationAndGoodOnesOfTheFileStored()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var text = RecordRows.Sales + "X4,55,Acme,1,9x19,,,,,,2018-03-02,,,,\nX5,56,Colt,1911,.45 ACP,,,,,,2018-02-30,,,,\n";

        var counts = TestStores.Ingest(store, dir, "sales.csv", text, RecordKind.Transaction);

        Assert.That(counts, Is.EqualTo(new Records.IngestCounts(5, 3, 0, 2)));
        var rejects = File.ReadAllLines(dir.File("sales.csv.rejects.csv"));
        Assert.That(rejects[0], Is.EqualTo("file,line,field,reason"));
        Assert.That(rejects[1], Does.StartWith($"{dir.File("sales.csv")},5,make,"));
        Assert.That(rejects[2], Does.StartWith($"{dir.File("sales.csv")},6,retail_date,"));
        Assert.That(rejects, Has.Length.EqualTo(3));
        Assert.That(TestStores.Count(store, "SELECT count(*) FROM sale WHERE transaction_id IN ('X4', 'X5')"), Is.Zero);
    }

    [Test]
    public void Ingest_PersonalData_OnlyInThePersonTableMarkedPersonal()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        TestStores.Ingest(store, dir, "sales.csv", RecordRows.Sales, RecordKind.Transaction);
        TestStores.Ingest(store, dir, "traces.csv", RecordRows.Traces, RecordKind.Trace);

        Assert.That(TestStores.Count(store, "SELECT count(*) FROM data_class WHERE class = 'personal'"), Is.EqualTo(1));
        Assert.That(TestStores.Scalar(store, "SELECT table_name FROM data_class WHERE class = 'personal'"), Is.EqualTo("person"));
        Assert.That(TestStores.Count(store, "SELECT count(*) FROM person WHERE role = 'purchaser'"), Is.EqualTo(3));
        Assert.That(TestStores.Count(store, "SELECT count(*) FROM person WHERE role = 'possessor'"), Is.EqualTo(2));
        foreach (var table in new[] { "record", "firearm", "sale", "recovery", "trace_request" })
        {
            // Every column of every non-personal row, as one text: no name may appear in it.
            var columns = string.Join(" || '|' || ", TestStores.Columns(store, table).Select(c => $"coalesce(CAST({c} AS TEXT), '')"));
            var all = (string?)TestStores.Scalar(store, $"SELECT {TestStores.Joined(store, columns, "'|'")} FROM {table}") ?? string.Empty;
            Assert.That(all, Does.Not.Contain("Pérez").And.Not.Contain("Ruiz").And.Not.Contain("Pedro").And.Not.Contain("TXDL"), table);
        }
    }

    [Test]
    public void Ingest_SeizureWithCartridgeCases_EvidenceKeptInOrder()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        const string Seizure = "folio del evento,serie,marca,calibre,fecha de aseguramiento,entidad federativa,municipio,casquillos\nEV-9,123,Glock,9x19,2023-04-03,Jalisco,Zapopan,C-3;C-1;C-2\n";

        var counts = TestStores.Ingest(store, dir, "seizure.csv", Seizure, RecordKind.Seizure);

        Assert.That(counts.Stored, Is.EqualTo(1));
        var evidence = new List<string>();
        using (var connection = TestStores.Connection(store))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT exhibit_id FROM seizure_evidence ORDER BY position";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                evidence.Add(reader.GetString(0));
            }
        }

        Assert.That(evidence, Is.EqualTo(new[] { "C-3", "C-1", "C-2" }));
        Assert.That(TestStores.Scalar(store, "SELECT state_code FROM recovery"), Is.EqualTo("MX-JAL"));
    }

    [Test]
    public void Check_AfterIngestOfEveryKind_IsWhole()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        TestStores.Ingest(store, dir, "sales.csv", RecordRows.TransactionCsv(300, seed: 3), RecordKind.Transaction);
        TestStores.Ingest(store, dir, "traces.csv", RecordRows.Traces, RecordKind.Trace);
        TestStores.Ingest(store, dir, "seizures.csv", RecordRows.SeizureCsv(300, seed: 4), RecordKind.Seizure);

        var check = store.Check();

        Assert.That(check, Is.EqualTo(new StoreCheck("ok", 0, 0)));
        Assert.That(check.IsWhole, Is.True);
    }

    [Test]
    public void Check_RecordMissingOneOfItsRows_CountedIncomplete()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        TestStores.Ingest(store, dir, "sales.csv", RecordRows.Sales, RecordKind.Transaction);
        TestStores.Scalar(store, "DELETE FROM person WHERE record_id = (SELECT min(record_id) FROM person)");

        var check = store.Check();

        Assert.That(check.IncompleteRecords, Is.EqualTo(1));
        Assert.That(check.IsWhole, Is.False);
    }
}
