namespace Ballistics.Samples;

/// <summary>What corpus to generate. Counts are checked when set, so a bad value fails where it is written.</summary>
public sealed record CorpusOptions
{
    /// <summary>Firearm ids are written with four digits (F0001).</summary>
    public const int MaxFirearms = 9_999;

    /// <summary>Fire indexes are written with two digits (fire01).</summary>
    public const int MaxFiresPerFirearm = 99;

    /// <summary>Number of firearms, 1 to <see cref="MaxFirearms"/>.</summary>
    public int Firearms
    {
        get;
        init => field = CheckCount(value, MaxFirearms, nameof(Firearms), "firearms");
    } = 10;

    /// <summary>Cartridge cases fired by each firearm, 1 to <see cref="MaxFiresPerFirearm"/>.</summary>
    public int FiresPerFirearm
    {
        get;
        init => field = CheckCount(value, MaxFiresPerFirearm, nameof(FiresPerFirearm), "fires per firearm");
    } = 3;

    /// <summary>Any integer; the same seed and options give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    public Difficulty Difficulty
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Difficulty), value, "Difficulty must be Easy or Hard.");
    } = Difficulty.Easy;

    /// <summary>Conditions every scan is made under (<see cref="ScanConditions.None"/>: the difficulty's own).</summary>
    public ScanConditions Conditions { get; init => field = value ?? throw new ArgumentNullException(nameof(Conditions)); } = ScanConditions.None;

    /// <summary>
    /// Draw the conditions anew for every scan (and the subclass strength for every firearm) from
    /// <see cref="ScanConditions.Random"/>; <see cref="Conditions"/> still fixes the knobs it sets.
    /// </summary>
    public bool RandomConditions { get; init; }

    /// <summary>
    /// Numeric conditions drawn for every scan from a range (at most one range per knob), over
    /// <see cref="Conditions"/> and any random draw: a knob of the firearm is drawn once, for its first shot.
    /// </summary>
    public IReadOnlyList<ConditionRange> Ranges
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var repeated = value.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            field = repeated is null
                ? value
                : throw new ArgumentException($"condition {repeated.Key} is given more than one range.", nameof(Ranges));
        }
    } = [];

    public int ScanCount => Firearms * FiresPerFirearm;

    private static int CheckCount(int value, int max, string name, string what)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The number of {what} must be positive; got {value}.");
        }

        if (value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The number of {what} must be at most {max}; got {value}.");
        }

        return value;
    }
}
