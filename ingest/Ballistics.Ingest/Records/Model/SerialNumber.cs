namespace Ballistics.Ingest.Records;

/// <summary>What a record says about a firearm's serial number; each case is explicit, none is a blank string.</summary>
public enum SerialStatus
{
    /// <summary>A serial number was given.</summary>
    Present,

    /// <summary>The sender does not know it ("UNK").</summary>
    Unknown,

    /// <summary>It was removed from the firearm; a partly restored number may still be given.</summary>
    Obliterated,

    /// <summary>The firearm bears none (home-made, or made before serials were required).</summary>
    None,
}

/// <summary>
/// A serial in NCIC form: upper case, no spaces, dashes or symbols, letter O written as zero.
/// <see cref="Key"/> is what matching compares: letters embedded between digits are dropped, as NCIC
/// does, because records were once filed without them (369J257 matches 369257). Null when there is no
/// complete number to match on.
/// </summary>
public readonly record struct SerialNumber(SerialStatus Status, string? Value, string? Key)
{
    public static SerialNumber Unknown { get; } = new(SerialStatus.Unknown, null, null);

    public static SerialNumber None { get; } = new(SerialStatus.None, null, null);

    public bool IsObliterated => Status == SerialStatus.Obliterated;
}
