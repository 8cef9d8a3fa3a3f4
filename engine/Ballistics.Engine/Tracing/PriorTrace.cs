namespace Ballistics.Engine.Tracing;

/// <summary>Why an earlier trace is listed: it was of the same firearm, or of one bought by the same purchaser or sold by the same dealer.</summary>
public enum TraceLink
{
    Firearm,
    Purchaser,
    Dealer,
}

/// <summary>A trace request on file that shares the firearm, purchaser or dealer of the one being resolved.</summary>
public sealed record PriorTrace(long RecordId, string? TraceNumber, DateOnly? RecoveryDate, string? StateCode, string? Make, string? Serial, TraceLink Link);
