namespace Ballistics.Engine.Surfaces;

/// <summary>
/// How a cartridge-case photograph was lit. A ring light lights the case evenly from all round; a side (oblique) light
/// from one direction, so that the same marks look different at every turn of the case.
/// </summary>
public enum ImageLighting
{
    Unknown = 0,
    Ring = 1,
    Side = 2,
}

/// <summary>The names a lighting is given by in files, manifests, metadata, the store and requests.</summary>
public static class ImageLightingNames
{
    /// <summary>The name written for <paramref name="lighting"/>: "ring", "side" or "unknown" (what <see cref="TryParse"/> reads).</summary>
    public static string Name(ImageLighting lighting) => lighting switch
    {
        ImageLighting.Ring => "ring",
        ImageLighting.Side => "side",
        _ => "unknown",
    };

    /// <summary>Reads "ring", "side" (or "oblique") and "unknown", in any case; false for anything else.</summary>
    public static bool TryParse(string? text, out ImageLighting lighting)
    {
        (var known, lighting) = text?.Trim().ToLowerInvariant() switch
        {
            "ring" => (true, ImageLighting.Ring),
            "side" or "oblique" => (true, ImageLighting.Side),
            "unknown" => (true, ImageLighting.Unknown),
            _ => (false, ImageLighting.Unknown),
        };
        return known;
    }
}
