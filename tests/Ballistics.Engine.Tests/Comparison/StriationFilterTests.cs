using Ballistics.Engine.Comparison;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class StriationFilterTests
{
    private static double Pearson(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> mask)
    {
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (mask[i] == 0)
            {
                continue;
            }

            n++;
            sa += a[i];
            sb += b[i];
            saa += a[i] * (double)a[i];
            sbb += b[i] * (double)b[i];
            sab += a[i] * (double)b[i];
        }

        return (sab - (sa * sb / n)) / Math.Sqrt((saa - (sa * sa / n)) * (sbb - (sb * sb / n)));
    }

    [Test]
    public void Residual_StriaePlusTexture_KeepsTheTextureDropsTheStriae()
    {
        // Striae 60 µm apart running at 30° over seeded isotropic texture of half their amplitude, at 10 µm.
        const int Size = 160;
        var rng = new Random(8);
        var noise = new float[Size * Size];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)((2 * rng.NextDouble()) - 1);
        }

        using (var source = Mat.FromPixelData(Size, Size, MatType.CV_32FC1, noise))
        {
            Cv2.GaussianBlur(source, source, new Size(0, 0), 1.2);
        }

        var (sin, cos) = Math.SinCos(30 * Math.PI / 180);
        var striae = new float[Size * Size];
        var heights = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var i = (y * Size) + x;
                striae[i] = (float)Math.Sin(2 * Math.PI * ((x * cos) + (y * sin)) * 10 / 60);
                heights[i] = (i % 97 == 0) ? float.NaN : striae[i] + (2.5f * noise[i]);
            }
        }

        using var image = MaskedImage.FromHeights(heights, Size, Size);
        using var residual = StriationFilter.Residual(image, 10);

        var values = residual.Values.AsSpan<float>();
        var mask = residual.Mask.AsSpan<float>();
        TestContext.Out.WriteLine($"striae {Pearson(values, striae, mask):0.000}, texture {Pearson(values, noise, mask):0.000}, input vs striae {Pearson(image.Values.AsSpan<float>(), striae, mask):0.000}");
        Assert.That(Math.Abs(Pearson(values, striae, mask)), Is.LessThan(0.1));
        Assert.That(Pearson(values, noise, mask), Is.GreaterThan(0.8));
        Assert.That(residual.ValidCount, Is.EqualTo(image.ValidCount));
    }
}
