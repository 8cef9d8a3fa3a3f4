namespace Ballistics.Ingest.Records;

/// <summary>
/// One firearm of a seizure or recovery event. The event is the set of records sharing an incident id:
/// the agency, date and place repeat on each, and the cartridge-case evidence items are listed by id.
/// </summary>
public sealed record SeizureRecord : RecoveryRecord
{
    public override RecordKind Kind => RecordKind.Seizure;

    /// <summary>Ids of the cartridge cases recovered with the firearm, in the order given.</summary>
    public IReadOnlyList<string> CartridgeCases { get; init; } = [];
}
