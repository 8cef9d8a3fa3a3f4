using System.CommandLine;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Cli.Matching;

/// <summary>Flags about how scan files are read that several commands share.</summary>
internal static class ScanFileOptions
{
    /// <summary>`--ignore-mask`: the file's mask neither decoded nor applied (<see cref="Ingest.X3p.X3pReadOptions.IgnoreMask"/>).</summary>
    public static Option<bool> IgnoreMaskOption() => new("--ignore-mask")
    {
        Description = "read x3p files without their masks, as an instrument writes a raw scan: the breech face is found from the heights alone",
    };

    /// <summary>`--pixel-size-um U`: a photograph's pixel size, over what its resolution fields state.</summary>
    public static Option<double?> PixelSizeOption() => new("--pixel-size-um")
    {
        Description = "pixel size of PNG/TIFF photographs in micrometres; without it, the size the file's resolution fields state (PNG pHYs, TIFF XResolution)",
    };

    /// <summary>`--lighting ring|side|unknown`: how photographs were lit.</summary>
    public static Option<string> LightingOption()
    {
        var option = new Option<string>("--lighting") { Description = "how PNG/TIFF photographs were lit: ring, side or unknown", DefaultValueFactory = _ => "unknown" };
        option.AcceptOnlyFromAmong("ring", "side", "unknown");
        return option;
    }

    /// <summary>The lighting a `--lighting` value names.</summary>
    public static ImageLighting Lighting(string? value) => ImageLightingNames.TryParse(value, out var lighting) ? lighting : ImageLighting.Unknown;
}
