using System.Globalization;

namespace Ballistics.Samples;

/// <summary>
/// One setting of a photograph's light or camera drawn for every photograph uniformly between <see cref="Min"/> and
/// <see cref="Max"/> instead of from <see cref="PhotographOptions.Draw"/>'s own range (<c>--light ring_unevenness=0..0.05</c>):
/// photographs beyond the usual draws, such as an even ring or a light from high up, to evaluate on or to train with.
/// The names are the photographs' manifest columns. <c>NAME=VALUE</c> holds the setting at one value.
/// </summary>
public readonly record struct PhotographRange(string Name, double Min, double Max)
{
    private const string Separator = "..";

    /// <summary>Each setting's name and the values it may take.</summary>
    private static readonly (string Name, double Low, double High)[] Knobs =
    [
        ("elevation_deg", 1, 89),
        ("azimuth_deg", 0, 360),
        ("ring_unevenness", 0, 1),
        ("diffuse", 0, 1),
        ("shininess", 1, 1000),
        ("pixel_size_um", 0.5, 50),
        ("blur_px", 0, 10),
        ("exposure", 0.05, 10),
        ("gamma", 0.2, 5),
        ("vignetting", 0, 0.95),
        ("sensor_noise", 0, 0.5),
    ];

    /// <summary>The settings a range may be given for.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Knobs.Select(k => k.Name)];

    /// <summary>
    /// Parses <c>NAME=LOW..HIGH</c> or <c>NAME=VALUE</c>; a <see cref="FormatException"/> names the setting and, for a value
    /// it cannot take, the values it can.
    /// </summary>
    public static PhotographRange Parse(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var parts = assignment.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            throw new FormatException($"'{assignment}': write NAME=LOW..HIGH or NAME=VALUE");
        }

        var name = parts[0];
        var knob = Array.FindIndex(Knobs, k => k.Name == name);
        if (knob < 0)
        {
            throw new FormatException($"'{name}' is not a photograph's setting; the settings are {string.Join(", ", Names)}");
        }

        var ends = parts[1].Split(Separator, 2, StringSplitOptions.TrimEntries);
        var min = Number(ends[0]);
        var max = ends.Length == 2 ? Number(ends[1]) : min;
        if (min > max)
        {
            throw new FormatException($"{name}: the range {parts[1]} runs backwards; write LOW..HIGH");
        }

        var (_, low, high) = Knobs[knob];
        if (min < low || max > high)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name}: {parts[1]} is outside the values it can take, {low}..{high}"));
        }

        return new PhotographRange(name, min, max);

        double Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new FormatException($"{name}: '{text}' is not a number");
    }

    /// <summary><paramref name="options"/> with this setting drawn uniformly from <paramref name="rng"/>.</summary>
    public PhotographOptions DrawOnto(PhotographOptions options, Random rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var value = Min + ((Max - Min) * rng.NextDouble());
        return Name switch
        {
            "elevation_deg" => options with { ElevationDeg = value },
            "azimuth_deg" => options with { AzimuthDeg = value },
            "ring_unevenness" => options with { RingUnevenness = value },
            "diffuse" => options with { Diffuse = value },
            "shininess" => options with { Shininess = value },
            "pixel_size_um" => options with { PixelSizeUm = value },
            "blur_px" => options with { BlurPx = value },
            "exposure" => options with { Exposure = value },
            "gamma" => options with { Gamma = value },
            "vignetting" => options with { Vignetting = value },
            "sensor_noise" => options with { Noise = value },
            _ => throw new InvalidOperationException($"no photograph setting '{Name}'"),
        };
    }

    public override string ToString() =>
        Min == Max
            ? string.Create(CultureInfo.InvariantCulture, $"{Name}={Min:0.####}")
            : string.Create(CultureInfo.InvariantCulture, $"{Name}={Min:0.####}{Separator}{Max:0.####}");
}
