namespace Ballistics.Intelligence.Linkage;

/// <summary>A cartridge-case scan on file as the linkage graph shows it: crime-scene evidence or a test fire.</summary>
public sealed record LinkedScan(long ItemId, string ExhibitId, bool TestFire, string? FirearmId, string? IncidentId, DateOnly? Date, string? Country, string? Region, string? Agency);

/// <summary>A search's lead between two scans, where its review stands.</summary>
public sealed record LinkedLead(long LeadId, long EvidenceItemId, long CandidateItemId, int Rank, double Score, string Status);

/// <summary>What an incident's linkage shows of a firearm its evidence is linked to: where it was seized and where it was sold.</summary>
public sealed record FirearmSummary(string FirearmId, string? Make, string? Model, string? Serial, string? SeizedAtIncident, string? Dealer, string? DealerFfl, int? TimeToCrimeDays);

/// <summary>A seizure report of the firearm: where and when it was taken and by whom.</summary>
public sealed record SeizedFirearm(string RecordId, string? Make, string? Model, string? Serial, string? IncidentId, DateOnly? SeizedOn, string? Country, string? Region, string? Agency);
