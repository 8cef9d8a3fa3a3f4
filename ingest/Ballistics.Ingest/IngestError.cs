namespace Ballistics.Ingest;

/// <summary>The class of problem an input had; callers and tests branch on it, people read the message.</summary>
public enum IngestErrorKind
{
    /// <summary>The file does not exist or cannot be opened.</summary>
    NotFound,

    /// <summary>The bytes are not a readable ZIP container (truncated, corrupt or another format).</summary>
    NotAZip,

    /// <summary>A required container entry (main.xml, the point data, a linked file) is absent.</summary>
    MissingEntry,

    /// <summary>main.xml is not well-formed XML.</summary>
    MalformedXml,

    /// <summary>A required XML field is absent.</summary>
    MissingField,

    /// <summary>A field is present but its value cannot be used (not a number, negative size, ...).</summary>
    InvalidValue,

    /// <summary>A type, feature or layout the reader does not support.</summary>
    Unsupported,

    /// <summary>Declared sizes disagree with the data actually present.</summary>
    SizeMismatch,

    /// <summary>A stored MD5 checksum does not match the content.</summary>
    ChecksumMismatch,

    /// <summary>The input exceeds a documented safety limit and was refused before allocation.</summary>
    TooLarge,

    /// <summary>An image could not be decoded.</summary>
    ImageDecode,
}

/// <summary>
/// A located problem with an input: which file, where inside it (entry, element, line, field),
/// and why. Readers return these instead of throwing so a batch can report and go on.
/// </summary>
public sealed record IngestError(IngestErrorKind Kind, string Source, string? Location, string Message)
{
    public override string ToString() => Location is null ? $"{Source}: {Message}" : $"{Source}: {Location}: {Message}";
}

/// <summary>Thrown only by callers that choose to turn an <see cref="IngestError"/> into an exception.</summary>
public sealed class IngestException : Exception
{
    public IngestException(IngestError error)
        : base(error?.ToString())
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public IngestException()
        : this(new IngestError(IngestErrorKind.InvalidValue, "(unknown)", null, "unspecified ingest error"))
    {
    }

    public IngestException(string message)
        : this(new IngestError(IngestErrorKind.InvalidValue, "(unknown)", null, message))
    {
    }

    public IngestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new IngestError(IngestErrorKind.InvalidValue, "(unknown)", null, message);
    }

    public IngestError Error { get; }
}
