namespace Ballistics.Ingest.Records.Tables;

/// <summary>How much of a value's wording is noise for one kind of table.</summary>
internal enum AliasStyle
{
    /// <summary>Case, accents, spaces and punctuation only.</summary>
    Plain,

    /// <summary>Also trailing legal suffixes ("Inc.", "&amp; Co.", "S.A. de C.V."), which makers are written with or without.</summary>
    Maker,

    /// <summary>Also "mm" after a number and a "cal"/"calibre" label, which say nothing about the cartridge.</summary>
    Caliber,
}
