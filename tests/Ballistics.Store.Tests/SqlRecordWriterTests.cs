using Ballistics.Store.Database;
using Ballistics.Ingest.Records;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class SqlRecordWriterTests(StoreEngine engine)
{
    private static readonly FirearmDescription Glock = new() { Make = "Glock", MakeCode = "GLK", Serial = new SerialNumber(SerialStatus.Present, "AB12", "AB12") };

    [Test]
    public void Dispose_WithoutCommit_NothingStored()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        using (var connection = TestStores.Connection(store))
        using (var writer = new SqlRecordWriter(connection))
        {
            Assert.That(writer.TryAdd(new FirearmTransaction { Firearm = Glock, TransactionId = "A" }, "id-a", "f.csv", 2), Is.True);
        }

        Assert.That(TestStores.Count(store, "SELECT count(*) FROM record"), Is.Zero);
        Assert.That(TestStores.Count(store, "SELECT count(*) FROM firearm"), Is.Zero);
    }

    [Test]
    public void TryAdd_SameContentIdTwiceInOneBatch_SecondIsDuplicate()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        using (var connection = TestStores.Connection(store))
        using (var writer = new SqlRecordWriter(connection))
        {
            var record = new FirearmTransaction { Firearm = Glock, TransactionId = "A" };
            Assert.That(writer.TryAdd(record, "id-a", "f.csv", 2), Is.True);
            Assert.That(writer.TryAdd(record, "id-a", "f.csv", 3), Is.False);
            writer.Commit();
        }

        Assert.That(TestStores.Count(store, "SELECT count(*) FROM firearm"), Is.EqualTo(1));
        Assert.That(TestStores.Count(store, "SELECT line FROM record"), Is.EqualTo(2));
    }

    [Test]
    public void Parts_EachKind_CountsTheRowsWritten()
    {
        var person = new PersonRecord("A", null, null, null);

        Assert.That(SqlRecordWriter.Parts(new TraceRequest { Firearm = Glock }), Is.EqualTo(3));
        Assert.That(SqlRecordWriter.Parts(new TraceRequest { Firearm = Glock, Possessor = person }), Is.EqualTo(4));
        Assert.That(SqlRecordWriter.Parts(new SeizureRecord { Firearm = Glock, CartridgeCases = ["C1", "C2"] }), Is.EqualTo(4));
        Assert.That(SqlRecordWriter.Parts(new FirearmTransaction { Firearm = Glock, Purchaser = person }), Is.EqualTo(3));
    }
}
