using System.Globalization;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Engine.Rendering;

/// <summary>
/// Renders a topography as the light a microscope camera receives from it: each point's radiance under a
/// <see cref="LightingModel"/> seen from straight above, averaged over camera pixels of a given size. Points the scan did
/// not measure are filled from their neighbours when they are dropouts and left dark when they are large (outside a
/// cropped breech face, a crater the instrument could not see into). The generator's photographs add a camera to this
/// (focus, exposure, gamma, noise); a scan compared with a photograph is rendered without one.
/// </summary>
public static class PhotographRendering
{
    /// <summary>What a point that returns no light records: the photograph's black level.</summary>
    public const float DarkRadiance = 0.02f;

    public const string AlgorithmVersion = "render-photo/1.0";

    /// <summary>Directions a ring light is summed over.</summary>
    private const int RingLamps = 24;

    /// <summary>Gaps up to this area (µm²) are dropouts filled from around them; larger ones are dark in the photograph.</summary>
    private const double MaxFilledGapUm2 = 40_000;

    /// <summary>The radiance of <paramref name="scan"/> (a topography) under <paramref name="light"/>, on pixels of <paramref name="pixelSizeUm"/>.</summary>
    /// <returns>A single-channel float image; the caller disposes it.</returns>
    public static Mat Radiance(Surface scan, LightingModel light, double pixelSizeUm)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(light);
        if (scan.Kind != SurfaceKind.Topography)
        {
            throw new ArgumentException("Only a topography (heights) can be rendered as a photograph.", nameof(scan));
        }

        if (!(pixelSizeUm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(pixelSizeUm), pixelSizeUm, "A pixel size is positive.");
        }

        var w = scan.Width;
        var h = scan.Height;
        var step = scan.LateralStepXUm;
        var heights = scan.Values.ToArray();
        var measured = FillDropouts(heights, w, h, step);
        var radiance = Shade(heights, measured, w, h, step, light);

        using var shaded = Mat.FromPixelData(h, w, MatType.CV_32FC1, radiance);
        var scale = step / pixelSizeUm;
        var width = Math.Max(1, (int)Math.Round(w * scale));
        var height = Math.Max(1, (int)Math.Round(h * scale));
        var photo = new Mat();
        // A camera pixel integrates the radiance over its area; finer pixels than the scan's are interpolated.
        Cv2.Resize(shaded, photo, new Size(width, height), 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        return photo;
    }

    /// <summary>
    /// <paramref name="scan"/> as a photograph (a <see cref="SurfaceKind.Intensity2D"/> surface of radiance) under
    /// <paramref name="light"/> at <paramref name="pixelSizeUm"/>: what a topography is compared as against a photograph.
    /// </summary>
    public static Surface AsPhotograph(Surface scan, LightingModel light, double pixelSizeUm)
    {
        using var radiance = Radiance(scan, light, pixelSizeUm);
        radiance.GetArray(out float[] values);
        var lighting = light.Lighting.ToString().ToLowerInvariant();
        return new Surface(radiance.Cols, radiance.Rows, pixelSizeUm, pixelSizeUm, values)
        {
            Kind = SurfaceKind.Intensity2D,
            Metadata = scan.Metadata with
            {
                Lighting = light.Lighting,
                RenderedFrom = $"{AlgorithmVersion} {lighting}",
                Notes = [.. scan.Metadata.Notes, string.Create(CultureInfo.InvariantCulture,
                    $"rendered from the topography as a photograph ({AlgorithmVersion}): {lighting} light at {light.ElevationDeg:0.#}°, {(light.Lighting == ImageLighting.Side ? "from" : "brighter from")} {light.AzimuthDeg:0.#}°, {pixelSizeUm:0.###} µm pixels")],
            },
        };
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
        using (var validMat = Mat.FromPixelData(h, w, MatType.CV_32FC1, valid))
        using (var weightedMat = Mat.FromPixelData(h, w, MatType.CV_32FC1, weighted))
        {
            Cv2.GaussianBlur(validMat, validMat, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101);
            Cv2.GaussianBlur(weightedMat, weightedMat, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101);
        }

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
    private static float[] Shade(float[] heights, bool[] measured, int w, int h, double step, LightingModel light)
    {
        var lamps = Lamps(light);
        var radiance = new float[heights.Length];
        var specular = 1 - light.Diffuse;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (!measured[i])
                {
                    radiance[i] = DarkRadiance;
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
                    sum += weight * ((light.Diffuse * lit) + (specular * Math.Pow(half, light.Shininess)));
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
    private static (double Weight, double Lx, double Ly, double Lz, double Hx, double Hy, double Hz)[] Lamps(LightingModel light)
    {
        var elevation = light.ElevationDeg * Math.PI / 180;
        var brightest = light.AzimuthDeg * Math.PI / 180;
        var side = light.Lighting == ImageLighting.Side;
        var azimuths = side ? [brightest] : Enumerable.Range(0, RingLamps).Select(k => 2 * Math.PI * k / RingLamps).ToArray();
        return [.. azimuths.Select(a =>
        {
            var weight = side ? 1 : 1 + (light.RingUnevenness * Math.Cos(a - brightest));
            var (lx, ly, lz) = (Math.Cos(elevation) * Math.Cos(a), Math.Cos(elevation) * Math.Sin(a), Math.Sin(elevation));
            var (hx, hy, hz) = (lx, ly, lz + 1);
            var length = Math.Sqrt((hx * hx) + (hy * hy) + (hz * hz));
            return (weight, lx, ly, lz, hx / length, hy / length, hz / length);
        })];
    }
}
