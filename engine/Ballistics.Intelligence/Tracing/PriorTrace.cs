namespace Ballistics.Intelligence.Tracing;

/// <summary>Why an earlier trace is listed: it was of the same firearm, or of one bought by the same purchaser or sold by the same dealer.</summary>
public enum TraceLink
{
    Firearm,
    Purchaser,
    Dealer,
}

/// <summary>
/// A trace request on file that shares the firearm, purchaser or dealer of the one being resolved, and the agency that
/// filed it (who may be shown it: <c>TraceVisibility</c> in the API).
/// </summary>
public sealed record PriorTrace(long RecordId, string? TraceNumber, DateOnly? RecoveryDate, string? StateCode, string? Make, string? Serial, TraceLink Link, string? Agency = null);
