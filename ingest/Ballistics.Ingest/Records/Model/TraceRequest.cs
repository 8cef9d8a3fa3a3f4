namespace Ballistics.Ingest.Records;

/// <summary>Routine or urgent, as the trace request form asks.</summary>
public enum TracePriority
{
    Routine,
    Urgent,
}

/// <summary>A trace request after ATF Form 3312.1 / 3312.1(S): who asks about which recovered firearm, and how urgently.</summary>
public sealed record TraceRequest : RecoveryRecord
{
    public override RecordKind Kind => RecordKind.Trace;

    public string? TraceNumber { get; init; }

    /// <summary>ISO 3166-1 code of the requesting agency's country.</summary>
    public string? RequesterCountry { get; init; }

    public TracePriority Priority { get; init; }
}
