namespace Ballistics.Ingest.Records;

/// <summary>The kinds of record file the intake reads; each has its own required fields and column names.</summary>
public enum RecordKind
{
    /// <summary>A trace request (after ATF Form 3312.1 / 3312.1(S)).</summary>
    Trace,

    /// <summary>A seizure or recovery report: one seized firearm of an incident per record.</summary>
    Seizure,

    /// <summary>A firearm's chain of sale, the registry a trace resolves against.</summary>
    Transaction,
}

/// <summary>The kinds as the command line and the tables spell them.</summary>
public static class RecordKinds
{
    public static RecordKind? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "trace" or "traces" => RecordKind.Trace,
        "seizure" or "seizures" => RecordKind.Seizure,
        "transaction" or "transactions" => RecordKind.Transaction,
        _ => null,
    };
}
