namespace Ballistics.Engine.Surfaces;

/// <summary>
/// Where a surface came from. Every field is optional because real files omit most of them;
/// <see cref="Notes"/> records what a reader had to interpret (unit quirks, ignored fields) so
/// an examiner can see it.
/// </summary>
public sealed record SurfaceMetadata
{
    public static SurfaceMetadata Empty { get; } = new();

    /// <summary>The measuring instrument, when stated.</summary>
    public InstrumentInfo? Instrument { get; init; }

    public string? Creator { get; init; }

    /// <summary>Measurement date as written in the file (kept as text: files use several forms).</summary>
    public string? Date { get; init; }

    public string? Comment { get; init; }

    /// <summary>Lower-case hex SHA-256 of the source file's bytes, when read from a file.</summary>
    public string? SourceSha256 { get; init; }

    /// <summary>How a photograph (a <see cref="SurfaceKind.Intensity2D"/> surface) was lit, when stated; null for topography.</summary>
    public ImageLighting? Lighting { get; init; }

    /// <summary>
    /// Set when this photograph was rendered from a topography (the renderer's version and light), not taken by a camera:
    /// a 3D scan compared with photographs.
    /// </summary>
    public string? RenderedFrom { get; init; }

    /// <summary>Interpretations the reader made, e.g. lateral increments written in micrometres.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>An instrument as ISO 5436-2 Record2 describes it; any part may be unknown.</summary>
public sealed record InstrumentInfo(string? Manufacturer, string? Model, string? Serial, string? Version)
{
    public override string ToString()
    {
        var head = string.Join(' ', new[] { Manufacturer, Model }.Where(p => !string.IsNullOrEmpty(p)));
        var tail = string.Join(", ", new[] { Serial, Version }.Where(p => !string.IsNullOrEmpty(p)));
        return tail.Length > 0 ? $"{head} ({tail})" : head;
    }
}
