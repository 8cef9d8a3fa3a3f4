using Ballistics.Engine.Preprocessing;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Preprocessing;

/// <summary>The light's direction read from the crater, and shading integrated along it back to relief.</summary>
[TestFixture]
public sealed class ShadingIntegrationTests
{
    private const int Size = 160;

    /// <summary>A smooth random relief (Gaussian-blurred noise), one unit of spread.</summary>
    private static float[] Relief(int seed)
    {
        var values = new float[Size * Size];
        Samples.RandomExtensions.FillGaussian(new Random(seed), values, 1);
        using (var mat = Mat.FromPixelData(Size, Size, MatType.CV_32FC1, values))
        {
            Cv2.GaussianBlur(mat, mat, new Size(0, 0), 3, 3, BorderTypes.Reflect101);
        }

        var spread = Math.Sqrt(values.Average(v => v * v));
        return [.. values.Select(v => (float)(v / spread))];
    }

    /// <summary>Lambertian shading to first order: minus the slope along the lamp's direction (central differences).</summary>
    private static float[] Shading(float[] relief, double lampDeg)
    {
        var (lx, ly) = (Math.Cos(lampDeg * Math.PI / 180), Math.Sin(lampDeg * Math.PI / 180));
        var shading = new float[relief.Length];
        for (var y = 1; y < Size - 1; y++)
        {
            for (var x = 1; x < Size - 1; x++)
            {
                var i = (y * Size) + x;
                var gx = (relief[i + 1] - relief[i - 1]) / 2;
                var gy = (relief[i + Size] - relief[i - Size]) / 2;
                shading[i] = (float)-((lx * gx) + (ly * gy));
            }
        }

        return shading;
    }

    private static double Pearson(float[] a, float[] b, int margin)
    {
        var pairs = Enumerable.Range(margin, Size - (2 * margin)).SelectMany(y => Enumerable.Range(margin, Size - (2 * margin)).Select(x => (y * Size) + x)).ToArray();
        var (ma, mb) = (pairs.Average(i => a[i]), pairs.Average(i => b[i]));
        var cov = pairs.Sum(i => (a[i] - ma) * (b[i] - mb));
        return cov / Math.Sqrt(pairs.Sum(i => (a[i] - ma) * (a[i] - ma)) * pairs.Sum(i => (b[i] - mb) * (b[i] - mb)));
    }

    [TestCase(0)]
    [TestCase(70)]
    [TestCase(-135)]
    public void AlongLamp_ShadingOfARelief_GivesTheReliefBack(double lampDeg)
    {
        var relief = Relief(seed: 5);
        var grid = new HeightGrid(Shading(relief, lampDeg), Size, Size, 5);

        ShadingIntegration.AlongLamp(grid, lampDeg * Math.PI / 180);

        Assert.That(Pearson(grid.Values, relief, margin: 10), Is.GreaterThan(0.8));
    }

    [Test]
    public void AlongLamp_OneReliefLitFromOppositeSides_AgreesWhereTheShadingsDisagree()
    {
        var relief = Relief(seed: 6);
        var east = Shading(relief, 10);
        var west = Shading(relief, 190);
        var eastGrid = new HeightGrid((float[])east.Clone(), Size, Size, 5);
        var westGrid = new HeightGrid((float[])west.Clone(), Size, Size, 5);

        ShadingIntegration.AlongLamp(eastGrid, 10 * Math.PI / 180);
        ShadingIntegration.AlongLamp(westGrid, 190 * Math.PI / 180);

        Assert.That(Pearson(east, west, margin: 10), Is.LessThan(-0.9), "the shadings are each other's negative");
        Assert.That(Pearson(eastGrid.Values, westGrid.Values, margin: 10), Is.GreaterThan(0.9));
    }

    [Test]
    public void AlongLamp_Gaps_StayGaps()
    {
        var shading = Shading(Relief(seed: 7), 40);
        shading[(50 * Size) + 60] = float.NaN;
        var grid = new HeightGrid(shading, Size, Size, 5);

        ShadingIntegration.AlongLamp(grid, 40 * Math.PI / 180);

        Assert.That(float.IsNaN(grid.Values[(50 * Size) + 60]), Is.True);
        Assert.That(grid.Values.Count(float.IsNaN), Is.EqualTo(1));
    }

    [TestCase(0)]
    [TestCase(60)]
    [TestCase(-35)]
    public void AxisFromTexture_ShadingOfAnIsotropicRelief_TheLampsAxis(double lampDeg)
    {
        var grid = new HeightGrid(Shading(Relief(seed: 8), lampDeg), Size, Size, 5);

        var (axisRad, anisotropy) = ShadingIntegration.AxisFromTexture(grid, new BandPassOptions { ShortCutoffUm = 10, LongCutoffUm = 300 });

        Assert.That(Math.IEEERemainder((axisRad * 180 / Math.PI) - lampDeg, 180), Is.EqualTo(0).Within(10));
        Assert.That(anisotropy, Is.GreaterThan(0.3), "a first derivative's gradient varies three times as much along it as across");
    }

    [Test]
    public void AxisFromTexture_ReliefItself_NoAxis()
    {
        var grid = new HeightGrid(Relief(seed: 8), Size, Size, 5);

        var (_, anisotropy) = ShadingIntegration.AxisFromTexture(grid, new BandPassOptions { ShortCutoffUm = 10, LongCutoffUm = 300 });

        Assert.That(anisotropy, Is.LessThan(0.15));
    }

    [TestCase(0, 90)]
    [TestCase(30, 75)]
    [TestCase(-60, 10)]
    public void Relight_ShadingFromOneSide_TheShadingFromAnother(double fromDeg, double toDeg)
    {
        var relief = Relief(seed: 9);
        var grid = new HeightGrid(Shading(relief, fromDeg), Size, Size, 5);
        var expected = Shading(relief, toDeg);

        ShadingIntegration.Relight(grid, fromDeg * Math.PI / 180, toDeg * Math.PI / 180);

        // Up to its sign (the comparison tries both): what lay across the first light is damped, not lost.
        Assert.That(Math.Abs(Pearson(grid.Values, expected, margin: 10)), Is.GreaterThan(0.6));
        Assert.That(Math.Abs(Pearson(Shading(relief, fromDeg), expected, margin: 10)), Is.LessThan(Math.Abs(Pearson(grid.Values, expected, margin: 10)) - 0.2));
    }

    /// <summary>A crater of radius 30 about (80, 80) whose far wall from the lamp is bright, on a face of one brightness.</summary>
    private static HeightGrid Crater(double? lampDeg)
    {
        var values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var (dx, dy) = (x - 80.0, y - 80.0);
                var r = Math.Sqrt((dx * dx) + (dy * dy));
                var lit = lampDeg is { } lamp && r is > 15 and <= 30
                    ? 0.4 * Math.Cos(Math.Atan2(dy, dx) - ((lamp + 180) * Math.PI / 180))
                    : 0;
                values[(y * Size) + x] = (float)(0.5 * Math.Exp(lit) * (1 + (0.01 * Math.Sin(x * 1.3) * Math.Cos(y * 0.7))));
            }
        }

        return new HeightGrid(values, Size, Size, 5);
    }

    [TestCase(0)]
    [TestCase(110)]
    [TestCase(-60)]
    public void LampFromCrater_FarWallLit_TheLampsDirection(double lampDeg)
    {
        var found = ShadingIntegration.LampFromCrater(Crater(lampDeg), new Point2d(80, 80), 30);

        Assert.That(found, Is.Not.Null);
        Assert.That(Math.IEEERemainder((found!.Value.AzimuthRad * 180 / Math.PI) - lampDeg, 360), Is.EqualTo(0).Within(2));
        Assert.That(found.Value.Clarity, Is.GreaterThan(ShadingIntegration.MinMoment));
    }

    [Test]
    public void LampFromCrater_EvenlyLit_BelowTheClarityTaken()
    {
        var found = ShadingIntegration.LampFromCrater(Crater(lampDeg: null), new Point2d(80, 80), 30);

        Assert.That(found!.Value.Clarity, Is.LessThan(ShadingIntegration.MinMoment));
    }
}
