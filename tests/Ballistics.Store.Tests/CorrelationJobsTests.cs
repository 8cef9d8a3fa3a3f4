using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Store.Database;
using Ballistics.Store.Scans;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class CorrelationJobsTests(StoreEngine engine)
{
    [Test]
    public void Complete_SameItemTwice_OnceStoredAndTheSecondRefused()
    {
        using var dir = new TempDirectory();
        using var store = TwoScans(dir);
        var (job, _) = store.Correlations.StartOrResume(null, 10, 5, "out.csv", "test/1");

        // Two workers finish item 1 (a batch handed out again after its first worker was lost).
        var first = store.Correlations.Complete(job, 1, 1, [new CorrelationLead(1, 1, 2, 0.7, 0.3, 12, 0.5, 10, 1, 2)]);
        var second = store.Correlations.Complete(job, 1, 1, [new CorrelationLead(1, 1, 2, 0.1, 0.1, 0, 0.1, 0, 0, 0)]);

        Assert.That((first, second), Is.EqualTo((true, false)));
        Assert.That(store.Correlations.Leads(job).Select(l => l.Score), Is.EqualTo(new[] { 0.7 }), "the first result, once");
        Assert.That(store.Correlations.Pending(job, out var done), Is.EqualTo(new[] { 2L }));
        Assert.That(done, Is.EqualTo(1));
    }

    [Test]
    public void Complete_LeadThatCouldNotRegister_KeepsTheReason()
    {
        using var dir = new TempDirectory();
        using var store = TwoScans(dir);
        var (job, _) = store.Correlations.StartOrResume(null, 10, 5, "out.csv", "test/1");

        store.Correlations.Complete(job, 1, 1, [new CorrelationLead(1, 1, 2, 0.01, 0.1, 0, -1, 0, 0, 0, "no pose overlaps")]);
        store.Correlations.Complete(job, 2, 1, [new CorrelationLead(2, 1, 1, 0.7, 0.3, 12, 0.5, 10, 1, 2)]);

        Assert.That(store.Correlations.Leads(job).Select(l => l.RegistrationFailure), Is.EqualTo(new[] { "no pose overlaps", null }));
        Assert.That(store.Correlations.Scored(1, 2)?.Lead.RegistrationFailure, Is.EqualTo("no pose overlaps"));
    }

    [Test]
    public void Complete_RegionScores_KeptFiringPinNullWhenNotCompared()
    {
        using var dir = new TempDirectory();
        using var store = TwoScans(dir);
        var (job, _) = store.Correlations.StartOrResume(null, 10, 5, "out.csv", "test/1");

        store.Correlations.Complete(job, 1, 1, [new CorrelationLead(1, 1, 2, 0.9, 0.3, 12, 0.5, 10, 1, 2, null, 0.6, 0.95)]);
        store.Correlations.Complete(job, 2, 1, [new CorrelationLead(2, 1, 1, 0.7, 0.3, 12, 0.5, 10, 1, 2, null, 0.7, null)]);

        Assert.That(store.Correlations.Leads(job).Select(l => (l.ScoreBf, l.ScoreFp)), Is.EqualTo(new[] { ((double?)0.6, (double?)0.95), (0.7, null) }));
        Assert.That(store.Correlations.Scored(1, 2)?.Lead.ScoreFp, Is.EqualTo(0.95));
    }

    /// <summary>A store of this fixture's engine with two scans on file (ids 1 and 2).</summary>
    private DataStore TwoScans(TempDirectory dir)
    {
        var store = TestStores.Create(dir, engine);
        store.Scans.Add(
            [new ScanSubmission(SharedData.X3p("cartridge/fadul_1-1_processed.x3p")), new ScanSubmission(SharedData.X3p("cartridge/fadul_1-2_processed.x3p"))],
            new BreechFaceMatcher(model: null), SignatureCodec.Default, SurfaceFileOptions.Default);
        return store;
    }
}
