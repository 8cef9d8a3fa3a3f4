using System.CommandLine;

namespace Ballistics.Cli.Matching;

/// <summary>Flags about how scan files are read that several commands share.</summary>
internal static class ScanFileOptions
{
    /// <summary>`--ignore-mask`: the file's mask neither decoded nor applied (<see cref="Ingest.X3p.X3pReadOptions.IgnoreMask"/>).</summary>
    public static Option<bool> IgnoreMaskOption() => new("--ignore-mask")
    {
        Description = "read x3p files without their masks, as an instrument writes a raw scan: the breech face is found from the heights alone",
    };
}
