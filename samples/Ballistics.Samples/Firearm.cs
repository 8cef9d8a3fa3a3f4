using Ballistics.Engine.Surfaces;

namespace Ballistics.Samples;

/// <summary>
/// One synthetic pistol: its make and model, its production group and its breech face. Everything follows
/// from (seed, number, difficulty), so the same firearm can be rebuilt anywhere without the corpus on disk.
/// </summary>
public sealed class Firearm
{
    private readonly float[] _breechFaceUm;

    private Firearm(int seed, int number, Difficulty difficulty, ProductionSlot slot, float[] breechFaceUm, FiringPinMarks pinMarks)
    {
        PinMarks = pinMarks;
        Seed = seed;
        Number = number;
        Difficulty = difficulty;
        MakeModel = slot.MakeModel;
        GroupNumber = slot.GroupNumber;
        GroupSize = slot.GroupSize;
        _breechFaceUm = breechFaceUm;
    }

    public int Seed { get; }

    /// <summary>1-based number of the firearm in its corpus.</summary>
    public int Number { get; }

    /// <summary>Id as written in the manifest, e.g. F0003.</summary>
    public string Id => FormatId(Number);

    public Difficulty Difficulty { get; }

    public MakeModel MakeModel { get; }

    public string Caliber => MakeModel.Caliber;

    /// <summary>1-based production group; firearms of one group were made one after another with the same tools.</summary>
    public int GroupNumber { get; }

    public int GroupSize { get; }

    /// <summary>Breech-face heights on the synthesis grid; the simulator reads them, nothing writes them.</summary>
    internal ReadOnlySpan<float> BreechFaceHeightsUm => _breechFaceUm;

    /// <summary>The firing pin's own marks: made apart from the slide, so not shared with the production group.</summary>
    internal FiringPinMarks PinMarks { get; }

    internal static GunGrid Grid => GunGrid.Standard;

    /// <param name="seed">The corpus's seed.</param>
    /// <param name="number">1-based number of the firearm in its corpus.</param>
    /// <param name="difficulty">The corpus's setting.</param>
    /// <param name="subclassStrength">
    /// When given, the weight of the production group's shared marks relative to the firearm's own
    /// (<see cref="ScanConditions.SubclassStrength"/>); otherwise the difficulty's.
    /// </param>
    /// <param name="pinTurning">When given, the weight of the lathe's turns on the firing pin's tip (<see cref="ScanConditions.PinTurning"/>); otherwise 1.</param>
    public static Firearm Create(int seed, int number, Difficulty difficulty, double? subclassStrength = null, double? pinTurning = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        if (!Enum.IsDefined(difficulty))
        {
            throw new ArgumentOutOfRangeException(nameof(difficulty), difficulty, "Difficulty must be Easy or Hard.");
        }

        var slot = ManufacturingPlan.Locate(seed, number);
        var options = BreechFaceOptions.For(difficulty);
        if (subclassStrength is { } strength)
        {
            options = options with { SubclassWeight = strength * options.IndividualWeight };
        }

        var heights = BreechFaceSynthesizer.Synthesize(seed, number, slot, options);
        return new Firearm(seed, number, difficulty, slot, heights, FiringPinMarks.Create(seed, number, slot.MakeModel, pinTurning ?? 1));
    }

    public static string FormatId(int number) => $"F{number:D4}";

    /// <summary>
    /// A copy of the breech face as a surface: heights in µm, positive towards the cartridge, seen looking into
    /// the breech from the muzzle side, centred on the firing-pin axis. Inside the firing-pin hole the values
    /// stand for the firing-pin tip's face.
    /// </summary>
    public Surface BreechFace()
    {
        var grid = Grid;
        return new Surface(grid.Size, grid.Size, grid.StepUm, grid.StepUm, _breechFaceUm.ToArray())
        {
            Metadata = new SurfaceMetadata
            {
                Creator = "Ballistics.Samples",
                Comment = $"Synthetic breech face of {Id} ({MakeModel.Name}, group {GroupNumber}), seed {Seed}, {Difficulty}.",
            },
        };
    }

    public override string ToString() => $"{Id} {MakeModel.Name} (group {GroupNumber})";
}
