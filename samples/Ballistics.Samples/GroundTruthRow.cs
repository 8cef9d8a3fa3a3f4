using Ballistics.Ingest.Tables;

namespace Ballistics.Samples;

/// <summary>How one scan of a corpus was made, for scoring registration (see <see cref="SimulatedFiring"/> for the frames).</summary>
public sealed record GroundTruthRow(
    string File,
    int GroupNumber,
    double RotationDeg,
    double TranslationXUm,
    double TranslationYUm,
    double LateralStepUm,
    int Width,
    int Height,
    string Instrument,
    bool HasDragMark,
    bool HasPartialContact,
    ScanConditions? Conditions = null,
    WeakContactSector? WeakContact = null,
    FiringPinShape FiringPinShape = FiringPinShape.Circular,
    bool HasApertureShear = false);
