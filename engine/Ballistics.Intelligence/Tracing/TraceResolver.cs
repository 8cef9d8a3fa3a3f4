namespace Ballistics.Intelligence.Tracing;

/// <summary>
/// Resolves a trace against the registry: the firearm by maker and serial key, checked on
/// model and caliber, then its chain of sale, time-to-crime, multiple-sale indicators and the earlier
/// traces that share its firearm, purchaser or dealer.
/// </summary>
public sealed class TraceResolver(ITraceRegistry registry)
{
    /// <summary>Below this many years from retail sale to recovery, time-to-crime is short.</summary>
    public const int ShortTimeToCrimeYears = 3;

    /// <summary>A multiple-sale report covers two or more handguns sold to one person within five consecutive business days.</summary>
    public const int MultipleSaleBusinessDays = 5;

    /// <summary>How the caliber table names a family whose exact cartridge the record did not give.</summary>
    private const string UnspecifiedCaliber = "(unspecified)";

    public TraceResult Resolve(TraceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Obliterated)
        {
            return new TraceResult { Query = query, Outcome = TraceOutcome.ObliteratedSerial, Detail = "the serial is obliterated: a restored number can be traced, or the firearm linked by its cartridge cases" };
        }

        if (query.MakeCode is null || query.SerialKey is null)
        {
            var missing = query.MakeCode is null && query.SerialKey is null ? "maker and serial" : query.MakeCode is null ? "maker" : "serial";
            return new TraceResult { Query = query, Outcome = TraceOutcome.InsufficientDescription, Detail = $"the {missing} not known: a trace needs both" };
        }

        var firearmTraces = registry.TracesOfFirearm(query.MakeCode, query.SerialKey);
        var sales = registry.SalesOf(query.MakeCode, query.SerialKey);
        var described = $"{query.Make ?? query.MakeCode} serial {query.Serial ?? query.SerialKey}";
        if (sales.Count == 0)
        {
            return NotCompleted(query, TraceOutcome.NoRecord, $"no sale of {described} on file", [], firearmTraces);
        }

        var fitting = sales.Where(s => Agrees(query.ModelKey, s.ModelKey) && CalibersAgree(query, s)).ToArray();
        if (fitting.Length == 0)
        {
            var differing = string.Join("; ", sales.Select(s => $"{s.Model ?? "model unknown"}, {s.Caliber ?? "caliber unknown"}"));
            return NotCompleted(query, TraceOutcome.NoRecord, $"{sales.Count} sale(s) of {described} on file, but the model or caliber differs ({differing})", sales, firearmTraces);
        }

        if (fitting.Length > 1)
        {
            return NotCompleted(query, TraceOutcome.Ambiguous, $"{fitting.Length} sales of {described} fit the description", fitting, firearmTraces);
        }

        var sale = fitting[0];
        var purchaserKey = sale.Purchaser?.Key;
        var linked = firearmTraces
            .Concat(purchaserKey is null ? [] : registry.TracesOfPurchaser(purchaserKey))
            .Concat(sale.DealerFfl is null ? [] : registry.TracesOfDealer(sale.DealerFfl));
        return new TraceResult
        {
            Query = query,
            Outcome = TraceOutcome.Completed,
            Detail = sale.RetailDate is null ? "traced to the dealer: no retail sale on file" : "traced to the first retail purchaser",
            Sale = sale,
            Candidates = [sale],
            Chain = Chain(sale),
            TimeToCrime = TimeToCrimeOf(sale.RetailDate, query.RecoveryDate),
            MultipleSale = MultipleSale(sale, purchaserKey),
            EarlierTraces = Earlier(query, linked),
        };
    }

    /// <summary>Days from retail sale to recovery; null when either date is not known.</summary>
    public static TimeToCrime? TimeToCrimeOf(DateOnly? retail, DateOnly? recovery)
    {
        if (retail is not { } sold || recovery is not { } recovered)
        {
            return null;
        }

        return new TimeToCrime(recovered.DayNumber - sold.DayNumber, recovered < sold.AddYears(ShortTimeToCrimeYears));
    }

    /// <summary>Business days (Monday to Friday) from <paramref name="from"/> to <paramref name="to"/>, both counted, in either order.</summary>
    public static int BusinessDaysSpanned(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            (from, to) = (to, from);
        }

        var days = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days++;
            }
        }

        return days;
    }

    private TraceResult NotCompleted(TraceQuery query, TraceOutcome outcome, string detail, IReadOnlyList<SaleRecord> candidates, IReadOnlyList<PriorTrace> firearmTraces) =>
        new() { Query = query, Outcome = outcome, Detail = detail, Candidates = candidates, EarlierTraces = Earlier(query, firearmTraces) };

    private MultipleSaleIndicators MultipleSale(SaleRecord sale, string? purchaserKey)
    {
        var onReport = sale.MultipleSaleReport is { } report ? registry.FirearmsOnReport(report) : 0;
        if (purchaserKey is null)
        {
            return new MultipleSaleIndicators(sale.MultipleSaleReport, onReport, 0, 0);
        }

        var bought = registry.SalesTo(purchaserKey);
        var others = bought.Where(s => s.RecordId != sale.RecordId).ToArray();
        var nearby = sale.RetailDate is { } day
            ? others.Count(s => s.RetailDate is { } other && BusinessDaysSpanned(day, other) <= MultipleSaleBusinessDays)
            : 0;
        return new MultipleSaleIndicators(sale.MultipleSaleReport, onReport, others.Length + 1, nearby);
    }

    private static List<ChainStep> Chain(SaleRecord sale)
    {
        var chain = new List<ChainStep>(4)
        {
            sale.Importer is { } importer
                ? new ChainStep(ChainRole.Importer, importer, null, sale.ImportDate)
                : new ChainStep(ChainRole.Manufacturer, sale.Make, null, sale.ImportDate),
        };
        if (sale.Distributor is not null || sale.DistributorDate is not null)
        {
            chain.Add(new ChainStep(ChainRole.Distributor, sale.Distributor, null, sale.DistributorDate));
        }

        if (sale.Dealer is not null || sale.DealerFfl is not null || sale.DealerDate is not null)
        {
            chain.Add(new ChainStep(ChainRole.Dealer, sale.Dealer, sale.DealerFfl, sale.DealerDate));
        }

        if (sale.Purchaser is not null || sale.RetailDate is not null)
        {
            chain.Add(new ChainStep(ChainRole.Purchaser, sale.Purchaser?.Name, null, sale.RetailDate));
        }

        return chain;
    }

    /// <summary>
    /// Other traces on file, each once under its closest link (firearm, then purchaser, then dealer), oldest
    /// first; with a recovery date, only those recovered by then, since a later trace is not an earlier one.
    /// </summary>
    private static PriorTrace[] Earlier(TraceQuery query, IEnumerable<PriorTrace> linked) =>
        linked
            .Where(t => t.RecordId != query.RequestId)
            .Where(t => query.RecoveryDate is not { } until || t.RecoveryDate is not { } then || then <= until)
            .GroupBy(t => t.RecordId)
            .Select(g => g.MinBy(t => t.Link)!)
            .OrderBy(t => t.RecoveryDate ?? DateOnly.MaxValue)
            .ThenBy(t => t.RecordId)
            .ToArray();

    /// <summary>
    /// The same cartridge, or a family left unspecified ("9mm") on one side with the same NCIC code as the
    /// other: a bare "9mm" on a trace neither confirms nor contradicts a sale of a 9x19mm pistol.
    /// </summary>
    private static bool CalibersAgree(TraceQuery query, SaleRecord sale)
    {
        if (Agrees(query.Caliber, sale.Caliber))
        {
            return true;
        }

        var unspecified = query.Caliber!.EndsWith(UnspecifiedCaliber, StringComparison.Ordinal) || sale.Caliber!.EndsWith(UnspecifiedCaliber, StringComparison.Ordinal);
        return unspecified && query.CaliberCode is not null && query.CaliberCode == sale.CaliberCode;
    }

    private static bool Agrees(string? asked, string? onFile) => asked is null || onFile is null || string.Equals(asked, onFile, StringComparison.Ordinal);
}
