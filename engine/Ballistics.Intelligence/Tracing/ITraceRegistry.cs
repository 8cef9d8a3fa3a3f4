namespace Ballistics.Intelligence.Tracing;

/// <summary>
/// What trace resolution reads: the firearm transactions and the trace requests on file. The engine
/// states what it needs and the store answers it, so the trace logic knows no SQL and the embedded
/// store can be swapped for a server database.
/// </summary>
public interface ITraceRegistry
{
    /// <summary>Sales of the firearm with this maker and serial matching key.</summary>
    IReadOnlyList<SaleRecord> SalesOf(string makeCode, string serialKey);

    /// <summary>Every retail sale to the person with this key.</summary>
    IReadOnlyList<SaleRecord> SalesTo(string personKey);

    /// <summary>How many firearms were sold on this multiple-sale report.</summary>
    int FirearmsOnReport(string multipleSaleReport);

    /// <summary>Trace requests for the firearm with this maker and serial key.</summary>
    IReadOnlyList<PriorTrace> TracesOfFirearm(string makeCode, string serialKey);

    /// <summary>Trace requests for any firearm sold at retail to the person with this key.</summary>
    IReadOnlyList<PriorTrace> TracesOfPurchaser(string personKey);

    /// <summary>Trace requests for any firearm the dealer with this licence sold.</summary>
    IReadOnlyList<PriorTrace> TracesOfDealer(string dealerFfl);

    /// <summary>Stored trace requests with this trace number (or record content id), as queries ready to resolve.</summary>
    IReadOnlyList<TraceQuery> Requests(string requestId);
}
