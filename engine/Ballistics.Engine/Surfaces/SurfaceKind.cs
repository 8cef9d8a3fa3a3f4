namespace Ballistics.Engine.Surfaces;

/// <summary>What the values of a <see cref="Surface"/> mean.</summary>
public enum SurfaceKind
{
    /// <summary>Measured topography: values are heights in micrometres.</summary>
    Topography = 0,

    /// <summary>A 2D grey-level image: values are intensities (0–1), not heights.</summary>
    Intensity2D = 1,
}
