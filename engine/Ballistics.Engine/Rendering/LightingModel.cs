using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Rendering;

/// <summary>
/// The light a cartridge case is photographed under and how its metal returns it: a ring round the objective or one
/// oblique lamp, at an elevation, and a surface that scatters a share evenly (Lambertian) and mirrors the rest in a
/// Blinn–Phong lobe. One model for the generator's photographs and for a topography rendered to meet a photograph.
/// </summary>
public sealed record LightingModel
{
    public ImageLighting Lighting { get; init; } = ImageLighting.Ring;

    /// <summary>The light's elevation above the case head's plane (degrees).</summary>
    public double ElevationDeg { get; init => field = Check.InRange(value, 1, 89, nameof(ElevationDeg)); } = 45;

    /// <summary>A side light's direction in the image (degrees from x towards y); for a ring light, the side it is brighter on.</summary>
    public double AzimuthDeg { get; init; }

    /// <summary>
    /// How uneven a ring light is: its brightness varies round the ring as 1 + this · cos(azimuth − <see cref="AzimuthDeg"/>)
    /// (segments, a ring not centred on the case). An even ring cancels the slopes' first-order shading.
    /// </summary>
    public double RingUnevenness { get; init => field = Check.InRange(value, 0, 1, nameof(RingUnevenness)); } = 0.2;

    /// <summary>Share of the light the metal scatters evenly; the rest is reflected about the normal (metal: mostly the rest).</summary>
    public double Diffuse { get; init => field = Check.InRange(value, 0, 1, nameof(Diffuse)); } = 0.6;

    /// <summary>How narrow the mirror-like lobe is (Blinn–Phong exponent): polished brass is high, a sand-blasted primer low.</summary>
    public double Shininess { get; init => field = Check.Positive(value, nameof(Shininess)); } = 20;

    /// <summary>
    /// The directions (degrees, in the topography's frame) a topography's typical light is turned to when it is rendered to
    /// meet a photograph whose shading is compared as recorded. A ring photograph's marks show mostly as the slopes along
    /// its brighter side, which lies anywhere on the case; 45° apart leaves at most 22.5° between the photograph's light
    /// and the nearest rendering, and the comparison's two signs cover the other half turn.
    /// </summary>
    public static IReadOnlyList<double> TurnsDeg { get; } = [0, 45, 90, 135];

    /// <summary>
    /// The light a topography is rendered under to be compared with a photograph of <paramref name="lighting"/> whose own
    /// settings are not known: the middle of the ranges the photograph model was trained on (elevation 15–60°, a ring 5–50 %
    /// uneven, 5–60 % diffuse, exponent 5–100), brighter from (or, for a side light, from) <paramref name="azimuthDeg"/>.
    /// An unknown light is taken as a ring, the usual light of a comparison station.
    /// </summary>
    public static LightingModel Typical(ImageLighting lighting, double azimuthDeg = 0) => new()
    {
        Lighting = lighting == ImageLighting.Side ? ImageLighting.Side : ImageLighting.Ring,
        ElevationDeg = 37.5,
        AzimuthDeg = azimuthDeg,
        RingUnevenness = 0.275,
        Diffuse = 0.325,
        Shininess = 22,
    };

    /// <summary>
    /// The typical ring made even: the slopes' first-order shading cancels and their squares are left, alike from every
    /// side. A ring lit evenly all round shades a case so, and no turn of an uneven one resembles it.
    /// </summary>
    public static LightingModel EvenRing { get; } = Typical(ImageLighting.Ring) with { RingUnevenness = 0 };
}
