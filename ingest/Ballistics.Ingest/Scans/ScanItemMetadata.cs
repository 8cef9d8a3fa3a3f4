namespace Ballistics.Ingest.Scans;

/// <summary>What a scan on file is: crime-scene evidence or a test fire of a recovered firearm.</summary>
public enum ScanItemKind
{
    Evidence,
    TestFire,
}

/// <summary>
/// The metadata of one cartridge-case scan on file, normalised: countries as ISO 3166-1 (US, MX), states as ISO
/// 3166-2, the caliber as the record tables' cartridge name, classes in lower case. Everything but the exhibit id and
/// kind may be unknown.
/// </summary>
public sealed record ScanItemMetadata
{
    public required string ExhibitId { get; init; }

    public ScanItemKind Kind { get; init; }

    public string? Lab { get; init; }

    public string? Agency { get; init; }

    public string? Country { get; init; }

    public string? FirearmId { get; init; }

    public string? IncidentId { get; init; }

    public string? Caliber { get; init; }

    public string? FiringPinClass { get; init; }

    public string? BreechFaceClass { get; init; }

    public DateOnly? Date { get; init; }

    public string? UsState { get; init; }

    public string? MxState { get; init; }

    public string? MxMunicipality { get; init; }

    /// <summary>A photograph's pixel size as the submitter stated it (µm), over what its file says; null for a topography or when the file says it.</summary>
    public double? PixelSizeUm { get; init; }

    /// <summary>How a photograph was lit, when stated (ring, side); null for a topography or when unknown.</summary>
    public Engine.Surfaces.ImageLighting? Lighting { get; init; }
}
