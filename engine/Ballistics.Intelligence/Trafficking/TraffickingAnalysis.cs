using Ballistics.Intelligence.Tracing;

namespace Ballistics.Intelligence.Trafficking;

/// <summary>
/// Computes the trafficking report's figures from the store's facts. Each trace request is resolved by
/// <see cref="TraceResolver"/>, as `ballistics trace --request` resolves it (less the earlier traces, which the report
/// does not use), so the report's outcomes, time-to-crime and multiple-sale indicators are the ones an investigator sees
/// trace by trace. Only counts, dates and business records leave here.
/// </summary>
public static class TraffickingAnalysis
{
    /// <summary>Band edges in days (3 months, 1, 2, 3, 5 and 10 years of 365.25 days); the 3-year edge is the resolver's own.</summary>
    private static readonly (string Label, int From)[] Bands =
    [
        ("under 3 months", 0), ("3 months to 1 year", 91), ("1 to 2 years", 365), ("2 to 3 years", 730),
        ("3 to 5 years", 1096), ("5 to 10 years", 1826), ("10 years or more", 3652),
    ];

    /// <summary>The first band at or over three years.</summary>
    private const int FirstLongBand = 4;

    public static TraffickingSummary Summarize(TraffickingFacts facts, ITraceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var resolver = new TraceResolver(new WithoutEarlierTraces(registry));
        var traces = facts.Traces.Select(t => (Recovery: t, Result: resolver.Resolve(t.Query))).ToArray();
        var sold = traces.Where(t => t.Result.IsCompleted && t.Result.Sale is not null).Select(t => t.Result).ToArray();
        return new TraffickingSummary
        {
            TraceRequests = traces.Length,
            Outcomes = [.. Enum.GetValues<TraceOutcome>().Select(o => new NamedCount(TraceOutcomes.Name(o), traces.Count(t => t.Result.Outcome == o)))],
            SeizureReports = facts.Seizures.Sum(s => s.Count),
            Transactions = facts.Transactions,
            TimeToCrime = TimeToCrime(sold),
            Recoveries = Recoveries(traces.Select(t => t.Recovery), facts.Seizures),
            SourceDealers = [.. sold.GroupBy(r => r.Sale!.DealerFfl ?? r.Sale!.Dealer)
                .Select(g => new SourceDealer(g.First().Sale!.DealerFfl, g.First().Sale!.Dealer, LicenceDistricts.StateOf(g.First().Sale!.DealerFfl), g.Count(), g.Count(IsShort), Median(Days(g))))
                .OrderByDescending(d => d.Traced).ThenBy(d => d.Licence ?? d.Name, StringComparer.Ordinal)],
            SourceStates = [.. sold.GroupBy(r => LicenceDistricts.StateOf(r.Sale!.DealerFfl))
                .Select(g => new SourceState(g.Key, g.Count(), g.Count(IsShort)))
                .OrderByDescending(s => s.Traced).ThenBy(s => s.StateCode ?? "~", StringComparer.Ordinal)],
            MultipleSales = new MultipleSaleSummary(
                facts.SalesPerPurchaser.Count,
                [
                    new("1", facts.SalesPerPurchaser.Count(n => n == 1)), new("2", facts.SalesPerPurchaser.Count(n => n == 2)),
                    new("3", facts.SalesPerPurchaser.Count(n => n == 3)), new("4 or more", facts.SalesPerPurchaser.Count(n => n >= 4)),
                ],
                facts.FirearmsPerMultipleSaleReport.Count,
                facts.FirearmsPerMultipleSaleReport.Sum(),
                sold.Length,
                sold.Count(r => r.Sale!.MultipleSaleReport is not null),
                sold.Count(r => r.MultipleSale is { Any: true })),
            Networks = LinkageNetworks.Of(facts.Hits),
            Activity = ActivityTimeline.Of(facts.LeadsStored, facts.LeadsPromoted, facts.HitsConfirmed),
        };
    }

    /// <summary>
    /// Over the traces with a time-to-crime of zero days or more (a recovery before the sale is a record error, not a
    /// time). A firearm is put in a band by its days, except across the three-year edge, where the resolver's
    /// <see cref="Tracing.TimeToCrime.IsShort"/> (calendar years) decides, so the short share and the bands agree.
    /// </summary>
    private static TimeToCrimeSummary TimeToCrime(IReadOnlyList<TraceResult> sold)
    {
        var known = sold.Select(r => r.TimeToCrime).OfType<TimeToCrime>().Where(t => t.Days >= 0).ToArray();
        var counts = new int[Bands.Length];
        foreach (var ttc in known)
        {
            var band = Array.FindLastIndex(Bands, b => ttc.Days >= b.From);
            counts[ttc.IsShort ? Math.Min(band, FirstLongBand - 1) : Math.Max(band, FirstLongBand)]++;
        }

        var shortCount = known.Count(t => t.IsShort);
        return new TimeToCrimeSummary(
            known.Length,
            Median(known.Select(t => t.Days)),
            known.Length == 0 ? null : known.Average(t => t.Days),
            shortCount,
            known.Length == 0 ? null : shortCount / (double)known.Length,
            [.. Bands.Select((b, i) => new TimeToCrimeBand(b.Label, b.From, i + 1 < Bands.Length ? Bands[i + 1].From : null, i < FirstLongBand, counts[i]))]);
    }

    private static RecoveryPlace[] Recoveries(IEnumerable<TracedRecovery> traces, IReadOnlyList<PlaceCount> seizures)
    {
        var places = new Dictionary<(string?, string?), (int Traces, int Seizures)>();
        foreach (var trace in traces)
        {
            var key = (trace.Country, trace.StateCode);
            var now = places.GetValueOrDefault(key);
            places[key] = (now.Traces + 1, now.Seizures);
        }

        foreach (var seizure in seizures)
        {
            var key = (seizure.Country, seizure.StateCode);
            var now = places.GetValueOrDefault(key);
            places[key] = (now.Traces, now.Seizures + seizure.Count);
        }

        // Unknown places last: "~" sorts after every letter.
        return [.. places.Select(p => new RecoveryPlace(p.Key.Item1, p.Key.Item2, p.Value.Traces, p.Value.Seizures))
            .OrderBy(p => p.Country ?? "~", StringComparer.Ordinal).ThenByDescending(p => p.TraceRequests + p.SeizureReports).ThenBy(p => p.StateCode ?? "~", StringComparer.Ordinal)];
    }

    /// <summary>
    /// The registry without the earlier traces that share a firearm, purchaser or dealer: the report uses none of them
    /// (outcome, sale, time-to-crime and multiple-sale indicators do not depend on them), and a dealer's traces, read once
    /// per trace of that dealer, made the report's cost grow with the square of the traces on file (2,000 traces: 5.6 s
    /// with them, 0.4 s without).
    /// </summary>
    private sealed class WithoutEarlierTraces(ITraceRegistry registry) : ITraceRegistry
    {
        public IReadOnlyList<SaleRecord> SalesOf(string makeCode, string serialKey) => registry.SalesOf(makeCode, serialKey);

        public IReadOnlyList<SaleRecord> SalesTo(string personKey) => registry.SalesTo(personKey);

        public int FirearmsOnReport(string multipleSaleReport) => registry.FirearmsOnReport(multipleSaleReport);

        public IReadOnlyList<PriorTrace> TracesOfFirearm(string makeCode, string serialKey) => [];

        public IReadOnlyList<PriorTrace> TracesOfPurchaser(string personKey) => [];

        public IReadOnlyList<PriorTrace> TracesOfDealer(string dealerFfl) => [];

        public IReadOnlyList<TraceQuery> Requests(string requestId) => registry.Requests(requestId);
    }

    private static bool IsShort(TraceResult result) => result.TimeToCrime is { IsShort: true, Days: >= 0 };

    private static IEnumerable<int> Days(IEnumerable<TraceResult> results) => results.Select(r => r.TimeToCrime).OfType<TimeToCrime>().Where(t => t.Days >= 0).Select(t => t.Days);

    private static double? Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
    }
}
