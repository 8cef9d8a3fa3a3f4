namespace Ballistics.Intelligence.Tracing;

/// <summary>
/// The recovered firearm a trace asks about, already normalised: maker by NCIC MAK code, serial by its
/// NCIC matching key. Model and caliber, when given, are checked against the candidate sale; the
/// recovery date is where time-to-crime ends.
/// </summary>
public sealed record TraceQuery
{
    /// <summary>The canonical maker name, for messages.</summary>
    public string? Make { get; init; }

    public string? MakeCode { get; init; }

    /// <summary>The serial as NCIC writes it, for messages.</summary>
    public string? Serial { get; init; }

    public string? SerialKey { get; init; }

    public bool Obliterated { get; init; }

    /// <summary>Folded as <c>RecordKeys.Model</c> folds it, so spacing and punctuation never decide a mismatch.</summary>
    public string? ModelKey { get; init; }

    /// <summary>The exact cartridge, or a family marked "(unspecified)" when the record did not say which.</summary>
    public string? Caliber { get; init; }

    /// <summary>The lossy NCIC CAL code: what an unspecified caliber is compared on.</summary>
    public string? CaliberCode { get; init; }

    public DateOnly? RecoveryDate { get; init; }

    /// <summary>The request's trace number, when the query comes from a stored trace request.</summary>
    public string? TraceNumber { get; init; }

    /// <summary>The stored trace request this query comes from; it is not one of its own earlier traces.</summary>
    public long? RequestId { get; init; }
}
