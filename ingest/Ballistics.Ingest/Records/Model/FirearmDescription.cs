namespace Ballistics.Ingest.Records;

/// <summary>
/// A firearm as normalised from any record kind. Make is the original maker (never the importer) with
/// its NCIC MAK code; caliber is the exact cartridge with its lossy NCIC CAL code; type is the NCIC TYP
/// code. Nulls are fields the record did not give or that could not be normalised.
/// </summary>
public sealed record FirearmDescription
{
    public string? Make { get; init; }

    public string? MakeCode { get; init; }

    public string? Importer { get; init; }

    public string? Model { get; init; }

    public string? Caliber { get; init; }

    public string? CaliberCode { get; init; }

    public string? TypeCode { get; init; }

    public SerialNumber Serial { get; init; } = SerialNumber.Unknown;

    public string? CountryOfOrigin { get; init; }

    public string? OtherMarkings { get; init; }
}
