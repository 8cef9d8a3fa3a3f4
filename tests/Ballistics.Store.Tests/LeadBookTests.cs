using Ballistics.Store.Database;
using Ballistics.Engine.Corpus;
using Ballistics.Intelligence.Leads;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Store.Scans;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class LeadBookTests(StoreEngine engine)
{
    private static readonly BreechFaceMatcher Matcher = new(model: null);

    /// <summary>Two scans on file (ids 1 and 2) and a lead of 1 against 2.</summary>
    private (DataStore Store, StoredLead Lead) OneLead(TempDirectory dir)
    {
        var store = TestStores.Create(dir, engine);
        store.Scans.Add(
            [new ScanSubmission(SharedData.X3p("cartridge/fadul_1-1_processed.x3p")), new ScanSubmission(SharedData.X3p("cartridge/fadul_1-2_processed.x3p"))],
            Matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
        var lead = store.Leads.Record(1, [new NewLead(2, 1, 0.75, 0.4, 21, 0.74, 23, -112, -35)], "test/1").Single();
        return (store, lead);
    }

    [Test]
    public void Record_LeadThatCouldNotRegister_KeepsTheReason()
    {
        using var dir = new TempDirectory();
        var (store, lead) = OneLead(dir);
        using (store)
        {
            var failed = store.Leads.Record(2, [new NewLead(1, 1, 0.01, 0.1, 0, -1, 0, 0, 0, "no pose overlaps")], "test/1").Single();

            Assert.That(failed.RegistrationFailure, Is.EqualTo("no pose overlaps"));
            Assert.That(store.Leads.Get(failed.Id)!.RegistrationFailure, Is.EqualTo("no pose overlaps"));
            Assert.That(lead.RegistrationFailure, Is.Null, "a registered lead has none");
        }
    }

    [Test]
    public void Record_RegionScores_KeptFiringPinNullWhenNotCompared()
    {
        using var dir = new TempDirectory();
        var (store, lead) = OneLead(dir);
        using (store)
        {
            var scored = store.Leads.Record(2, [new NewLead(1, 1, 0.9, 0.4, 21, 0.74, 23, -112, -35, null, 0.6, 0.95)], "test/1").Single();

            Assert.That((scored.ScoreBf, scored.ScoreFp), Is.EqualTo((0.6, 0.95)));
            Assert.That(store.Leads.Get(scored.Id)! is { ScoreBf: 0.6, ScoreFp: 0.95 });
            Assert.That((lead.ScoreBf, lead.ScoreFp), Is.EqualTo(((double?)null, (double?)null)), "a lead recorded without region scores has none");
        }
    }

    [Test]
    public void Record_WithAudit_EntryInTheSameWriteCountingOnlyNewLeads()
    {
        using var dir = new TempDirectory();
        var (store, _) = OneLead(dir);
        using (store)
        {
            static Access.AuditEvent Entry(int added) => new(null, "examiner", "ATF", "US", "POST", "/v1/evidence/1/photograph-search", "search", "1", "allowed", 200, null, null, $"{added} leads stored");

            store.Leads.Record(1, [new NewLead(2, 1, 0.75, 0.4, 21, 0.74, 23, -112, -35)], "test/1", Entry);
            store.Leads.Record(2, [new NewLead(1, 1, 0.7, 0.4, 21, 0.74, 23, -112, -35)], "test/1", Entry);

            Assert.That(store.Audit.Read().Select(e => e.Event.Detail), Is.EqualTo(new[] { "0 leads stored", "1 leads stored" }), "a lead already on file is not stored again");
        }
    }

    [Test]
    public void Record_SameCandidateTwice_FirstKept()
    {
        using var dir = new TempDirectory();
        var (store, lead) = OneLead(dir);
        using (store)
        {
            var again = store.Leads.Record(1, [new NewLead(2, 5, 0.1, 0.1, 0, 0, 0, 0, 0)], "test/2");

            Assert.That(again.Single(), Is.EqualTo(lead));
            Assert.That(store.Leads.Touching([2]).Single().Id, Is.EqualTo(lead.Id), "found from the candidate's side too");
        }
    }

    [Test]
    public void Review_Steps_KeptInOrderWithTheStatus()
    {
        using var dir = new TempDirectory();
        var (store, lead) = OneLead(dir);
        using (store)
        {
            var (promoted, refused) = store.Leads.Review(lead.Id, LeadReview.Lead, null, "reviewer", "bk_rev1", "consistent");
            var (_, early) = store.Leads.Review(lead.Id, LeadReview.Lead, null, "reviewer", "bk_rev1", "again");
            var (confirmed, _) = store.Leads.Review(lead.Id, LeadReview.Confirmed, null, "examiner", "bk_exa1", null);

            Assert.That((refused, promoted!.Status, confirmed!.Status), Is.EqualTo(((ReviewRefusal?)null, "lead", "confirmed")));
            Assert.That(early!.Value.Kind, Is.EqualTo(ReviewRefusalKind.NotANextStep));
            Assert.That(store.Leads.History(lead.Id).Select(h => (h.FromStatus, h.ToStatus, h.Reviewer, h.Note)),
                Is.EqualTo(new[] { ("candidate", "lead", "bk_rev1", (string?)"consistent"), ("lead", "confirmed", "bk_exa1", null) }));
            Assert.That(store.Leads.Get(lead.Id)!.Status, Is.EqualTo("confirmed"));
        }
    }

    [Test]
    public void Review_NoSuchLead_NoLeadNoRefusal()
    {
        using var dir = new TempDirectory();
        var (store, _) = OneLead(dir);
        using (store)
        {
            Assert.That(store.Leads.Review(99, LeadReview.Lead, null, "reviewer", "x", null), Is.EqualTo(((StoredLead?)null, (ReviewRefusal?)null)));
        }
    }

    [Test]
    public void Queue_ItemsWithWorkLeft_FirstAndCountedOncePerLead()
    {
        using var dir = new TempDirectory();
        var (store, lead) = OneLead(dir);
        using (store)
        {
            store.Scans.Add([new ScanSubmission(SharedData.X3p("cartridge/triplet_x3p1_processed.x3p"))], Matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
            var other = store.Leads.Record(3, [new NewLead(1, 1, 0.2, 0.1, 2, 0.1, 0, 0, 0), new NewLead(2, 2, 0.1, 0.1, 1, 0.1, 0, 0, 0)], "test/1");
            // Item 1's only lead is decided after two steps (two review rows that must not count it twice); item 3 still has work.
            store.Leads.Review(lead.Id, LeadReview.Lead, null, "reviewer", "r", null);
            store.Leads.Review(lead.Id, LeadReview.Confirmed, null, "examiner", "e", null);
            store.Leads.Review(other[1].Id, LeadReview.Rejected, null, "reviewer", "r", null);

            var queue = store.Leads.Queue();

            Assert.That(queue.Select(e => (e.EvidenceId, e.Candidates, e.Leads, e.Confirmed, e.Rejected)), Is.EqualTo(new[] { (3L, 1, 0, 0, 1), (1L, 0, 0, 1, 0) }));
            Assert.That(queue[1].LatestAt, Is.EqualTo(store.Leads.History(lead.Id)[^1].At), "a review is the item's latest news");
        }
    }
}
