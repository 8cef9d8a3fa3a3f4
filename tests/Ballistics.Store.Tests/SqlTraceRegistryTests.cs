using Ballistics.Store.Database;
using Ballistics.Intelligence.Tracing;
using Ballistics.Ingest.Records;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class SqlTraceRegistryTests(StoreEngine engine)
{
    [Test]
    public void SalesOf_MakerAndSerialKey_SaleWithChainAndPurchaser()
    {
        using var dir = new TempDirectory();
        using var store = Filled(dir);

        var sales = store.Registry.SalesOf("SW", "ABC123");

        Assert.That(sales, Has.Count.EqualTo(1));
        var sale = sales[0];
        Assert.That(sale.TransactionId, Is.EqualTo("X1"));
        Assert.That(sale.ModelKey, Is.EqualTo("MP9"));
        Assert.That(sale.Caliber, Is.EqualTo("9x19mm Parabellum"));
        Assert.That(sale.DealerFfl, Is.EqualTo("5-74-123-01-2B-12345"));
        Assert.That(sale.RetailDate, Is.EqualTo(new DateOnly(2019, 2, 1)));
        Assert.That(sale.Purchaser, Is.EqualTo(new TracePerson("id:TXDL123", "Juan Pérez", new DateOnly(1990, 5, 5))));
        Assert.That(store.Registry.SalesOf("GLC", "ABC123"), Is.Empty, "the serial of another maker is another firearm");
    }

    [Test]
    public void SalesTo_PersonKey_EverySaleToThatPerson()
    {
        using var dir = new TempDirectory();
        using var store = Filled(dir);

        var sales = store.Registry.SalesTo("id:TXDL123");

        Assert.That(sales.Select(s => s.TransactionId), Is.EqualTo(new[] { "X1", "X2" }));
    }

    [Test]
    public void FirearmsOnReport_TwoFirearmsOnOneReport_Two()
    {
        using var dir = new TempDirectory();
        using var store = Filled(dir);

        Assert.That(store.Registry.FirearmsOnReport("MS-1"), Is.EqualTo(2));
        Assert.That(store.Registry.FirearmsOnReport("MS-404"), Is.Zero);
    }

    [Test]
    public void TracesOf_FirearmPurchaserDealer_TheLinkedRequests()
    {
        using var dir = new TempDirectory();
        using var store = Filled(dir);

        var firearm = store.Registry.TracesOfFirearm("GLC", "FX9");
        var purchaser = store.Registry.TracesOfPurchaser("id:TXDL123");
        var dealer = store.Registry.TracesOfDealer("5-74-999-01-2B-00001");

        Assert.That(firearm.Select(t => (t.TraceNumber, t.Link)), Is.EqualTo(new[] { ("T-1", TraceLink.Firearm) }));
        Assert.That(purchaser.Select(t => t.TraceNumber).Order(), Is.EqualTo(new[] { "T-1", "T-2" }));
        Assert.That(purchaser.Select(t => t.Link).Distinct(), Is.EqualTo(new[] { TraceLink.Purchaser }));
        Assert.That(dealer, Is.Empty, "no trace request is for a firearm that dealer sold");
        Assert.That(firearm[0].RecoveryDate, Is.EqualTo(new DateOnly(2020, 6, 1)));
        Assert.That(firearm[0].StateCode, Is.EqualTo("MX-JAL"));
    }

    [Test]
    public void Requests_TraceNumber_QueryWithTheStoredFirearmAndRecoveryDate()
    {
        using var dir = new TempDirectory();
        using var store = Filled(dir);

        var found = store.Registry.Requests("T-3");
        var none = store.Registry.Requests("T-99");

        Assert.That(found, Has.Count.EqualTo(1));
        Assert.That(found[0].Obliterated, Is.True);
        Assert.That(found[0].MakeCode, Is.EqualTo("RMC"));
        Assert.That(found[0].RecoveryDate, Is.EqualTo(new DateOnly(2021, 1, 1)));
        Assert.That(found[0].RequestId, Is.Not.Null);
        Assert.That(none, Is.Empty);
    }

    private DataStore Filled(TempDirectory dir)
    {
        var store = TestStores.Create(dir, engine);
        TestStores.Ingest(store, dir, "sales.csv", RecordRows.Sales, RecordKind.Transaction);
        TestStores.Ingest(store, dir, "traces.csv", RecordRows.Traces, RecordKind.Trace);
        return store;
    }
}
