using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.X3p;
using Ballistics.Testing;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Comparison;

/// <summary>Known-answer inputs for the comparison tests: real scans and exactly transformed copies of them.</summary>
internal static class TestSurfaces
{
    /// <summary>Smooth random relief with holes: a scan-like image, NaN where invalid.</summary>
    public static float[] Relief(int width, int height, int seed, double holeFraction, double sigma = 1.5)
    {
        var rng = new Random(seed);
        var noise = new float[width * height];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        using var source = Mat.FromPixelData(height, width, MatType.CV_32FC1, noise);
        using var smooth = new Mat();
        Cv2.GaussianBlur(source, smooth, new Size(0, 0), sigma);
        var values = smooth.AsSpan<float>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (rng.NextDouble() < holeFraction)
            {
                values[i] = float.NaN;
            }
        }

        return values;
    }

    public static Surface Shared(string name) => X3pReader.Read(SharedData.X3p(name)).Value!;

    /// <summary>
    /// B such that point p of <paramref name="a"/> (µm from its centre) appears at q = R(−θ)(p − t) in B, B being
    /// <paramref name="width"/>×<paramref name="height"/> at A's step; bilinear, NaN outside A.
    /// </summary>
    public static float[] Transformed(Surface a, double rotationDeg, double dxUm, double dyUm, int width, int height)
    {
        var step = a.LateralStepXUm;
        var (sin, cos) = Math.SinCos(rotationDeg * Math.PI / 180);
        // Source pixel of destination q: p = R(θ)(q − cB) + cA + t/step, with R(θ) = [[cos, sin], [−sin, cos]].
        var cbx = (width - 1) / 2.0;
        var cby = (height - 1) / 2.0;
        var cax = (a.Width - 1) / 2.0;
        var cay = (a.Height - 1) / 2.0;
        using var map = new Mat(2, 3, MatType.CV_64FC1);
        map.Set(0, 0, cos);
        map.Set(0, 1, sin);
        map.Set(0, 2, cax + (dxUm / step) - ((cos * cbx) + (sin * cby)));
        map.Set(1, 0, -sin);
        map.Set(1, 1, cos);
        map.Set(1, 2, cay + (dyUm / step) - ((-sin * cbx) + (cos * cby)));
        var source = a.Values.ToArray();
        using var src = Mat.FromPixelData(a.Height, a.Width, MatType.CV_32FC1, source);
        using var dst = new Mat();
        Cv2.WarpAffine(src, dst, map, new Size(width, height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(float.NaN));
        return dst.AsSpan<float>().ToArray();
    }

    public static Surface ToSurface(float[] values, int width, int height, double stepUm) => new(width, height, stepUm, stepUm, values);
}
