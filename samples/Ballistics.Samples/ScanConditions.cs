using System.Globalization;

namespace Ballistics.Samples;

/// <summary>What a firing-pin crater looks like to the instrument.</summary>
public enum CraterRendering
{
    /// <summary>As the instrument profile sees it: walls steeper than it can measure are lost, the floor is kept.</summary>
    Instrument,

    /// <summary>Measured whole, walls and floor (a confocal instrument at a high aperture).</summary>
    Data,

    /// <summary>Lost whole (an unmeasured hole, as in Fadul's raw NanoFocus scans).</summary>
    Holes,
}

/// <summary>How a scan reaches the lab: as the instrument wrote it, or already processed by another lab's pipeline.</summary>
public enum ScanLayout
{
    /// <summary>The whole primer, the gap and the case head, levelled by nobody.</summary>
    Raw,

    /// <summary>
    /// Another lab's processing (<see cref="OtherLabProcessing"/>): cropped to the breech-face annulus, plane removed and
    /// band-passed with its own cut-offs, NaN outside.
    /// </summary>
    Processed,
}

/// <summary>
/// One knob for each way real scans vary, each independent of the others and of the difficulty (null: the
/// difficulty's own setting). They exist so that a score model is trained on randomised
/// mixtures and checked on settings it never saw. <see cref="Random"/> draws every knob at once.
/// </summary>
public sealed record ScanConditions
{
    /// <summary>No override: the difficulty's settings.</summary>
    public static ScanConditions None { get; } = new();

    /// <summary>Share of the scan's points lost as dropouts (0–0.5), replacing the difficulty's isolated points and blots.</summary>
    public double? DropoutFraction { get; init => field = CheckRange(value, 0, 0.5, nameof(DropoutFraction)); }

    /// <summary>Share of the dropouts that come in clusters (0–1), placed where the surface is roughest; the rest are single points.</summary>
    public double? DropoutClustering { get; init => field = CheckRange(value, 0, 1, nameof(DropoutClustering)); }

    /// <summary>Share of the breech-face annulus in contact with the breech face (0.2–1); the rest records almost nothing.</summary>
    public double? ContactFraction { get; init => field = CheckRange(value, 0.2, 1, nameof(ContactFraction)); }

    /// <summary>Multiplies the instrument's noise (0–10).</summary>
    public double? NoiseScale { get; init => field = CheckRange(value, 0, 10, nameof(NoiseScale)); }

    /// <summary>Lateral step of the scan (2–8 µm), whatever the instrument profile; the field of view stays a case head's.</summary>
    public double? LateralStepUm { get; init => field = CheckRange(value, 2, 8, nameof(LateralStepUm)); }

    /// <summary>Amplitude of a smooth elastic warp of the impression (0–40 µm): the primer stretching as it flows.</summary>
    public double? ElasticWarpUm { get; init => field = CheckRange(value, 0, 40, nameof(ElasticWarpUm)); }

    /// <summary>Multiplies the primer's flow back into the firing-pin hole (0–4).</summary>
    public double? PrimerFlowScale { get; init => field = CheckRange(value, 0, 4, nameof(PrimerFlowScale)); }

    public CraterRendering? Crater { get; init; }

    public ScanLayout? Layout { get; init; }

    /// <summary>
    /// Weight of the subclass marks a production group shares, relative to each firearm's own (0–3; easy 0.3,
    /// hard 1.15): above 1 a batch's shared marks outweigh each slide's own, the named adversarial same-batch case.
    /// </summary>
    public double? SubclassStrength { get; init => field = CheckRange(value, 0, 3, nameof(SubclassStrength)); }

    /// <summary>
    /// Weight of the lathe's turns on each firearm's firing-pin tip, relative to the generator's own draw (0–2): 0 for
    /// pins ground or blasted without turning marks, 2 for pins whose turns dominate their grain. A trait of the
    /// firearm, taken from its first shot like <see cref="SubclassStrength"/>; <see cref="Random"/> leaves it to the
    /// generator, so that sets drawn before it existed come out the same.
    /// </summary>
    public double? PinTurning { get; init => field = CheckRange(value, 0, 2, nameof(PinTurning)); }

    /// <summary>
    /// The long cut-off of the band-pass another lab's pipeline applied to a processed scan (<see cref="ScanLayout.Processed"/>;
    /// 50–1000 µm, 300 when not set); a raw scan ignores it. Labs differ here (CSAFE's Fadul files: 500 µm), and a
    /// comparison must not lean on one lab's. <see cref="Random"/> leaves it to the default, so that sets drawn before
    /// it existed come out the same.
    /// </summary>
    public double? LabLongCutoffUm { get; init => field = CheckRange(value, 50, 1000, nameof(LabLongCutoffUm)); }

    /// <summary>Names of the knobs as written in a generator's ground truth and read by <c>--condition</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["dropout", "dropout_clustering", "contact", "noise", "step_um", "warp_um", "primer_flow", "crater", "layout", "subclass", "pin_turning", "lab_long_cutoff_um"];

    /// <summary>
    /// Every knob drawn independently, over ranges that take in the held-out descriptions of the issue (dropouts of
    /// 1–8 % clustered in rough areas, contact over 50–95 % of the annulus, warp, flow, 2–8 µm, raw and processed).
    /// </summary>
    public static ScanConditions Random(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new ScanConditions
        {
            DropoutFraction = rng.Uniform(0, 0.1),
            DropoutClustering = rng.NextDouble(),
            ContactFraction = rng.Chance(0.3) ? 1 : rng.Uniform(0.45, 1),
            NoiseScale = rng.Uniform(0.5, 3),
            LateralStepUm = rng.Uniform(2.5, 8),
            ElasticWarpUm = rng.Chance(0.4) ? 0 : rng.Uniform(0, 25),
            PrimerFlowScale = rng.Uniform(0.5, 2.5),
            Crater = (CraterRendering)rng.Next(0, 3),
            Layout = rng.Chance(0.35) ? ScanLayout.Processed : ScanLayout.Raw,
            // Most groups share little (sand-blasted faces); some as much as each face's own or more (broached, milled).
            SubclassStrength = rng.Chance(0.7) ? rng.Uniform(0, 0.3) : rng.Uniform(0.3, 1.3),
        };
    }

    /// <summary>These conditions, with every knob they leave open taken from <paramref name="fallback"/>.</summary>
    public ScanConditions Over(ScanConditions fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new ScanConditions
        {
            DropoutFraction = DropoutFraction ?? fallback.DropoutFraction,
            DropoutClustering = DropoutClustering ?? fallback.DropoutClustering,
            ContactFraction = ContactFraction ?? fallback.ContactFraction,
            NoiseScale = NoiseScale ?? fallback.NoiseScale,
            LateralStepUm = LateralStepUm ?? fallback.LateralStepUm,
            ElasticWarpUm = ElasticWarpUm ?? fallback.ElasticWarpUm,
            PrimerFlowScale = PrimerFlowScale ?? fallback.PrimerFlowScale,
            Crater = Crater ?? fallback.Crater,
            Layout = Layout ?? fallback.Layout,
            SubclassStrength = SubclassStrength ?? fallback.SubclassStrength,
            PinTurning = PinTurning ?? fallback.PinTurning,
            LabLongCutoffUm = LabLongCutoffUm ?? fallback.LabLongCutoffUm,
        };
    }

    /// <summary>
    /// Parses <c>NAME=VALUE</c> (a name of <see cref="Names"/>) onto these conditions; the error names the knob and
    /// its range.
    /// </summary>
    public ScanConditions With(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var parts = assignment.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            throw new FormatException($"'{assignment}': write a condition as NAME=VALUE, NAME one of {string.Join(", ", Names)}");
        }

        var (name, value) = (parts[0], parts[1]);
        return name switch
        {
            "crater" => this with { Crater = Word<CraterRendering>(name, value) },
            "layout" => this with { Layout = Word<ScanLayout>(name, value) },
            _ when NumericNames.Contains(name) => WithNumber(name, Number(name, value)),
            _ => throw new FormatException($"'{name}' is no condition; the conditions are {string.Join(", ", Names)}"),
        };
    }

    /// <summary>The knobs that take a number, and so a range (<see cref="ConditionRange"/>).</summary>
    public static IReadOnlyList<string> NumericNames { get; } =
        ["dropout", "dropout_clustering", "contact", "noise", "step_um", "warp_um", "primer_flow", "subclass", "pin_turning", "lab_long_cutoff_um"];

    /// <summary>These conditions with the numeric knob <paramref name="name"/> (one of <see cref="NumericNames"/>) set.</summary>
    public ScanConditions WithNumber(string name, double value) => name switch
    {
        "dropout" => this with { DropoutFraction = value },
        "dropout_clustering" => this with { DropoutClustering = value },
        "contact" => this with { ContactFraction = value },
        "noise" => this with { NoiseScale = value },
        "step_um" => this with { LateralStepUm = value },
        "warp_um" => this with { ElasticWarpUm = value },
        "primer_flow" => this with { PrimerFlowScale = value },
        "subclass" => this with { SubclassStrength = value },
        "pin_turning" => this with { PinTurning = value },
        "lab_long_cutoff_um" => this with { LabLongCutoffUm = value },
        _ => throw new FormatException($"'{name}' is no numeric condition; those are {string.Join(", ", NumericNames)}"),
    };

    /// <summary>Whether these conditions set the knob <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public bool Sets(string name)
    {
        var values = Values();
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return values[i].Length > 0;
            }
        }

        throw new ArgumentException($"'{name}' is no condition; the conditions are {string.Join(", ", Names)}", nameof(name));
    }

    /// <summary>The knobs' values in the order of <see cref="Names"/>, as text (empty where the difficulty decides).</summary>
    public IReadOnlyList<string> Values()
    {
        static string N(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;
        return
        [
            N(DropoutFraction), N(DropoutClustering), N(ContactFraction), N(NoiseScale), N(LateralStepUm), N(ElasticWarpUm), N(PrimerFlowScale),
            Crater?.ToString().ToLowerInvariant() ?? string.Empty, Layout?.ToString().ToLowerInvariant() ?? string.Empty, N(SubclassStrength), N(PinTurning), N(LabLongCutoffUm),
        ];
    }

    /// <summary>A condition's number, or an error naming the condition (shared with <see cref="ConditionRange"/>).</summary>
    internal static double Number(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"condition {name}: '{text}' is not a number");

    private static T Word<T>(string name, string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var v) && Enum.IsDefined(v)
            ? v
            : throw new FormatException($"condition {name}: '{text}' is none of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    private static double? CheckRange(double? value, double min, double max, string name) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
}
