using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Tables;

namespace Ballistics.Samples;

/// <summary>
/// One fired cartridge case: its scan and the ground truth of how it was made.
/// <para>
/// Scan positions are in micrometres from the scan centre: X = (column − (Width − 1)/2)·LateralStepXUm,
/// Y = (row − (Height − 1)/2)·LateralStepYUm. The impression frame is the breech face mirrored in X (as the
/// primer, facing the breech face, records it), centred on the firing-pin axis; it is the same for every firing
/// of one firearm. <see cref="Pose"/> maps impression-frame positions to scan positions, so two firings of one
/// firearm line up through <see cref="RelativeTo"/>.
/// </para>
/// </summary>
public sealed record SimulatedFiring
{
    public required Surface Surface { get; init; }

    public required string FirearmId { get; init; }

    public required string MakeModel { get; init; }

    public required string Caliber { get; init; }

    /// <summary>1-based index of the shot among the firearm's firings.</summary>
    public required int FireIndex { get; init; }

    public required string Ammo { get; init; }

    public required int Seed { get; init; }

    public required Difficulty Difficulty { get; init; }

    /// <summary>Rotation of the impression in the scan, in [0, 360).</summary>
    public required double RotationDeg { get; init; }

    /// <summary>Where the firing-pin axis (the impression frame's origin) lies in the scan.</summary>
    public required double TranslationXUm { get; init; }

    public required double TranslationYUm { get; init; }

    /// <summary>Centre of the primer in the scan.</summary>
    public required double PrimerCentreXUm { get; init; }

    public required double PrimerCentreYUm { get; init; }

    public required double PrimerRadiusUm { get; init; }

    /// <summary>Centre of the firing-pin crater in the scan (the pin wanders a little in its hole).</summary>
    public required double FiringPinCentreXUm { get; init; }

    public required double FiringPinCentreYUm { get; init; }

    /// <summary>Larger half size of the firing-pin hole: no breech-face marks lie inside this radius of the pin.</summary>
    public required double ApertureRadiusUm { get; init; }

    public required bool HasDragMark { get; init; }

    /// <summary>True when the firing-pin hole's edge sheared striae into the flowback (<see cref="FiringPinMarks"/>).</summary>
    public bool HasApertureShear { get; init; }

    /// <summary>True when a sector of the primer barely touched the breech face.</summary>
    public required bool HasPartialContact { get; init; }

    /// <summary>
    /// The sector that barely touched the breech face, as angles about the primer in the impression frame (the same
    /// for every firing of one firearm), or null with full contact.
    /// </summary>
    public WeakContactSector? WeakContact { get; init; }

    public RigidTransform Pose => new(RotationDeg, TranslationXUm, TranslationYUm);

    /// <summary>The transform taking positions in <paramref name="reference"/>'s scan to the same breech-face marks in this scan.</summary>
    public RigidTransform RelativeTo(SimulatedFiring reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.FirearmId != FirearmId || reference.Seed != Seed || reference.Difficulty != Difficulty)
        {
            throw new ArgumentException($"{reference.FirearmId} and {FirearmId} are different firearms; their marks do not correspond.", nameof(reference));
        }

        return Pose.After(reference.Pose.Inverse());
    }

    /// <summary>The conditions the scan was made under (<see cref="ScanConditions.None"/>: the difficulty's own).</summary>
    public ScanConditions Conditions { get; init; } = ScanConditions.None;
}
