namespace Ballistics.Engine.Preprocessing;

/// <summary>Where the breech-face region of a prepared scan came from.</summary>
public enum RegionSource
{
    /// <summary>The scan's own region mask (e.g. FiX3P's bindata/mask.png).</summary>
    Mask,

    /// <summary>Primer edge and firing-pin impression found in the heights.</summary>
    Detected,

    /// <summary>The scan was already cropped to the breech face: its valid points are the region.</summary>
    AlreadyCropped,
}

/// <summary>
/// Primer and firing-pin circles of a prepared scan, in µm from the prepared surface's centre (x right, y down).
/// Radii are 0 when unknown (an already-cropped scan has no primer edge left to see).
/// </summary>
public readonly record struct BreechFaceGeometry(
    double PrimerCentreXUm,
    double PrimerCentreYUm,
    double PrimerRadiusUm,
    double FiringPinCentreXUm,
    double FiringPinCentreYUm,
    double FiringPinRadiusUm,
    RegionSource Source);
