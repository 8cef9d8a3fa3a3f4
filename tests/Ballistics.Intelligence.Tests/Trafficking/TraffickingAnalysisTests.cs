using Ballistics.Intelligence.Tests.Tracing;
using Ballistics.Intelligence.Tracing;
using Ballistics.Intelligence.Trafficking;

namespace Ballistics.Intelligence.Tests.Trafficking;

[TestFixture]
public sealed class TraffickingAnalysisTests
{
    private static readonly ListRegistry NoSales = new([]);

    [Test]
    public void Summarize_NothingOnFile_EmptyWithEveryBandAtZero()
    {
        var summary = TraffickingAnalysis.Summarize(new TraffickingFacts(), NoSales);

        Assert.That(summary.IsEmpty, Is.True);
        Assert.That((summary.TimeToCrime.Known, summary.TimeToCrime.MedianDays, summary.TimeToCrime.ShortShare), Is.EqualTo((0, (double?)null, (double?)null)));
        Assert.That(summary.TimeToCrime.Bands.Select(b => b.Count), Is.All.EqualTo(0));
        Assert.That(summary.Networks.Networks, Is.Empty);
        Assert.That(summary.Activity.Periods, Is.Empty);
    }

    /// <summary>
    /// 2021-01-01 to 2024-01-01 is 1,095 days and exactly three calendar years: not short, so in the 3-to-5 band although
    /// 1,095 days fall under the band's 1,096-day edge; a day earlier is short and in the 2-to-3 band.
    /// </summary>
    [Test]
    public void Summarize_TimeToCrimeAtThreeYears_BandsFollowTheResolversShort()
    {
        var sales = new[] { Sale(1, "A1", new DateOnly(2021, 1, 1), "5-74-029-01-2C-04112"), Sale(2, "A2", new DateOnly(2021, 1, 1), "9-86-013-01-4D-02290") };
        var facts = new TraffickingFacts
        {
            Traces = [Trace("A1", new DateOnly(2024, 1, 1), "MX", "MX-JAL"), Trace("A2", new DateOnly(2023, 12, 31), "MX", "MX-JAL"), Trace("ZZ9", new DateOnly(2023, 1, 1), "US", "US-TX")],
        };

        var summary = TraffickingAnalysis.Summarize(facts, new ListRegistry(sales));

        var ttc = summary.TimeToCrime;
        Assert.That((ttc.Known, ttc.Short, ttc.MedianDays, ttc.ShortShare), Is.EqualTo((2, 1, (double?)1094.5, (double?)0.5)));
        Assert.That(ttc.Bands.Single(b => b.Label == "2 to 3 years").Count, Is.EqualTo(1));
        Assert.That(ttc.Bands.Single(b => b.Label == "3 to 5 years").Count, Is.EqualTo(1));
        Assert.That(summary.Outcomes.Single(o => o.Name == "no_record").Count, Is.EqualTo(1));
        Assert.That(summary.SourceStates.Select(s => (s.StateCode, s.Traced, s.ShortTimeToCrime)), Is.EquivalentTo(new[] { ((string?)"US-TX", 1, 0), ("US-AZ", 1, 1) }));
        Assert.That(summary.Recoveries.Select(r => (r.Country, r.StateCode, r.TraceRequests)), Is.EqualTo(new[] { ((string?)"MX", (string?)"MX-JAL", 2), ("US", "US-TX", 1) }));
    }

    [Test]
    public void Summarize_SalesPerPurchaser_CountedByHowManyEachBought()
    {
        var facts = new TraffickingFacts { SalesPerPurchaser = [1, 1, 2, 3, 5, 4, 1], FirearmsPerMultipleSaleReport = [2, 4] };

        var sales = TraffickingAnalysis.Summarize(facts, NoSales).MultipleSales;

        Assert.That(sales.PurchasersBySales.Select(b => (b.Name, b.Count)), Is.EqualTo(new[] { ("1", 3), ("2", 1), ("3", 1), ("4 or more", 2) }));
        Assert.That((sales.Purchasers, sales.Reports, sales.FirearmsOnReports), Is.EqualTo((7, 2, 6)));
    }

    /// <summary>
    /// I1 (MX) — I2 (US) — firearm F1 (its test fire) is one network across the border; I3 — I4 another; two cases of I5
    /// hitting each other join nothing.
    /// </summary>
    [Test]
    public void Summarize_ConfirmedHits_NetworksOfIncidentsAndFirearmsLargestFirst()
    {
        var facts = new TraffickingFacts
        {
            Hits =
            [
                new(Evidence(1, "I3", "US"), Evidence(2, "I4", "US")),
                new(Evidence(3, "I1", "MX"), Evidence(4, "I2", "US")),
                new(new HitEnd(5, true, "F1", null, "MX"), Evidence(6, "I2", "US")),
                new(Evidence(7, "I5", "MX"), Evidence(8, "I5", "MX")),
                new(Evidence(9, "I1", "MX"), Evidence(4, "I2", "US")),
            ],
        };

        var networks = TraffickingAnalysis.Summarize(facts, NoSales).Networks;

        Assert.That(networks.ConfirmedHits, Is.EqualTo(5));
        Assert.That(networks.Networks.Select(n => (n.Incidents, n.Firearms, n.Hits, string.Join(",", n.Countries), n.CrossBorder)),
            Is.EqualTo(new[] { (2, 1, 3, "MX,US", true), (2, 0, 1, "US", false) }));
        Assert.That(networks.Nodes.Count(n => n.Network == 0), Is.EqualTo(3));
        Assert.That(networks.Links.Select(l => l.Hits).Order(), Is.EqualTo(new[] { 1, 1, 2 }), "two hits join I1 and I2: one link of weight 2");
    }

    [Test]
    public void Summarize_LeadsWithinWeeks_WeeklyFromMondayGapsIncluded()
    {
        var facts = new TraffickingFacts
        {
            LeadsStored = [new(new DateOnly(2026, 11, 4), 10), new(new DateOnly(2026, 11, 6), 5), new(new DateOnly(2026, 11, 20), 3)],
            HitsConfirmed = [new(new DateOnly(2026, 11, 21), 1)],
        };

        var activity = TraffickingAnalysis.Summarize(facts, NoSales).Activity;

        Assert.That(activity.Period, Is.EqualTo("week"));
        Assert.That(activity.Periods.Select(p => (p.Start, p.LeadsStored, p.HitsConfirmed)), Is.EqualTo(new[]
        {
            (new DateOnly(2026, 11, 2), 15, 0), (new DateOnly(2026, 11, 9), 0, 0), (new DateOnly(2026, 11, 16), 3, 1),
        }));
        Assert.That((activity.LeadsStored, activity.LeadsPromoted, activity.HitsConfirmed), Is.EqualTo((18, 0, 1)));
    }

    [Test]
    public void Summarize_LeadsOverMonths_MonthlyPeriods()
    {
        var facts = new TraffickingFacts { LeadsPromoted = [new(new DateOnly(2026, 1, 31), 2), new(new DateOnly(2026, 9, 1), 4)] };

        var activity = TraffickingAnalysis.Summarize(facts, NoSales).Activity;

        Assert.That(activity.Period, Is.EqualTo("month"));
        Assert.That(activity.Periods, Has.Count.EqualTo(9));
        Assert.That((activity.Periods[0].Start, activity.Periods[0].LeadsPromoted, activity.Periods[^1].Start, activity.Periods[^1].LeadsPromoted),
            Is.EqualTo((new DateOnly(2026, 1, 1), 2, new DateOnly(2026, 9, 1), 4)));
    }

    private static HitEnd Evidence(long item, string incident, string country) => new(item, false, null, incident, country);

    private static SaleRecord Sale(long id, string serial, DateOnly retail, string ffl) => new()
    {
        RecordId = id, MakeCode = "GLC", SerialKey = serial, Serial = serial, Dealer = "Dealer " + ffl[..4], DealerFfl = ffl, RetailDate = retail,
        Purchaser = new TracePerson("id:P" + id, "Someone", null),
    };

    private static TracedRecovery Trace(string serial, DateOnly recovered, string country, string state) =>
        new(new TraceQuery { MakeCode = "GLC", SerialKey = serial, RecoveryDate = recovered }, country, state);
}
