using Ballistics.Engine.Rendering;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Samples;

/// <summary>
/// Renders a cartridge-case scan as a microscope photograph: the engine's radiance under the photograph's light
/// (<see cref="PhotographRendering"/>, the model a scan is rendered with to meet a photograph), then the camera —
/// defocus, vignetting, exposure with clipping, gamma, noise and 8- or 16-bit quantisation.
/// </summary>
public static class PhotographRenderer
{
    /// <summary>How far from the black level a value is still the black level (radiance; the level is 0.02).</summary>
    private const float BlackLevelTolerance = 1e-4f;

    /// <summary>Renders <paramref name="scan"/> (a topography) with <paramref name="options"/>; <paramref name="noiseSeed"/> draws the sensor noise.</summary>
    /// <returns>An 8- or 16-bit grey image at <see cref="PhotographOptions.PixelSizeUm"/>; the caller disposes it.</returns>
    public static Mat Render(Surface scan, PhotographOptions options, int noiseSeed)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(options);
        if (scan.Kind != SurfaceKind.Topography)
        {
            throw new ArgumentException("Only a topography (heights) can be rendered as a photograph.", nameof(scan));
        }

        using var photo = PhotographRendering.Radiance(scan, options.Light, options.PixelSizeUm);
        var width = photo.Cols;
        var height = photo.Rows;
        if (options.BlurPx > 0)
        {
            Cv2.GaussianBlur(photo, photo, new Size(0, 0), options.BlurPx, options.BlurPx, BorderTypes.Reflect101);
        }

        photo.GetArray(out float[] values);
        Expose(values, width, height, options, noiseSeed);
        using var recorded = Mat.FromPixelData(height, width, MatType.CV_32FC1, values);
        var result = new Mat();
        recorded.ConvertTo(result, options.BitDepth == 16 ? MatType.CV_16UC1 : MatType.CV_8UC1, options.BitDepth == 16 ? ushort.MaxValue : byte.MaxValue);
        return result;
    }

    /// <summary>Vignetting, exposure, gamma and noise, clipped to the sensor's range; a saturated pixel stays at full scale.</summary>
    private static void Expose(float[] values, int w, int h, PhotographOptions options, int noiseSeed)
    {
        // Scaled so the median of the lit surface sits at mid-grey before the exposure's gain. The unmeasured area is the
        // black level give or take the rounding of the defocus and the resampling (a few ulp): compared as exactly it, a
        // cropped breech face, dark over more than half the photograph, took its median from the dark and was blown out.
        var lit = values.Where(v => Math.Abs(v - PhotographRendering.DarkRadiance) > BlackLevelTolerance).ToArray();
        Array.Sort(lit);
        var median = lit.Length == 0 ? 1 : lit[lit.Length / 2];
        var gain = (float)(0.45 * options.Exposure / Math.Max(1e-6, median));
        var cx = (w - 1) / 2.0;
        var cy = (h - 1) / 2.0;
        var corner2 = (cx * cx) + (cy * cy);
        var noise = new float[values.Length];
        new Random(noiseSeed).FillGaussian(noise, options.Noise);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                var falloff = 1 - (options.Vignetting * (((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / Math.Max(1, corner2));
                var exposed = values[i] * gain * falloff;
                // A pixel the light saturated reads full scale whatever the noise: its well is full.
                values[i] = exposed >= 1 ? 1f : (float)Math.Clamp(Math.Pow(Math.Max(0, exposed), 1 / options.Gamma) + noise[i], 0, 1);
            }
        }
    }
}
