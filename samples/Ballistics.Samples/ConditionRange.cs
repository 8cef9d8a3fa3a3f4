using System.Globalization;

namespace Ballistics.Samples;

/// <summary>
/// A numeric condition drawn for every scan, uniformly between <see cref="Min"/> and <see cref="Max"/>
/// (<c>--condition contact=0.5..0.95</c>): a set whose scans spread over a range as a held-out description states it,
/// not all at one end of it. Knobs of the firearm (subclass, pin turning) are drawn once per firearm.
/// </summary>
public readonly record struct ConditionRange(string Name, double Min, double Max)
{
    /// <summary>The separator between a range's ends.</summary>
    public const string Separator = "..";

    /// <summary>Whether <paramref name="assignment"/> is written as a range (<c>NAME=LOW..HIGH</c>).</summary>
    public static bool IsRange(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return assignment.Contains(Separator, StringComparison.Ordinal);
    }

    /// <summary>
    /// Parses <c>NAME=LOW..HIGH</c>; the error names the knob, and out-of-range ends throw
    /// <see cref="ArgumentOutOfRangeException"/> with the knob's own range.
    /// </summary>
    public static ConditionRange Parse(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var parts = assignment.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[1].Contains(Separator, StringComparison.Ordinal))
        {
            throw new FormatException($"'{assignment}': write a range as NAME=LOW..HIGH");
        }

        var name = parts[0];
        if (!ScanConditions.NumericNames.Contains(name))
        {
            throw new FormatException($"'{name}' takes no range; the numeric conditions are {string.Join(", ", ScanConditions.NumericNames)}");
        }

        var ends = parts[1].Split(Separator, 2, StringSplitOptions.TrimEntries);
        var min = ScanConditions.Number(name, ends[0]);
        var max = ScanConditions.Number(name, ends[1]);
        if (min > max)
        {
            throw new FormatException($"condition {name}: the range {parts[1]} runs backwards; write LOW..HIGH");
        }

        // Both ends through the knob's own check, so that a range never draws a value the knob refuses.
        _ = ScanConditions.None.WithNumber(name, min).WithNumber(name, max);
        return new ConditionRange(name, min, max);
    }

    /// <summary><paramref name="conditions"/> with this knob set to a uniform draw from <paramref name="rng"/>.</summary>
    public ScanConditions DrawOnto(ScanConditions conditions, Random rng)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(rng);
        return conditions.WithNumber(Name, Min + ((Max - Min) * rng.NextDouble()));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}={Min:0.####}{Separator}{Max:0.####}");
}
