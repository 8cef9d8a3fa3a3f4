namespace Ballistics.Intelligence.Tracing;

/// <summary>How a trace ended: completed, or the reason it could not be.</summary>
public enum TraceOutcome
{
    /// <summary>One sale on file fits the firearm: the chain is known as far as the registry holds it.</summary>
    Completed,

    /// <summary>The serial was removed from the firearm, so there is nothing to look up.</summary>
    ObliteratedSerial,

    /// <summary>No sale on file fits the maker and serial (or those that do contradict the model or caliber).</summary>
    NoRecord,

    /// <summary>Several sales fit equally well; a person has to pick.</summary>
    Ambiguous,

    /// <summary>The maker or the serial is not known, so no look-up is possible.</summary>
    InsufficientDescription,
}

/// <summary>The outcomes as the command line and JSON spell them.</summary>
public static class TraceOutcomes
{
    public static string Name(TraceOutcome outcome) => outcome switch
    {
        TraceOutcome.Completed => "completed",
        TraceOutcome.ObliteratedSerial => "obliterated_serial",
        TraceOutcome.NoRecord => "no_record",
        TraceOutcome.Ambiguous => "ambiguous",
        _ => "insufficient_description",
    };
}
