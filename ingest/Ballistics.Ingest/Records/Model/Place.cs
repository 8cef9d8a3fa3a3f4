namespace Ballistics.Ingest.Records;

/// <summary>
/// Where something happened: ISO 3166-1 country (MX, US), ISO 3166-2 state (MX-JAL, US-TX), and the
/// municipality (Mexico) or county (US) as written, spaces tidied.
/// </summary>
public readonly record struct Place(string? Country, string? StateCode, string? Locality);

/// <summary>When and where a firearm was recovered or seized.</summary>
public readonly record struct Recovery(DateOnly? Date, Place Place);
