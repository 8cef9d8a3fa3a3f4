namespace Ballistics.Ingest.Records;

/// <summary>
/// What trace requests and seizure reports share: a recovered firearm, the agency that holds it, the
/// case and crime it is tied to, when and where it was recovered, and who possessed it.
/// </summary>
public abstract record RecoveryRecord : FirearmRecord
{
    public string? IncidentId { get; init; }

    public string? Agency { get; init; }

    /// <summary>The agency's NCIC originating agency identifier (9 characters).</summary>
    public string? Ori { get; init; }

    public string? CaseNumber { get; init; }

    /// <summary>The NCIC offense code (4 digits) of the crime the firearm is tied to.</summary>
    public string? CrimeCode { get; init; }

    public Recovery Recovery { get; init; }

    [PersonalData]
    public PersonRecord? Possessor { get; init; }
}
