using System.Globalization;
using Ballistics.Intelligence.Leads;
using Ballistics.Intelligence.Tracing;

namespace Ballistics.Intelligence.Linkage;

/// <summary>
/// Puts together the post-seizure linkage of one firearm: the firearm, its test fires, the crime-scene evidence they
/// are linked to by ballistic leads (candidates, leads and confirmed hits; rejected ones stay as edges, never as leads to
/// follow), the incidents on both sides of the border, the seizure, the trace (dealer, purchaser, time-to-crime) and the
/// other firearms of the same purchaser and earlier traces through the same dealer. The leads to follow put confirmed
/// hits first, then leads awaiting an examiner, then candidates awaiting review (by score), then what the trace says of
/// trafficking: a short time-to-crime, the purchaser's other firearms, the dealer's other traced firearms. A scan reached
/// by several leads (one per test fire) is followed once, at its strongest; candidates scoring below
/// <see cref="CandidateScoreToFollow"/> stay in the graph but are not listed.
/// </summary>
public static class LinkageBuilder
{
    /// <summary>The score model's decision point (its error rates are reported at it): weaker candidates are not leads to follow.</summary>
    public const double CandidateScoreToFollow = 0.5;

    public static LinkageGraph ForFirearm(
        string firearmId,
        IReadOnlyList<LinkedScan> testFires,
        IReadOnlyList<LinkedLead> leads,
        IReadOnlyDictionary<long, LinkedScan> linkedScans,
        IReadOnlyList<SeizedFirearm> seizures,
        TraceResult? trace,
        IReadOnlyList<SaleRecord> purchaserSales)
    {
        ArgumentNullException.ThrowIfNull(firearmId);
        var graph = new Builder();
        var root = $"firearm:{firearmId}";
        var seized = seizures.FirstOrDefault();
        graph.Node(root, "firearm", firearmId, new()
        {
            ["make"] = seized?.Make,
            ["model"] = seized?.Model,
            ["serial"] = seized?.Serial,
        });

        foreach (var seizure in seizures)
        {
            var incident = graph.Incident(seizure.IncidentId, seizure.SeizedOn, seizure.Country, seizure.Region, seizure.Agency);
            if (incident is not null)
            {
                graph.Edge(root, incident, "seized_at");
            }
        }

        var testFireIds = testFires.Select(t => t.ItemId).ToHashSet();
        foreach (var scan in testFires)
        {
            graph.Edge(root, graph.Scan(scan), scan.TestFire ? "test_fire" : "exhibit");
        }

        var follow = new List<(int Tier, double Score, LeadToFollow Lead)>();
        var reviews = new List<(long Scan, (int Tier, double Score, LeadToFollow Lead) Entry)>();
        foreach (var lead in leads)
        {
            // Leads run either way: a test fire submitted against the evidence on file, or evidence submitted against a test fire.
            var other = testFireIds.Contains(lead.EvidenceItemId) ? lead.CandidateItemId : lead.EvidenceItemId;
            var own = other == lead.CandidateItemId ? lead.EvidenceItemId : lead.CandidateItemId;
            if (!linkedScans.TryGetValue(other, out var scan))
            {
                continue;
            }

            var node = graph.Scan(scan);
            var kind = lead.Status == LeadReview.Confirmed ? "hit" : "lead";
            graph.Edge($"scan:{own}", node, kind, lead.Score, lead.Status);
            var incident = graph.Incident(scan.IncidentId, scan.Date, scan.Country, scan.Region, scan.Agency);
            if (incident is not null)
            {
                graph.Edge(node, incident, "found_at");
            }

            if (Review(lead, incident ?? node, "scan", $"{scan.ExhibitId}{Where(scan)}", null, firedByThisFirearm: true) is { } next)
            {
                reviews.Add((other, next));
            }
        }

        if (trace?.Sale is { } sale)
        {
            var dealer = $"dealer:{sale.DealerFfl ?? sale.Dealer}";
            graph.Node(dealer, "dealer", sale.Dealer ?? sale.DealerFfl ?? "dealer", new() { ["ffl"] = sale.DealerFfl, ["sold_to_retail"] = Day(sale.RetailDate) });
            graph.Edge(root, dealer, "sold_by");
            if (sale.Purchaser is { } purchaser)
            {
                var person = $"purchaser:{purchaser.Key}";
                graph.Node(person, "purchaser", purchaser.Name ?? PersonalDataMask.Masked, new() { ["date_of_birth"] = Day(purchaser.DateOfBirth) });
                graph.Edge(root, person, "bought_by");
                foreach (var other in purchaserSales.Where(s => s.RecordId != sale.RecordId))
                {
                    var firearm = $"sale:{other.RecordId}";
                    graph.Node(firearm, "firearm_sold", $"{other.Make} {other.Model} {other.Serial}".Trim(), new() { ["retail_date"] = Day(other.RetailDate), ["dealer"] = other.Dealer });
                    graph.Edge(person, firearm, "also_bought");
                    follow.Add((4, 0, LeadReason.Lead("purchaser_firearm", firearm, "purchaser_firearm", other.Make, other.Model, other.Serial, Day(other.RetailDate))));
                }
            }

            if (trace.TimeToCrime is { IsShort: true } ttc)
            {
                follow.Add((3, 0, LeadReason.Lead("time_to_crime", root, "time_to_crime", N(ttc.Days), N(TraceResolver.ShortTimeToCrimeYears))));
            }

            if (trace.MultipleSale is { Any: true } multiple)
            {
                // A multiple sale names more firearms to trace than a short time-to-crime does: it goes first.
                var why = multiple.Report is { } report
                    ? LeadReason.Lead("multiple_sale", dealer, "multiple_sale_report", report, N(multiple.FirearmsOnReport))
                    : LeadReason.Lead("multiple_sale", dealer, "multiple_sale_purchases", N(multiple.PurchaserFirearms), N(multiple.PurchasesWithinFiveBusinessDays), N(TraceResolver.MultipleSaleBusinessDays));
                follow.Add((3, 1, why));
            }

            foreach (var earlier in trace.EarlierTraces.Where(t => t.Link == TraceLink.Dealer))
            {
                follow.Add((5, 0, LeadReason.Lead("dealer_trace", dealer, "dealer_trace", earlier.Make, earlier.Serial, Day(earlier.RecoveryDate), earlier.StateCode)));
            }
        }

        follow.AddRange(Strongest(reviews));
        var ranked = follow.OrderBy(f => f.Tier).ThenByDescending(f => f.Score).Select((f, i) => f.Lead with { Rank = i + 1 }).ToArray();
        return new LinkageGraph(root, graph.Nodes, graph.Edges, ranked);
    }

    /// <summary>
    /// The linkage of an incident: its cartridge cases, what their leads and hits reach — other incidents' evidence and
    /// seized firearms' test fires — and, for each firearm reached, where it was seized and sold. Leads to follow: hits
    /// (a firearm or another incident tied to this one), leads awaiting an examiner, candidates by score.
    /// </summary>
    public static LinkageGraph ForIncident(
        string incidentId,
        IReadOnlyList<LinkedScan> incidentScans,
        IReadOnlyList<LinkedLead> leads,
        IReadOnlyDictionary<long, LinkedScan> linkedScans,
        IReadOnlyDictionary<string, FirearmSummary> firearms)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        var graph = new Builder();
        var first = incidentScans.FirstOrDefault();
        var root = graph.Incident(incidentId, first?.Date, first?.Country, first?.Region, first?.Agency)!;
        var own = incidentScans.Select(s => s.ItemId).ToHashSet();
        foreach (var scan in incidentScans)
        {
            graph.Edge(graph.Scan(scan), root, "found_at");
        }

        var follow = new List<(int Tier, double Score, LeadToFollow Lead)>();
        var reviews = new List<(long Scan, (int Tier, double Score, LeadToFollow Lead) Entry)>();
        foreach (var lead in leads)
        {
            var otherId = own.Contains(lead.EvidenceItemId) ? lead.CandidateItemId : lead.EvidenceItemId;
            var ownId = otherId == lead.CandidateItemId ? lead.EvidenceItemId : lead.CandidateItemId;
            if (!linkedScans.TryGetValue(otherId, out var other))
            {
                continue;
            }

            var node = graph.Scan(other);
            graph.Edge($"scan:{ownId}", node, lead.Status == LeadReview.Confirmed ? "hit" : "lead", lead.Score, lead.Status);
            string subject;
            string what;
            string whatKind;
            string? dealerName = null;
            if (other.TestFire && other.FirearmId is { } firearmId)
            {
                firearms.TryGetValue(firearmId, out var summary);
                subject = graph.Node($"firearm:{firearmId}", "firearm", firearmId, new()
                {
                    ["make"] = summary?.Make,
                    ["model"] = summary?.Model,
                    ["serial"] = summary?.Serial,
                    ["seized_at"] = summary?.SeizedAtIncident,
                    ["dealer"] = summary?.Dealer,
                    ["time_to_crime_days"] = summary?.TimeToCrimeDays?.ToString(CultureInfo.InvariantCulture),
                });
                graph.Edge(subject, node, "test_fire");
                if (summary?.SeizedAtIncident is { } seizedAt)
                {
                    graph.Edge(subject, graph.Incident(seizedAt, null, null, null, null)!, "seized_at");
                }

                what = firearmId;
                dealerName = summary?.Dealer;
                whatKind = dealerName is null ? "firearm" : "firearm_dealer";
            }
            else
            {
                subject = graph.Incident(other.IncidentId, other.Date, other.Country, other.Region, other.Agency) ?? node;
                if (subject != node)
                {
                    graph.Edge(node, subject, "found_at");
                }

                what = $"{other.ExhibitId}{Where(other)}";
                whatKind = "scan";
            }

            if (Review(lead, subject, whatKind, what, dealerName, firedByThisFirearm: false) is { } next)
            {
                reviews.Add((otherId, next));
            }
        }

        follow.AddRange(Strongest(reviews));
        var ranked = follow.OrderBy(f => f.Tier).ThenByDescending(f => f.Score).Select((f, i) => f.Lead with { Rank = i + 1 }).ToArray();
        return new LinkageGraph(root, graph.Nodes, graph.Edges, ranked);
    }

    /// <summary>Each scan's strongest review entry: the best tier, then the highest score.</summary>
    private static IEnumerable<(int Tier, double Score, LeadToFollow Lead)> Strongest(List<(long Scan, (int Tier, double Score, LeadToFollow Lead) Entry)> reviews) =>
        reviews.GroupBy(r => r.Scan).Select(g => g.Select(r => r.Entry).OrderBy(e => e.Tier).ThenByDescending(e => e.Score).First());

    /// <summary>
    /// A lead to follow for a ballistic lead by its review status (tiers 0–2); none for a rejected one or a weak candidate.
    /// <paramref name="whatKind"/> is what <paramref name="what"/> names: a scan, or a firearm with or without its dealer.
    /// </summary>
    private static (int Tier, double Score, LeadToFollow Lead)? Review(LinkedLead lead, string hitSubject, string whatKind, string what, string? dealer, bool firedByThisFirearm)
    {
        var score = lead.Score.ToString("0.00", CultureInfo.InvariantCulture);
        return lead.Status switch
        {
            LeadReview.Confirmed => (0, lead.Score, LeadReason.Lead("hit", hitSubject, firedByThisFirearm ? "hit_fired_by_this_firearm" : $"hit_{whatKind}", what, score, dealer)),
            LeadReview.Lead => (1, lead.Score, LeadReason.Lead("lead", $"lead:{lead.LeadId}", $"lead_{whatKind}", what, score, dealer)),
            LeadReview.Candidate when lead.Score >= CandidateScoreToFollow => (2, lead.Score, LeadReason.Lead("candidate", $"lead:{lead.LeadId}", $"candidate_{whatKind}", what, score, dealer)),
            _ => null,
        };
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Where(LinkedScan scan)
    {
        var parts = new[] { scan.IncidentId, scan.Region ?? scan.Country, Day(scan.Date) }.Where(p => p is not null).ToArray();
        return parts.Length == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Nodes once each by id and edges once each, in the order first met (the JSON is stable run to run).</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, LinkageNode> _byId = [];
        private readonly List<LinkageNode> _nodes = [];
        private readonly HashSet<LinkageEdge> _seen = [];
        private readonly List<LinkageEdge> _edges = [];

        public IReadOnlyList<LinkageNode> Nodes => _nodes;

        public IReadOnlyList<LinkageEdge> Edges => _edges;

        public string Node(string id, string kind, string label, Dictionary<string, string?> facts)
        {
            if (!_byId.ContainsKey(id))
            {
                var node = new LinkageNode(id, kind, label, facts);
                _byId[id] = node;
                _nodes.Add(node);
            }

            return id;
        }

        public string Scan(LinkedScan scan) => Node($"scan:{scan.ItemId}", scan.TestFire ? "test_fire" : "evidence", scan.ExhibitId, new()
        {
            ["incident_id"] = scan.IncidentId,
            ["date"] = Day(scan.Date),
            ["country"] = scan.Country,
            ["region"] = scan.Region,
            ["agency"] = scan.Agency,
        });

        public string? Incident(string? id, DateOnly? date, string? country, string? region, string? agency) =>
            id is null ? null : Node($"incident:{id}", "incident", id, new() { ["date"] = Day(date), ["country"] = country, ["region"] = region, ["agency"] = agency });

        public void Edge(string from, string to, string kind, double? score = null, string? status = null)
        {
            var edge = new LinkageEdge(from, to, kind, score, status);
            if (_seen.Add(edge))
            {
                _edges.Add(edge);
            }
        }
    }
}
