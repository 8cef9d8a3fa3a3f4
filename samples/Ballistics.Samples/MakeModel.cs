namespace Ballistics.Samples;

/// <summary>How a make's breech face was finished; the class characteristic an examiner names first.</summary>
public enum BreechFaceTexture
{
    /// <summary>Straight parallel striations from filing or broaching, sometimes crossed by a second set.</summary>
    ParallelFiling,

    /// <summary>Concentric arcs of large radius from an end mill whose centre lies off the breech face.</summary>
    ArchedMachining,

    /// <summary>Circles around the firing-pin hole from turning on a lathe.</summary>
    CircularTurning,

    /// <summary>Overlapping pits from sand-blasting or casting, with no direction.</summary>
    Granular,
}

/// <summary>Shape of the firing-pin tip and of the hole it passes through.</summary>
public enum FiringPinShape
{
    /// <summary>Hemispherical tip in a round hole: a round crater.</summary>
    Circular,

    /// <summary>Elongated tip in a rectangular hole (Glock-like): an elliptical crater and rectangular flowback.</summary>
    Elliptical,
}

/// <summary>
/// Class characteristics shared by every firearm of one make and model. Sizes are in the breech-face frame:
/// X and Y in micrometres about the firing-pin axis, as seen looking into the breech from the muzzle side.
/// </summary>
public sealed record MakeModel
{
    public required string Name { get; init; }

    public required string Caliber { get; init; }

    public required BreechFaceTexture Texture { get; init; }

    /// <summary>Typical distance between marks (striae, arcs, turns) or typical grain diameter.</summary>
    public required double TextureSpacingUm { get; init; }

    /// <summary>Direction of the striae (filing), of the mill centre (arched), unused otherwise.</summary>
    public required double TextureAngleDeg { get; init; }

    /// <summary>Sets of filing marks (1, or 2 when cross-filed).</summary>
    public int FilingSets { get; init; } = 1;

    /// <summary>Distance from the breech-face centre to the mill centre for arched marks.</summary>
    public double ArcRadiusUm { get; init; } = 6_000;

    /// <summary>Root mean square of the finished breech face.</summary>
    public required double BreechFaceRmsUm { get; init; }

    public required FiringPinShape FiringPin { get; init; }

    /// <summary>Half sizes of the firing-pin hole along X and Y (equal for a round hole).</summary>
    public required double ApertureHalfWidthUm { get; init; }

    public required double ApertureHalfHeightUm { get; init; }

    /// <summary>Superellipse exponent of the hole: 2 round, large values rectangular.</summary>
    public double ApertureExponent { get; init; } = 2;

    /// <summary>Half sizes of the firing-pin crater at the primer surface.</summary>
    public required double CraterHalfWidthUm { get; init; }

    public required double CraterHalfHeightUm { get; init; }

    public double CraterExponent { get; init; } = 2;

    /// <summary>Multiplies the ammunition's crater depth: stronger springs and heavier pins strike deeper.</summary>
    public double StrikeFactor { get; init; } = 1;

    /// <summary>Chance that a firing leaves a drag mark, before the ammunition's factor.</summary>
    public required double DragProbability { get; init; }

    /// <summary>Direction of the drag in the breech-face frame: the way the barrel tilts on unlocking.</summary>
    public required double DragDirectionDeg { get; init; }

    /// <summary>Root mean square of the firing-pin tip's own relief (<see cref="FiringPinMarks"/>), and of the striae it scores along a drag.</summary>
    public double FiringPinTipRmsUm { get; init; } = 0.3;

    /// <summary>Root mean square of the striae the firing-pin hole's edge shears into the flowback.</summary>
    public double ApertureShearRmsUm { get; init; } = 0.35;

    /// <summary>Share of firearms of this make whose hole shears the flowback as the barrel unlocks.</summary>
    public double ApertureShearProbability { get; init; } = 0.5;
}
