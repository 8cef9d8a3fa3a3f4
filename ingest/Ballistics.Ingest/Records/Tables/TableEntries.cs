namespace Ballistics.Ingest.Records.Tables;

/// <summary>A maker row of makers.tsv: the canonical name, its NCIC MAK code if the code list has one, and whether it only imports.</summary>
internal sealed record Maker(string Name, string? NcicCode, bool IsImporter);

/// <summary>A row of calibers.tsv: the exact cartridge (or an "(unspecified)" family) and its lossy NCIC CAL code.</summary>
internal sealed record Cartridge(string Name, string? NcicCode);

/// <summary>A row of gun_types.tsv: the NCIC TYP code (category and, when known, description character).</summary>
internal sealed record GunType(string Code, string Description);

/// <summary>The meanings words.tsv gives a word; one word can carry several ("borrado": yes, and obliterated).</summary>
[Flags]
internal enum WordMeaning
{
    None = 0,
    Yes = 1,
    No = 2,
    Unknown = 4,
    Obliterated = 8,
    NoSerial = 16,
    Routine = 32,
    Urgent = 64,
}
