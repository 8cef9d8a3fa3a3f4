using Ballistics.Store.Database;
using Ballistics.Engine.Corpus;
using Ballistics.Intelligence.Leads;
using Ballistics.Engine.Matching;
using Ballistics.Intelligence.Trafficking;
using Ballistics.Ingest;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Scans;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class SqlTraffickingRecordsTests(StoreEngine engine)
{
    /// <summary>The generator's places as ISO 3166-2 codes, to compare the stored (normalised) states with the files' names.</summary>
    private static readonly Dictionary<string, string> States = new(StringComparer.Ordinal)
    {
        ["Jalisco"] = "MX-JAL", ["Sinaloa"] = "MX-SIN", ["Tamaulipas"] = "MX-TAM", ["Chihuahua"] = "MX-CHH", ["Sonora"] = "MX-SON",
        ["Guerrero"] = "MX-GRO", ["Michoacán"] = "MX-MIC", ["Baja California"] = "MX-BCN", ["Texas"] = "US-TX", ["Arizona"] = "US-AZ", ["California"] = "US-CA",
    };

    private static readonly BreechFaceMatcher Matcher = new(model: null);

    /// <summary>Every figure of the summary against the same figure computed here from the three CSV files the store ingested.</summary>
    [Test]
    public void Summarize_GeneratedRecords_FiguresAsTheFilesSay()
    {
        using var dir = new TempDirectory();
        var records = GeneratedRecords.Write(dir.Path, seed: 31, firearms: 160);
        using var store = TestStores.Create(dir, engine);
        Ingest(store, dir, records);

        var summary = TraffickingAnalysis.Summarize(store.Trafficking.Facts(), store.Registry);

        var sales = records.Transactions.ToDictionary(t => t["serial"], StringComparer.Ordinal);
        var traced = records.Traces.Where(t => t["obliterated"] == "no").Select(t => (Trace: t, Sale: sales[t["serial"]])).ToArray();
        var days = traced.Select(t => GeneratedRecords.Day(t.Trace["recovery date"]).DayNumber - GeneratedRecords.Day(t.Sale["retail date"]).DayNumber).Order().ToArray();
        var shortOnes = traced.Count(t => GeneratedRecords.Day(t.Trace["recovery date"]) < GeneratedRecords.Day(t.Sale["retail date"]).AddYears(3));
        Assert.That(summary.TraceRequests, Is.EqualTo(records.Traces.Count));
        Assert.That(summary.Outcomes.Single(o => o.Name == "completed").Count, Is.EqualTo(traced.Length));
        Assert.That(summary.Outcomes.Single(o => o.Name == "obliterated_serial").Count, Is.EqualTo(records.Traces.Count - traced.Length).And.GreaterThan(0));
        Assert.That((summary.SeizureReports, summary.Transactions), Is.EqualTo((records.Seizures.Count, records.Transactions.Count)));

        var ttc = summary.TimeToCrime;
        Assert.That((ttc.Known, ttc.Short), Is.EqualTo((days.Length, shortOnes)));
        Assert.That(ttc.MedianDays, Is.EqualTo(days.Length % 2 == 1 ? days[days.Length / 2] : (days[(days.Length / 2) - 1] + days[days.Length / 2]) / 2.0).Within(1e-9));
        Assert.That(ttc.MeanDays, Is.EqualTo(days.Average()).Within(1e-9));
        Assert.That(ttc.ShortShare, Is.EqualTo(shortOnes / (double)days.Length).Within(1e-12));
        Assert.That(ttc.Bands.Where(b => b.Short).Sum(b => b.Count), Is.EqualTo(shortOnes), "the bands under three years hold the short ones");
        Assert.That(ttc.Bands.Where(b => b.Short).Select(b => b.Label), Is.EqualTo(new[] { "under 3 months", "3 months to 1 year", "1 to 2 years", "2 to 3 years" }));
        Assert.That(ttc.Bands.Sum(b => b.Count), Is.EqualTo(days.Length));

        var places = records.Traces.GroupBy(t => (t["country"], States[t["state"]])).ToDictionary(g => g.Key, g => g.Count());
        var seized = records.Seizures.GroupBy(s => (s["pais"], States[s["entidad federativa"]])).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(summary.Recoveries.Select(r => (r.Country, r.StateCode, r.TraceRequests, r.SeizureReports)),
            Is.EquivalentTo(places.Keys.Union(seized.Keys).Select(k => ((string?)k.Item1, (string?)k.Item2, places.GetValueOrDefault(k), seized.GetValueOrDefault(k)))));

        Assert.That(summary.SourceDealers.Select(d => (d.Licence, d.Name, d.Traced)),
            Is.EquivalentTo(traced.GroupBy(t => (t.Sale["ffl"], t.Sale["dealer"])).Select(g => ((string?)g.Key.Item1, (string?)g.Key.Item2, g.Count()))));
        Assert.That(summary.SourceDealers.Select(d => d.Traced), Is.Ordered.Descending);

        var bought = records.Transactions.GroupBy(t => t["purchaser id"]).Select(g => g.Count()).ToArray();
        var reports = records.Transactions.Where(t => t["multiple sale report"].Length > 0).ToArray();
        var onReport = traced.Count(t => t.Sale["multiple sale report"].Length > 0);
        var multiple = summary.MultipleSales;
        Assert.That(multiple.PurchasersBySales.Select(b => b.Count), Is.EqualTo(new[] { bought.Count(n => n == 1), bought.Count(n => n == 2), bought.Count(n => n == 3), bought.Count(n => n >= 4) }));
        Assert.That((multiple.Purchasers, multiple.Reports, multiple.FirearmsOnReports), Is.EqualTo((bought.Length, reports.Select(r => r["multiple sale report"]).Distinct().Count(), reports.Length)));
        Assert.That((multiple.TracedToSale, multiple.TracedOnReport), Is.EqualTo((traced.Length, onReport)));
        Assert.That(onReport, Is.GreaterThan(0));
        // The generator's only repeat buyers are its straw runs, each on one report: the indicator fires for exactly those.
        Assert.That(multiple.TracedWithMultipleSaleIndicator, Is.EqualTo(onReport));
    }

    /// <summary>Three crime-scene cases of two incidents; a search's two leads stored, one made a lead and confirmed.</summary>
    [Test]
    public void Facts_ReviewedLeads_HitBetweenIncidentsAndEachStepOnItsDay()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        ScanSubmission Case(string file, string exhibit, string incident, string country) =>
            new(SharedData.X3p($"cartridge/{file}"), new ScanItemMetadata { ExhibitId = exhibit, IncidentId = incident, Country = country });
        store.Scans.Add(
            [Case("fadul_1-1_processed.x3p", "E1", "INC-MX-1", "MX"), Case("fadul_1-2_processed.x3p", "E2", "INC-US-1", "US"), Case("triplet_x3p1_processed.x3p", "E3", "INC-US-1", "US")],
            Matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
        var leads = store.Leads.Record(1, [new NewLead(2, 1, 0.8, 0.5, 20, 0.7, 0, 0, 0), new NewLead(3, 2, 0.3, 0.2, 2, 0.3, 0, 0, 0)], "test/1");
        store.Leads.Review(leads[0].Id, LeadReview.Lead, null, "reviewer", "rev", null);
        store.Leads.Review(leads[0].Id, LeadReview.Confirmed, null, "examiner", "exa", null);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var facts = store.Trafficking.Facts();
        var networks = TraffickingAnalysis.Summarize(facts, store.Registry).Networks;

        var hit = facts.Hits.Single();
        Assert.That((hit.Evidence.IncidentId, hit.Evidence.Country, hit.Candidate.IncidentId, hit.Candidate.TestFire), Is.EqualTo(("INC-MX-1", "MX", "INC-US-1", false)));
        Assert.That(facts.LeadsStored.Single(), Is.EqualTo(new DayCount(today, 2)));
        Assert.That((facts.LeadsPromoted.Single(), facts.HitsConfirmed.Single()), Is.EqualTo((new DayCount(today, 1), new DayCount(today, 1))));
        Assert.That(networks.Networks.Single(), Has.Property(nameof(LinkageNetwork.Incidents)).EqualTo(2).And.Property(nameof(LinkageNetwork.CrossBorder)).True);
    }

    private static void Ingest(DataStore store, TempDirectory dir, GeneratedRecords records)
    {
        foreach (var (file, kind) in records.Files)
        {
            using var reader = RecordFileReader.Open(file, kind).Value;
            var counts = store.Ingest(reader, dir.File(Path.GetFileName(file) + ".rejects.csv"));
            Assert.That(counts.Rejected, Is.Zero, file);
        }
    }
}
