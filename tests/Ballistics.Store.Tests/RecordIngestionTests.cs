using Ballistics.Store.Database;
using Ballistics.Ingest.Records;
using Ballistics.Store.Records;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class RecordIngestionTests(StoreEngine engine)
{
    [Test]
    public void Run_StoreFailsMidFile_CommittedBatchesStayWholeAndRerunStoresTheRest()
    {
        using var dir = new TempDirectory();
        var text = RecordRows.TransactionCsv(50, seed: 11, badOneIn: 1_000_000);
        using (var store = TestStores.Create(dir, engine))
        using (var reader = TestStores.Reader(dir, "sales.csv", text, RecordKind.Transaction))
        using (var connection = TestStores.Connection(store))
        using (var writer = new FailingWriter(new SqlRecordWriter(connection), failAt: 23))
        using (var rejects = new RecordProblemsFile(dir.File("rejects.csv")))
        using (var warnings = new RecordProblemsFile(dir.File("warnings.csv")))
        {
            Assert.That(() => RecordIngestion.Run(reader, writer, rejects, warnings, batchSize: 10), Throws.InstanceOf<IOException>());
        }

        using var reopened = TestStores.Create(dir, engine);
        Assert.That(TestStores.Count(reopened, "SELECT count(*) FROM record"), Is.EqualTo(20), "the two full batches before the failure");
        Assert.That(reopened.Check().IsWhole, Is.True);

        var rerun = TestStores.Ingest(reopened, dir, "sales.csv", text, RecordKind.Transaction);

        Assert.That(rerun, Is.EqualTo(new IngestCounts(50, 30, 20, 0)));
    }

    [Test]
    public void Run_RejectedRecords_CountedOnceEachWithEveryProblemInRejects()
    {
        using var dir = new TempDirectory();
        const string Text = "serial,make,retail date,purchaser,purchaser dob\n1,Acme,2019-02-30,A,2020-01-01\n2,Colt,2019-01-01,B,1970-01-01\n";
        using var store = TestStores.Create(dir, engine);

        var counts = TestStores.Ingest(store, dir, "s.csv", Text, RecordKind.Transaction);

        Assert.That(counts, Is.EqualTo(new IngestCounts(2, 1, 0, 1)));
        var fields = File.ReadAllLines(dir.File("s.csv.rejects.csv")).Skip(1).Select(l => l.Split(',')[2]);
        Assert.That(fields, Is.EqualTo(new[] { "make", "retail_date" }));
    }

    [Test]
    public void Run_ImporterNamedAsMaker_StoredWithTheMakerAndWarnedBesideTheRejects()
    {
        using var dir = new TempDirectory();
        const string Text = "serial,make,model,retail date,purchaser,purchaser dob\nRO1,Century Arms,WASR-10,2019-01-01,A,1970-01-01\nIO2,I.O. Inc.,Sporter,2019-01-02,B,1971-01-01\nAC3,Acme,X,2019-01-03,C,1972-01-01\n";
        using var store = TestStores.Create(dir, engine);

        var counts = TestStores.Ingest(store, dir, "s.csv", Text, RecordKind.Transaction);

        Assert.That(counts, Is.EqualTo(new IngestCounts(3, 2, 0, 1) { Warned = 2 }));
        var warnings = File.ReadAllLines(dir.File("s.csv.warnings.csv"));
        Assert.That(warnings[0], Is.EqualTo("file,line,field,reason"));
        Assert.That(warnings.Skip(1).Select(l => l.Split(',')[1]), Is.EqualTo(new[] { "2", "3" }));
        Assert.That(warnings[1], Does.Contain("Romarm"));
        Assert.That(File.ReadAllLines(dir.File("s.csv.rejects.csv")), Has.Length.EqualTo(2), "the unknown maker alone is rejected");
    }

    [TestCase("x/s.rejects.csv", "x/s.warnings.csv")]
    [TestCase("x/errors.csv", "x/errors.csv.warnings.csv")]
    public void WarningsPath_RejectsPath_BesideIt(string rejects, string warnings) =>
        Assert.That(DataStore.WarningsPath(rejects), Is.EqualTo(warnings));

    [Test]
    public void Run_LongFile_ProgressRisesToAHundredPerCent()
    {
        using var dir = new TempDirectory();
        var text = RecordRows.TransactionCsv(5_000, seed: 12, badOneIn: 1_000_000);
        var seen = new List<int>();
        using var store = TestStores.Create(dir, engine);
        using var reader = TestStores.Reader(dir, "sales.csv", text, RecordKind.Transaction);

        var counts = store.Ingest(reader, dir.File("rejects.csv"), progress: new Recorder(seen));

        Assert.That(counts.Read, Is.EqualTo(5_000));
        Assert.That(seen, Is.Ordered.Ascending.And.Unique);
        Assert.That(seen[^1], Is.EqualTo(100));
        Assert.That(seen, Has.Count.GreaterThan(10), "a file of several reader buffers moves the bar on the way");
    }

    /// <summary>Records every value reported, on the reporting thread (Progress&lt;T&gt; would post them elsewhere).</summary>
    private sealed class Recorder(List<int> into) : IProgress<int>
    {
        public void Report(int value) => into.Add(value);
    }

    /// <summary>A store that fails on the n-th record, as a full disk would.</summary>
    private sealed class FailingWriter(IRecordWriter inner, int failAt) : IRecordWriter
    {
        private int _added;

        public bool TryAdd(FirearmRecord record, string contentId, string source, int line) =>
            ++_added == failAt ? throw new IOException("disk full") : inner.TryAdd(record, contentId, source, line);

        public void Commit() => inner.Commit();

        public void Dispose() => inner.Dispose();
    }
}
