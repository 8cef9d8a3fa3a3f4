namespace Ballistics.Samples;

/// <summary>
/// How a breech face mixes its marks. Each component is brought to unit root mean square first, so the
/// weights say how much of the face is shared by the make (class), by the group made with the same tool
/// before it was resharpened (subclass), and is the firearm's own (individual).
/// </summary>
internal sealed record BreechFaceOptions
{
    /// <summary>
    /// The default: a group's shared marks a tenth of each face's own, as on the sand-blasted consecutively made slides
    /// of the published studies, which separate without overlap (Fadul 2011, Weller 2012), and the make's look a faint
    /// trace within the compared band (unrelated scans of one make correlate no more than of two makes).
    /// </summary>
    public static BreechFaceOptions Easy { get; } = new() { ClassWeight = 0.03, SubclassWeight = 0.10, IndividualWeight = 1.0 };

    public static BreechFaceOptions Hard { get; } = new() { ClassWeight = 0.20, SubclassWeight = 0.75, IndividualWeight = 0.65 };

    public static BreechFaceOptions For(Difficulty difficulty) => difficulty == Difficulty.Hard ? Hard : Easy;

    public required double ClassWeight { get; init; }

    public required double SubclassWeight { get; init; }

    public required double IndividualWeight { get; init; }

    /// <summary>The class component keeps only coarse structure: makes share a look, not the same striae.</summary>
    public double ClassSmoothingUm { get; init; } = 30;

    /// <summary>Within the individual component: the firearm's own wear of the class finish.</summary>
    public double IndividualFinishWeight { get; init; } = 0.55;

    /// <summary>Within the individual component: fine isotropic texture (corrosion, polishing).</summary>
    public double IndividualFineWeight { get; init; } = 0.6;

    /// <summary>Within the individual component: scratches and pits from use.</summary>
    public double IndividualDefectWeight { get; init; } = 0.35;

    /// <summary>Spread of the breech face's overall roughness about its make's value.</summary>
    public double RmsSpread { get; init; } = 0.15;
}
