using Ballistics.Engine.Diagnostics;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Diagnostics;

[TestFixture]
public sealed class ShadedReliefTests
{
    private const int Size = 31;
    private const double StepUm = 2;
    private static readonly Vec3b Background = new(1, 2, 3);

    [Test]
    public void Render_SlopeFacingTheLight_BrighterThanSlopeFacingAway()
    {
        // Light from the upper left (315°): a face rising to the right looks left, towards it.
        var facing = Grey(Plane(gx: 0.5, gy: 0), 15, 15);
        var away = Grey(Plane(gx: -0.5, gy: 0), 15, 15);

        Assert.That(facing, Is.GreaterThan(away + 40));
    }

    [Test]
    public void Render_FlatPlaneWithHole_NoFalseCliffAtTheHoleEdge()
    {
        var heights = Plane(gx: 0, gy: 0);
        for (var y = 10; y < 20; y++)
        {
            for (var x = 10; x < 20; x++)
            {
                heights[(y * Size) + x] = float.NaN;
            }
        }

        using var picture = Render(heights);
        var pixels = picture.AsSpan<Vec3b>();
        var greys = new HashSet<byte>();
        for (var i = 0; i < pixels.Length; i++)
        {
            if (float.IsNaN(heights[i]))
            {
                Assert.That(pixels[i], Is.EqualTo(Background), $"point {i} has no data");
            }
            else
            {
                greys.Add(pixels[i].Item0);
            }
        }

        Assert.That(greys, Has.Count.EqualTo(1), "every valid point of a flat plane is lit alike, next to the hole too");
    }

    [Test]
    public void MedianSlope_Plane_IsItsGradient()
    {
        Assert.That(ShadedRelief.MedianSlope(Plane(gx: 0.3, gy: 0.4), Size, Size, StepUm), Is.EqualTo(0.5).Within(1e-6), "float heights");
    }

    [Test]
    public void MedianSlope_NoData_NaN()
    {
        Assert.That(ShadedRelief.MedianSlope(Enumerable.Repeat(float.NaN, Size * Size).ToArray(), Size, Size, StepUm), Is.NaN);
    }

    private static float[] Plane(double gx, double gy)
    {
        var heights = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                heights[(y * Size) + x] = (float)((gx * x * StepUm) + (gy * y * StepUm));
            }
        }

        return heights;
    }

    private static Mat Render(float[] heights)
    {
        var picture = new Mat(Size, Size, MatType.CV_8UC3);
        ShadedRelief.Render(heights, Size, Size, StepUm, exaggeration: 1, DiagnosticsOptions.Default, picture, Background);
        return picture;
    }

    private static int Grey(float[] heights, int x, int y)
    {
        using var picture = Render(heights);
        return picture.At<Vec3b>(y, x).Item0;
    }
}
