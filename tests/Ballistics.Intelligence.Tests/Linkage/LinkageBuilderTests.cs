using Ballistics.Intelligence.Linkage;
using Ballistics.Intelligence.Tracing;

namespace Ballistics.Intelligence.Tests.Linkage;

[TestFixture]
public sealed class LinkageBuilderTests
{
    private static readonly LinkedScan TestFire = new(10, "SEIZED-42-TF1", true, "SEIZED-42", null, new DateOnly(2026, 5, 2), "MX", "MX-SON", "FGR Sonora");

    private static LinkedScan Evidence(long id, string incident, string country, string region) =>
        new(id, $"CC-{id}", false, null, incident, new DateOnly(2025, 11, (int)(id % 28) + 1), country, region, "agency");

    private static TraceResult Trace() => new()
    {
        Query = new TraceQuery { Make = "Sig Sauer", Serial = "OU0001684" },
        Outcome = TraceOutcome.Completed,
        Detail = "completed",
        Sale = new SaleRecord
        {
            RecordId = 5, Make = "Sig Sauer", Model = "P226", Serial = "OU0001684", Dealer = "Rio Grande Pawn & Gun", DealerFfl = "5-74-215-02-5F-13307",
            RetailDate = new DateOnly(2025, 9, 1), Purchaser = new TracePerson("P1", "James Carter", new DateOnly(1997, 7, 14)),
        },
        TimeToCrime = new TimeToCrime(243, true),
    };

    [Test]
    public void ForFirearm_HitLeadCandidateAndTrace_HitsFirstThenReviewThenTrafficking()
    {
        var scans = new[] { Evidence(20, "MX-SON-0007", "MX", "MX-SON"), Evidence(21, "US-AZ-0003", "US", "US-AZ"), Evidence(22, "US-TX-0009", "US", "US-TX"), Evidence(23, "MX-CHH-0001", "MX", "MX-CHH") }
            .ToDictionary(s => s.ItemId);
        LinkedLead[] leads =
        [
            new(1, 10, 22, 1, 0.91, "candidate"),
            new(2, 10, 20, 2, 0.88, "confirmed"),
            new(3, 21, 10, 1, 0.79, "lead"),
            new(4, 10, 23, 3, 0.95, "rejected"),
        ];
        var otherSale = new SaleRecord { RecordId = 6, Make = "Glock", Model = "19", Serial = "BXK221", RetailDate = new DateOnly(2025, 9, 1) };
        var seizure = new SeizedFirearm("r1", "Sig Sauer", "P226", "OU0001684", "MX-SON-0099", new DateOnly(2026, 5, 1), "MX", "MX-SON", "FGR Sonora");

        var graph = LinkageBuilder.ForFirearm("SEIZED-42", [TestFire], leads, scans, [seizure], Trace(), [Trace().Sale!, otherSale]);

        Assert.That(graph.Leads.Select(l => l.Kind), Is.EqualTo(new[] { "hit", "lead", "candidate", "time_to_crime", "purchaser_firearm" }));
        Assert.That(graph.Leads.Select(l => l.Rank), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(graph.Leads[0].Subject, Is.EqualTo("incident:MX-SON-0007"));
        Assert.That(graph.Leads[2].Why, Does.Contain("CC-22").And.Contain("US-TX-0009"));
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("scan:10", "scan:23", "lead", 0.95, "rejected")), "a rejected lead stays in the graph");
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("scan:10", "scan:20", "hit", 0.88, "confirmed")));
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("scan:10", "scan:21", "lead", 0.79, "lead")), "a lead found from the evidence's side points the same way");
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("firearm:SEIZED-42", "incident:MX-SON-0099", "seized_at")));
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("purchaser:P1", "sale:6", "also_bought")));
        Assert.That(graph.Nodes.Select(n => n.Id), Is.Unique);
        Assert.That(graph.Nodes.Single(n => n.Kind == "purchaser").Label, Is.EqualTo("James Carter"));
    }

    [Test]
    public void ForIncident_HitOnATestFireAndCandidateFromAnotherIncident_FirearmFirst()
    {
        var shooting = Evidence(20, "MX-SON-0007", "MX", "MX-SON");
        var linked = new[] { TestFire, Evidence(22, "US-TX-0009", "US", "US-TX") }.ToDictionary(s => s.ItemId);
        LinkedLead[] leads = [new(1, 10, 20, 1, 0.88, "confirmed"), new(2, 20, 22, 1, 0.91, "candidate"), new(3, 20, 10, 2, 0.5, "rejected")];
        var firearms = new Dictionary<string, FirearmSummary> { ["SEIZED-42"] = new("SEIZED-42", "Sig Sauer", "P226", "OU0001684", "MX-SON-0099", "Rio Grande Pawn & Gun", "5-74", 172) };

        var graph = LinkageBuilder.ForIncident("MX-SON-0007", [shooting], leads, linked, firearms);

        Assert.That(graph.Root, Is.EqualTo("incident:MX-SON-0007"));
        Assert.That(graph.Leads.Select(l => (l.Kind, l.Subject)), Is.EqualTo(new[] { ("hit", "firearm:SEIZED-42"), ("candidate", "lead:2") }));
        Assert.That(graph.Leads[0].Why, Does.Contain("Rio Grande Pawn & Gun"));
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("scan:22", "incident:US-TX-0009", "found_at")));
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("firearm:SEIZED-42", "incident:MX-SON-0099", "seized_at")));
        Assert.That(graph.Edges.Count(e => e.Status == "rejected"), Is.EqualTo(1));
    }

    [Test]
    public void ForFirearm_TwoTestFiresReachingOneScanAndAWeakCandidate_FollowedOnceAtItsStrongest()
    {
        var secondFire = TestFire with { ItemId = 11, ExhibitId = "SEIZED-42-TF2" };
        var scans = new[] { Evidence(20, "MX-SON-0007", "MX", "MX-SON"), Evidence(24, "US-NM-0001", "US", "US-NM") }.ToDictionary(s => s.ItemId);
        LinkedLead[] leads = [new(1, 10, 20, 1, 0.88, "confirmed"), new(2, 11, 20, 1, 0.93, "candidate"), new(3, 10, 24, 2, 0.3, "candidate")];

        var graph = LinkageBuilder.ForFirearm("SEIZED-42", [TestFire, secondFire], leads, scans, [], null, []);

        Assert.That(graph.Leads.Select(l => (l.Kind, l.Subject)), Is.EqualTo(new[] { ("hit", "incident:MX-SON-0007") }), "the hit once; a candidate under 0.5 is not a lead to follow");
        Assert.That(graph.Edges.Count(e => e.To == "scan:20"), Is.EqualTo(2), "both test fires' leads stay in the graph");
        Assert.That(graph.Edges, Does.Contain(new LinkageEdge("scan:10", "scan:24", "lead", 0.3, "candidate")));
    }

    [Test]
    public void ForFirearm_MaskedTrace_NoPersonalDataInTheGraph()
    {
        var graph = LinkageBuilder.ForFirearm("SEIZED-42", [TestFire], [], new Dictionary<long, LinkedScan>(), [], PersonalDataMask.Apply(Trace()), []);

        var purchaser = graph.Nodes.Single(n => n.Kind == "purchaser");
        Assert.That(purchaser.Label, Is.EqualTo(PersonalDataMask.Masked));
        Assert.That(purchaser.Facts["date_of_birth"], Is.Null);
        Assert.That(graph.Nodes.Select(n => n.Label), Has.None.Contains("James Carter"));
    }

    [Test]
    public void ForFirearm_NothingKnownButItsScans_GraphOfTheFirearmAndTestFires()
    {
        var graph = LinkageBuilder.ForFirearm("SEIZED-42", [TestFire], [], new Dictionary<long, LinkedScan>(), [], null, []);

        Assert.That(graph.Nodes.Select(n => n.Kind), Is.EqualTo(new[] { "firearm", "test_fire" }));
        Assert.That(graph.Leads, Is.Empty);
    }
}
