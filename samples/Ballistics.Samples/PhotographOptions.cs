using Ballistics.Engine.Rendering;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Samples;

/// <summary>
/// How one photograph of a cartridge case is taken: the light (a ring round the objective, or one oblique lamp), the
/// metal's reflectance, and the camera (pixel size, focus, exposure, gamma, vignetting, noise, bit depth).
/// </summary>
public sealed record PhotographOptions
{
    public ImageLighting Lighting { get; init; } = ImageLighting.Ring;

    /// <summary>The light's elevation above the case head's plane (degrees).</summary>
    public double ElevationDeg { get; init; } = 45;

    /// <summary>A side light's direction in the image (degrees from x towards y); for a ring light, the side it is brighter on.</summary>
    public double AzimuthDeg { get; init; }

    /// <summary>
    /// How uneven a ring light is: its brightness varies round the ring as 1 + this · cos(azimuth − <see cref="AzimuthDeg"/>)
    /// (segments, a ring not centred on the case). An even ring cancels the slopes' first-order shading.
    /// </summary>
    public double RingUnevenness { get; init; } = 0.2;

    /// <summary>Share of the light the metal scatters evenly; the rest is reflected about the normal (metal: mostly the rest).</summary>
    public double Diffuse { get; init; } = 0.6;

    /// <summary>How narrow the mirror-like lobe is (Blinn–Phong exponent): polished brass is high, a sand-blasted primer low.</summary>
    public double Shininess { get; init; } = 20;

    public double PixelSizeUm { get; init; } = 5;

    /// <summary>Defocus and the lens's blur, as a Gaussian's sigma in pixels.</summary>
    public double BlurPx { get; init; } = 0.7;

    /// <summary>Exposure as a gain on the radiance (values above 1 clip in the highlights).</summary>
    public double Exposure { get; init; } = 1;

    /// <summary>The camera's gamma: the recorded value is radiance^(1/gamma).</summary>
    public double Gamma { get; init; } = 1;

    /// <summary>Light lost at the image's corners (0 none; 0.4 leaves 60 % there).</summary>
    public double Vignetting { get; init; }

    /// <summary>Sensor noise: sigma as a share of full scale.</summary>
    public double Noise { get; init; } = 0.01;

    /// <summary>8 or 16.</summary>
    public int BitDepth { get; init; } = 8;

    /// <summary>The light and the metal's reflectance, as the engine renders them.</summary>
    public LightingModel Light => new()
    {
        Lighting = Lighting,
        ElevationDeg = ElevationDeg,
        AzimuthDeg = AzimuthDeg,
        RingUnevenness = RingUnevenness,
        Diffuse = Diffuse,
        Shininess = Shininess,
    };

    /// <summary>
    /// One photograph's settings drawn at random: the light's elevation 15–60° (a side light's direction anywhere, a ring
    /// light uneven by 5–50 %), the
    /// metal's finish, 3–8 µm pixels, focus, exposure, gamma, vignetting and noise, 8 or 16 bit.
    /// </summary>
    public static PhotographOptions Draw(Random rng, ImageLighting lighting)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new PhotographOptions
        {
            Lighting = lighting,
            ElevationDeg = rng.Uniform(15, 60),
            AzimuthDeg = rng.Uniform(0, 360),
            RingUnevenness = rng.Uniform(0.05, 0.5),
            Diffuse = rng.Uniform(0.05, 0.6),
            Shininess = rng.Uniform(5, 100),
            PixelSizeUm = rng.Uniform(3, 8),
            BlurPx = rng.Uniform(0.3, 1.5),
            Exposure = rng.Uniform(0.6, 1.4),
            Gamma = rng.Uniform(0.7, 1.5),
            Vignetting = rng.Uniform(0, 0.4),
            Noise = rng.Uniform(0.003, 0.02),
            BitDepth = rng.Chance(0.5) ? 8 : 16,
        };
    }
}
