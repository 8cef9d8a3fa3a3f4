using System.Buffers;
using OpenCvSharp;

namespace Ballistics.Engine.Diagnostics;

/// <summary>
/// Hill shading of a height map (NaN = no data): each point lit by a distant light according to its slope, the way maps and
/// comparison microscopes' oblique light show relief. Slopes are central differences over valid neighbours, one-sided at
/// the data's edge, so a hole never casts a false cliff. OpenCV has no masked gradient, hence these loops.
/// </summary>
internal static class ShadedRelief
{
    /// <summary>Share of the light that reaches every point whatever its slope, so faces turned away stay readable.</summary>
    private const double Ambient = 0.2;

    /// <summary>The median slope (rise over run) of the valid points, NaN when there are none.</summary>
    public static double MedianSlope(ReadOnlySpan<float> heights, int width, int height, double stepUm)
    {
        var buffer = ArrayPool<double>.Shared.Rent(heights.Length);
        try
        {
            var count = 0;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    if (Slope(heights, width, height, x, y, stepUm) is { } s)
                    {
                        buffer[count++] = Math.Sqrt((s.Gx * s.Gx) + (s.Gy * s.Gy));
                    }
                }
            }

            if (count == 0)
            {
                return double.NaN;
            }

            var slopes = buffer.AsSpan(0, count);
            slopes.Sort();
            return slopes[count / 2];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the shaded heights into <paramref name="target"/> (CV_8UC3, the map's size), invalid points in <paramref name="background"/>.</summary>
    public static void Render(ReadOnlySpan<float> heights, int width, int height, double stepUm, double exaggeration, DiagnosticsOptions options, Mat target, Vec3b background)
    {
        var (sinAz, cosAz) = Math.SinCos(options.LightAzimuthDeg * Math.PI / 180);
        var (sinEl, cosEl) = Math.SinCos(options.LightElevationDeg * Math.PI / 180);
        // Image axes: x right, y down; an azimuth of 0 is the top of the image.
        var lx = sinAz * cosEl;
        var ly = -cosAz * cosEl;
        var lz = sinEl;
        var pixels = target.AsSpan<Vec3b>();
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                if (Slope(heights, width, height, x, y, stepUm) is not { } s)
                {
                    row[x] = background;
                    continue;
                }

                var nx = -exaggeration * s.Gx;
                var ny = -exaggeration * s.Gy;
                var lit = Math.Max(0, ((nx * lx) + (ny * ly) + lz) / Math.Sqrt((nx * nx) + (ny * ny) + 1));
                var grey = (byte)Math.Clamp(Math.Round(255 * (Ambient + ((1 - Ambient) * lit))), 0, 255);
                row[x] = new Vec3b(grey, grey, grey);
            }
        }
    }

    /// <summary>The height's slope at a valid point (µm per µm), or null at an invalid one.</summary>
    private static (double Gx, double Gy)? Slope(ReadOnlySpan<float> h, int width, int height, int x, int y, double stepUm)
    {
        var i = (y * width) + x;
        var centre = h[i];
        if (float.IsNaN(centre))
        {
            return null;
        }

        var left = x > 0 ? h[i - 1] : float.NaN;
        var right = x < width - 1 ? h[i + 1] : float.NaN;
        var up = y > 0 ? h[i - width] : float.NaN;
        var down = y < height - 1 ? h[i + width] : float.NaN;
        return (Difference(left, centre, right) / stepUm, Difference(up, centre, down) / stepUm);
    }

    private static double Difference(float before, float centre, float after) =>
        (float.IsNaN(before), float.IsNaN(after)) switch
        {
            (false, false) => 0.5 * (after - before),
            (true, false) => after - centre,
            (false, true) => centre - before,
            _ => 0,
        };
}
