using Ballistics.Intelligence.Tracing;

namespace Ballistics.Intelligence.Tests.Tracing;

/// <summary>The registry as plain lists: what the store answers with SQL, answered with LINQ.</summary>
internal sealed class ListRegistry(IReadOnlyList<SaleRecord> sales) : ITraceRegistry
{
    public List<(PriorTrace Trace, string MakeCode, string SerialKey)> Traces { get; } = [];

    public IReadOnlyList<SaleRecord> SalesOf(string makeCode, string serialKey) =>
        sales.Where(s => s.MakeCode == makeCode && s.SerialKey == serialKey).ToList();

    public IReadOnlyList<SaleRecord> SalesTo(string personKey) => sales.Where(s => s.Purchaser?.Key == personKey).ToList();

    public int FirearmsOnReport(string multipleSaleReport) => sales.Count(s => s.MultipleSaleReport == multipleSaleReport);

    public IReadOnlyList<PriorTrace> TracesOfFirearm(string makeCode, string serialKey) =>
        Traces.Where(t => t.MakeCode == makeCode && t.SerialKey == serialKey).Select(t => t.Trace with { Link = TraceLink.Firearm }).ToList();

    public IReadOnlyList<PriorTrace> TracesOfPurchaser(string personKey) => Linked(s => s.Purchaser?.Key == personKey, TraceLink.Purchaser);

    public IReadOnlyList<PriorTrace> TracesOfDealer(string dealerFfl) => Linked(s => s.DealerFfl == dealerFfl, TraceLink.Dealer);

    public IReadOnlyList<TraceQuery> Requests(string requestId) => [];

    private List<PriorTrace> Linked(Func<SaleRecord, bool> sold, TraceLink link) =>
        Traces.Where(t => sales.Any(s => sold(s) && s.MakeCode == t.MakeCode && s.SerialKey == t.SerialKey)).Select(t => t.Trace with { Link = link }).ToList();
}
