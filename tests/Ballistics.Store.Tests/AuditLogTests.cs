using Ballistics.Store.Database;
using Ballistics.Store.Access;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class AuditLogTests(StoreEngine engine)
{
    private static AuditEvent Event(string action, string outcome = "allowed", int status = 200) =>
        new(null, "investigator", "CBP", "US", "GET", "/v1/traces/7", action, "7", outcome, status, "C-2026-118", "trafficking case", null);

    [Test]
    public void Append_Entries_ReadBackInOrderWithAnIntactChain()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        store.Audit.Append(Event("GetTrace"));
        store.Audit.Append(Event("GetTrace", "denied", 403));

        var entries = store.Audit.Read();
        Assert.That(entries.Select(e => (e.Event.Action, e.Event.Outcome, e.Event.Status)), Is.EqualTo(new[] { ("GetTrace", "allowed", 200), ("GetTrace", "denied", 403) }));
        Assert.That(entries[1].Event.CaseNumber, Is.EqualTo("C-2026-118"));
        Assert.That(store.Audit.Verify(), Is.EqualTo(new AuditChainCheck(2, null)));
    }

    [Test]
    public void Append_TwoProcessesAtOnce_OneUnbrokenChain()
    {
        using var dir = new TempDirectory();
        using var first = TestStores.Create(dir, engine);
        using var second = TestStores.Create(dir, engine);

        // Two API servers on one store: each entry's hash covers the one before, so appends must not interleave.
        Parallel.For(0, 2, writer =>
        {
            var store = writer == 0 ? first : second;
            for (var i = 0; i < 40; i++)
            {
                store.Audit.Append(Event($"Writer{writer}"));
            }
        });

        Assert.That(first.Audit.Verify(), Is.EqualTo(new AuditChainCheck(80, null)));
    }

    [Test]
    public void Update_Or_Delete_RefusedByTheStore()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        store.Audit.Append(Event("GetTrace"));

        Assert.That(() => TestStores.Scalar(store, "UPDATE audit_log SET outcome = 'denied'"), Throws.InstanceOf<System.Data.Common.DbException>().With.Message.Contains("append-only"));
        Assert.That(() => TestStores.Scalar(store, "DELETE FROM audit_log"), Throws.InstanceOf<System.Data.Common.DbException>().With.Message.Contains("append-only"));
        Assert.That(store.Audit.Read().Single().Event.Outcome, Is.EqualTo("allowed"));
    }

    [Test]
    public void Verify_EntryEditedBehindTheTriggers_NamesIt()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        store.Audit.Append(Event("GetTrace"));
        var second = store.Audit.Append(Event("GetTrace", "denied", 403));
        store.Audit.Append(Event("GetTrace"));

        // Someone with the file drops the trigger and turns a denial into an allowed access.
        TestStores.Scalar(store, $"DROP TRIGGER audit_log_no_update{(engine == StoreEngine.Postgres ? " ON audit_log" : string.Empty)}; UPDATE audit_log SET outcome = 'allowed', status = 200 WHERE id = {second.Id}");

        Assert.That(store.Audit.Verify(), Is.EqualTo(new AuditChainCheck(1, second.Id)));
    }

    [Test]
    public void Append_UnknownOutcome_Refused()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        Assert.That(() => store.Audit.Append(Event("GetTrace", "maybe")), Throws.ArgumentException.With.Message.StartsWith("outcome:"));
        Assert.That(store.Audit.Read(), Is.Empty);
    }
}
