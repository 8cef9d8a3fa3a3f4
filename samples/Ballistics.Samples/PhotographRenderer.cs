using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Samples;

/// <summary>
/// Renders a cartridge-case scan as a microscope photograph: the metal lit by a ring light or one oblique lamp, its
/// radiance the even (Lambertian) share plus a Blinn–Phong mirror lobe seen from straight above, then the camera — pixels
/// of the photograph's size averaging the radiance, defocus, vignetting, exposure with clipping, gamma, noise and 8- or
/// 16-bit quantisation. Points the scan did not measure are filled from their neighbours when they are dropouts and
/// left dark when they are large (outside a cropped breech face, a crater the instrument could not see into).
/// </summary>
public static class PhotographRenderer
{
    /// <summary>Directions a ring light is summed over.</summary>
    private const int RingLamps = 24;

    /// <summary>What a point that returns no light records: the photograph's black level.</summary>
    private const float Dark = 0.02f;

    /// <summary>Gaps up to this area (µm²) are dropouts filled from around them; larger ones are dark in the photograph.</summary>
    private const double MaxFilledGapUm2 = 40_000;

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

        var w = scan.Width;
        var h = scan.Height;
        var step = scan.LateralStepXUm;
        var heights = scan.Values.ToArray();
        var measured = FillDropouts(heights, w, h, step);
        var radiance = Shade(heights, measured, w, h, step, options);

        using var shaded = Mat.FromPixelData(h, w, MatType.CV_32FC1, radiance);
        var scale = step / options.PixelSizeUm;
        var width = Math.Max(1, (int)Math.Round(w * scale));
        var height = Math.Max(1, (int)Math.Round(h * scale));
        using var photo = new Mat();
        // A camera pixel integrates the radiance over its area; finer pixels than the scan's are interpolated.
        Cv2.Resize(shaded, photo, new Size(width, height), 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        if (options.BlurPx > 0)
        {
            Cv2.GaussianBlur(photo, photo, new Size(0, 0), options.BlurPx, options.BlurPx, BorderTypes.Reflect101);
        }

        var values = new float[width * height];
        photo.GetArray(out float[] copied);
        copied.CopyTo(values, 0);
        Expose(values, width, height, options, noiseSeed);
        using var recorded = Mat.FromPixelData(height, width, MatType.CV_32FC1, values);
        var result = new Mat();
        recorded.ConvertTo(result, options.BitDepth == 16 ? MatType.CV_16UC1 : MatType.CV_8UC1, options.BitDepth == 16 ? ushort.MaxValue : byte.MaxValue);
        return result;
    }

    /// <summary>Fills small gaps by normalised Gaussian interpolation; returns which points hold a surface afterwards.</summary>
    private static bool[] FillDropouts(float[] heights, int w, int h, double step)
    {
        var valid = new float[heights.Length];
        var weighted = new float[heights.Length];
        for (var i = 0; i < heights.Length; i++)
        {
            var ok = float.IsFinite(heights[i]);
            valid[i] = ok ? 1 : 0;
            weighted[i] = ok ? heights[i] : 0;
        }

        using var mask = new Mat(h, w, MatType.CV_8UC1);
        var bytes = mask.AsSpan<byte>();
        for (var i = 0; i < valid.Length; i++)
        {
            bytes[i] = valid[i] > 0 ? (byte)0 : (byte)255;
        }

        // The gaps too big to be dropouts stay dark: their connected components, by area.
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var large = new bool[count];
        var maxPoints = MaxFilledGapUm2 / (step * step);
        for (var c = 1; c < count; c++)
        {
            large[c] = stats.At<int>(c, (int)ConnectedComponentsTypes.Area) > maxPoints;
        }

        var sigma = Math.Max(2, Math.Sqrt(maxPoints) / 3);
        FloatImage.GaussianBlur(valid, w, h, sigma);
        FloatImage.GaussianBlur(weighted, w, h, sigma);
        var measured = new bool[heights.Length];
        var label = labels.AsSpan<int>();
        for (var i = 0; i < heights.Length; i++)
        {
            if (float.IsFinite(heights[i]))
            {
                measured[i] = true;
            }
            else if (!large[label[i]] && valid[i] > 1e-3f)
            {
                heights[i] = weighted[i] / valid[i];
                measured[i] = true;
            }
        }

        return measured;
    }

    /// <summary>Radiance at every point of the scan's grid (dark where nothing was measured).</summary>
    private static float[] Shade(float[] heights, bool[] measured, int w, int h, double step, PhotographOptions options)
    {
        var lamps = Lamps(options);
        var radiance = new float[heights.Length];
        var specular = 1 - options.Diffuse;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (!measured[i])
                {
                    radiance[i] = Dark;
                    continue;
                }

                // Central differences where both neighbours hold a surface, one-sided at an edge.
                var gx = Slope(heights, measured, i, x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, step);
                var gy = Slope(heights, measured, i, y > 0 ? i - w : -1, y + 1 < h ? i + w : -1, step);
                var norm = 1 / Math.Sqrt((gx * gx) + (gy * gy) + 1);
                var (nx, ny, nz) = (-gx * norm, -gy * norm, norm);
                double sum = 0;
                foreach (var (weight, lx, ly, lz, hx, hy, hz) in lamps)
                {
                    var lit = (nx * lx) + (ny * ly) + (nz * lz);
                    if (lit <= 0)
                    {
                        continue;
                    }

                    var half = Math.Max(0, (nx * hx) + (ny * hy) + (nz * hz));
                    sum += weight * ((options.Diffuse * lit) + (specular * Math.Pow(half, options.Shininess)));
                }

                radiance[i] = (float)(sum / lamps.Length);
            }
        }

        return radiance;
    }

    private static double Slope(float[] heights, bool[] measured, int i, int before, int after, double step)
    {
        var hasBefore = before >= 0 && measured[before];
        var hasAfter = after >= 0 && measured[after];
        return (hasBefore, hasAfter) switch
        {
            (true, true) => (heights[after] - heights[before]) / (2 * step),
            (false, true) => (heights[after] - heights[i]) / step,
            (true, false) => (heights[i] - heights[before]) / step,
            _ => 0,
        };
    }

    /// <summary>Each lamp's brightness, the direction towards it and the half-way vector between it and the camera (straight above).</summary>
    private static (double Weight, double Lx, double Ly, double Lz, double Hx, double Hy, double Hz)[] Lamps(PhotographOptions options)
    {
        var elevation = options.ElevationDeg * Math.PI / 180;
        var brightest = options.AzimuthDeg * Math.PI / 180;
        var azimuths = options.Lighting == ImageLighting.Side
            ? [brightest]
            : Enumerable.Range(0, RingLamps).Select(k => 2 * Math.PI * k / RingLamps).ToArray();
        return [.. azimuths.Select(a =>
        {
            var weight = options.Lighting == ImageLighting.Side ? 1 : 1 + (options.RingUnevenness * Math.Cos(a - brightest));
            var (lx, ly, lz) = (Math.Cos(elevation) * Math.Cos(a), Math.Cos(elevation) * Math.Sin(a), Math.Sin(elevation));
            var (hx, hy, hz) = (lx, ly, lz + 1);
            var length = Math.Sqrt((hx * hx) + (hy * hy) + (hz * hz));
            return (weight, lx, ly, lz, hx / length, hy / length, hz / length);
        })];
    }

    /// <summary>Vignetting, exposure, gamma and noise, clipped to the sensor's range.</summary>
    private static void Expose(float[] values, int w, int h, PhotographOptions options, int noiseSeed)
    {
        // Scaled so the median of the lit surface sits at mid-grey before the exposure's gain.
        var lit = values.Where(v => v > Dark).ToArray();
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
                var v = Math.Clamp(values[i] * gain * falloff, 0, 1);
                values[i] = (float)Math.Clamp(Math.Pow(v, 1 / options.Gamma) + noise[i], 0, 1);
            }
        }
    }
}
