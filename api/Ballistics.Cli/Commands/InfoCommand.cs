using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ballistics.Cli.Matching;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;

namespace Ballistics.Cli.Commands;

/// <summary>`ballistics info FILE... [--json] [--no-verify] [--pixel-size-um U] [--lighting L]`: one line per file.</summary>
internal static class InfoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "x3p files, or PNG/TIFF photographs" };
        var json = new Option<bool>("--json") { Description = "one JSON object per line, for machines" };
        var noVerify = new Option<bool>("--no-verify") { Description = "read files whose MD5 checksums do not match" };
        var ignoreMask = ScanFileOptions.IgnoreMaskOption();
        var pixelSize = ScanFileOptions.PixelSizeOption();
        var lighting = ScanFileOptions.LightingOption();
        var command = new Command("info", "Print size, lateral step, height range, valid fraction and metadata of surface files.")
        {
            files, json, noVerify, ignoreMask, pixelSize, lighting,
        };
        command.SetAction(parse =>
        {
            var options = new SurfaceFileOptions
            {
                X3p = Ingest.X3p.X3pReadOptions.Default with { VerifyChecksums = !parse.GetValue(noVerify), IgnoreMask = parse.GetValue(ignoreMask) },
                ImagePixelSizeUm = parse.GetValue(pixelSize),
                ImageLighting = ScanFileOptions.Lighting(parse.GetValue(lighting)),
            };
            return Run(parse.GetValue(files)!, options, parse.GetValue(json), output, error);
        });
        return command;
    }

    internal static int Run(IReadOnlyList<string> files, SurfaceFileOptions options, bool json, TextWriter output, TextWriter error)
    {
        var failures = 0;
        foreach (var file in files)
        {
            var result = SurfaceFiles.Read(file, options);
            if (!result.Success)
            {
                failures++;
                error.WriteLine($"error: {result.Error}");
                if (json)
                {
                    output.WriteLine(JsonSerializer.Serialize(new InfoError(file, result.Error.Kind.ToString(), result.Error.ToString()), CliJson.Options));
                }

                continue;
            }

            var line = Describe(file, result.Value);
            output.WriteLine(json ? JsonSerializer.Serialize(line, CliJson.Options) : Format(line));
        }

        return failures == 0 ? 0 : 1;
    }

    internal static InfoLine Describe(string file, Surface s)
    {
        var stats = s.Statistics();
        var m = s.Metadata;
        var (breechFace, firingPin, shear) = Regions(s);
        return new InfoLine(
            file, true, s.Width, s.Height, s.LateralStepXUm, s.LateralStepYUm, s.Kind == SurfaceKind.Topography ? "topography" : "intensity2d",
            s.Kind == SurfaceKind.Topography ? "um" : "intensity",
            stats.ValidPoints == 0 ? null : stats.Min, stats.ValidPoints == 0 ? null : stats.Max, stats.ValidFraction,
            s.Mask is not null, s.Mask?.RegionFraction(), m.Instrument?.ToString(), m.Creator, m.Date, m.Comment, m.SourceSha256, m.Notes,
            breechFace, firingPin, shear, m.Lighting is { } light ? Engine.Surfaces.ImageLightingNames.Name(light) : null);
    }

    /// <summary>What preprocessing keeps of the scan for comparison — breech face, firing pin, aperture shear — or why it keeps nothing.</summary>
    private static (BreechFaceLine BreechFace, FiringPinLine? FiringPin, ApertureShearLine? ApertureShear) Regions(Surface s)
    {
        try
        {
            var prepared = Preprocessor.Prepare(s);
            var kept = prepared.Surface.Statistics().ValidPoints;
            var step = prepared.Surface.LateralStepXUm;
            var breechFace = new BreechFaceLine(
                JsonNamingPolicy.SnakeCaseLower.ConvertName(prepared.Geometry.Source.ToString()), prepared.RegionPoints, kept, prepared.KeptShare,
                kept * step * step / 1e6, prepared.Notes, null);
            return (breechFace, FiringPinLine.Of(prepared.FiringPin), ApertureShearLine.Of(prepared.FiringPin.Shear));
        }
        catch (ArgumentException ex)
        {
            return (new BreechFaceLine(null, 0, 0, 0, 0, [], ex.Message), null, null);
        }
    }

    private static string Format(InfoLine l)
    {
        var c = CultureInfo.InvariantCulture;
        var unit = l.Kind == "topography" ? "µm" : "(intensity)";
        var range = l.ZMin is null ? "z=none" : string.Format(c, "z=[{0:0.###}, {1:0.###}] {2}", l.ZMin, l.ZMax, unit);
        var parts = new List<string>
        {
            Path.GetFileName(l.File),
            $"size={l.Width}x{l.Height}",
            string.Format(c, "step_um={0:0.#####}x{1:0.#####}", l.StepXUm, l.StepYUm),
            range,
            string.Format(c, "valid={0:0.0%}", l.ValidFraction),
            l.HasMask ? string.Format(c, "mask={0:0.0%}", l.MaskRegionFraction) : "mask=none",
            $"instrument=\"{l.Instrument}\"",
            $"creator=\"{l.Creator}\"",
            $"date={l.Date}",
        };
        if (l.Lighting is { } light)
        {
            parts.Add($"lighting={light}");
        }

        if (l.Notes.Count > 0)
        {
            parts.Add($"notes=\"{string.Join("; ", l.Notes)}\"");
        }

        if (l.BreechFace is { Error: { } problem })
        {
            parts.Add($"breech_face=\"not usable: {problem}\"");
        }
        else if (l.BreechFace is { } b)
        {
            parts.Add(string.Format(c, "breech_face={0} kept={1:0%} of {2} region points ({3:0.00} mm²)", b.Source, b.KeptShare, b.RegionPoints, b.KeptAreaMm2));
        }

        if (l.FiringPin is { } f)
        {
            var shape = f.Shape is null ? string.Empty : string.Format(c, " shape={0} crater_radius_um={1:0}", f.Shape, f.CraterRadiusUm);
            parts.Add(f.Status == "found"
                ? string.Format(c, "firing_pin=found{0} points={1} ({2:0.00} mm²){3}", shape, f.Points, f.AreaMm2, f.RingStrength is { } rings ? string.Format(c, " ring_strength={0:0.000}", rings) : string.Empty)
                : $"firing_pin={f.Status}{shape} (\"{f.Reason}\")");
        }

        if (l.ApertureShear is { } sh)
        {
            parts.Add(sh.Status == "found"
                ? string.Format(c, "aperture_shear=found points={0} ({1:0.00} mm²)", sh.Points, sh.AreaMm2)
                : $"aperture_shear={sh.Status} (\"{sh.Reason}\")");
        }

        return string.Join("  ", parts);
    }

    internal sealed record InfoLine(
        string File, bool Ok, int Width, int Height, double StepXUm, double StepYUm, string Kind,
        string ZUnit, float? ZMin, float? ZMax, double ValidFraction, bool HasMask, double? MaskRegionFraction,
        string? Instrument, string? Creator, string? Date, string? Comment, string? Sha256, IReadOnlyList<string> Notes,
        BreechFaceLine? BreechFace, FiringPinLine? FiringPin, ApertureShearLine? ApertureShear, string? Lighting);

    /// <summary>
    /// The breech face preprocessing finds: where its region came from (`mask`, `detected`, `already_cropped`), its
    /// valid points on the common grid, how many of them are compared and what share, and the notes; or the error.
    /// </summary>
    internal sealed record BreechFaceLine(
        string? Source, int RegionPoints, long KeptPoints, double KeptShare, double KeptAreaMm2, IReadOnlyList<string> Notes, string? Error);

    /// <summary>
    /// The firing-pin impression preprocessing finds: `found`, `absent` or `failed` with the reason; the crater's shape
    /// class as measured (`circular`, `elliptical`, `rectangular`) with the numbers it was decided on; the points compared;
    /// how strongly the tip's turning marks stand out on the floor (null when too few rings were measured).
    /// </summary>
    internal sealed record FiringPinLine(
        string Status, string? Reason, string? Shape, double? Aspect, double? RectangleFill, double? CraterRadiusUm, int Points, double AreaMm2, double? RingStrength)
    {
        public static FiringPinLine Of(FiringPinRegion region)
        {
            var outline = region.Outline;
            var step = region.Impression?.Surface.LateralStepXUm ?? 0;
            var points = region.Impression?.Points ?? 0;
            return new FiringPinLine(
                region.Status.ToString().ToLowerInvariant(), region.Reason, outline?.Shape.ToString().ToLowerInvariant(),
                outline?.Aspect, outline?.RectangleFill, outline?.EquivalentRadiusUm, points, points * step * step / 1e6, region.Impression?.Rings?.Strength);
        }
    }

    /// <summary>The band about the crater where the aperture's edge sheared the primer: `found`, `absent` or `failed` with the reason; the points compared.</summary>
    internal sealed record ApertureShearLine(string Status, string? Reason, int Points, double AreaMm2)
    {
        public static ApertureShearLine Of(ApertureShearRegion region)
        {
            var step = region.Band?.Surface.LateralStepXUm ?? 0;
            var points = region.Band?.Points ?? 0;
            return new ApertureShearLine(region.Status.ToString().ToLowerInvariant(), region.Reason, points, points * step * step / 1e6);
        }
    }

    internal sealed record InfoError(string File, string ErrorKind, string Error)
    {
        public bool Ok => false;
    }
}
