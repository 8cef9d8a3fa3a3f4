using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class GaussianBandPassTests
{
    private const int Size = 301;
    private const double StepUm = 10;

    [Test]
    public void Apply_PlaneAndLongWave_Removed_MidWave_Kept()
    {
        // 2 µm/mm plane + 5 µm at 3 mm wavelength (form) + 1 µm at 100 µm wavelength (marks).
        var grid = Grid((x, y) => (0.002 * x) + (5 * Math.Sin(2 * Math.PI * x / 3000)) + Math.Sin(2 * Math.PI * y / 100));

        GaussianBandPass.Apply(grid, new BandPassOptions { ShortCutoffUm = 20, LongCutoffUm = 600 });

        // Away from the borders each wave keeps the two Gaussians' known transfer: the 100 µm wave nearly all, the
        // 3 mm wave 2.7 %, the plane nothing.
        var expected = Transfer(100, 600, 20);
        var form = 5 * Transfer(3000, 600, 20);
        var worst = 0.0;
        for (var y = 80; y < Size - 80; y++)
        {
            for (var x = 80; x < Size - 80; x++)
            {
                worst = Math.Max(worst, Math.Abs(grid.Values[(y * Size) + x] - (expected * Math.Sin(2 * Math.PI * y * StepUm / 100)) - (form * Math.Sin(2 * Math.PI * x * StepUm / 3000))));
            }
        }

        Assert.That(worst, Is.LessThan(0.05));
    }

    [Test]
    public void Apply_NaNHole_DoesNotDragNeighbours()
    {
        var grid = Grid((_, _) => 3.0);
        for (var y = 140; y < 160; y++)
        {
            for (var x = 140; x < 160; x++)
            {
                grid.Values[(y * Size) + x] = float.NaN;
            }
        }

        GaussianBandPass.Apply(grid, new BandPassOptions { ShortCutoffUm = 20, LongCutoffUm = 600 });

        Assert.That(grid.Values[(139 * Size) + 150], Is.EqualTo(0).Within(1e-4), "a constant surface band-passes to zero even beside a hole");
        Assert.That(float.IsNaN(grid.Values[(150 * Size) + 150]), Is.True, "the hole stays invalid");
    }

    [Test]
    public void SigmaUm_FollowsIsoWeighting()
    {
        // ISO 16610-21: σ = α·λc/√(2π) with α = √(ln 2 / π); 0.1874·λc.
        Assert.That(GaussianBandPass.SigmaUm(250), Is.EqualTo(0.18736 * 250).Within(0.01));
    }

    private static double Transfer(double wavelength, double longCutoff, double shortCutoff)
    {
        var alpha = Math.Sqrt(Math.Log(2) / Math.PI);
        double Gauss(double cutoff) => Math.Exp(-Math.PI * Math.Pow(alpha * cutoff / wavelength, 2));
        return (1 - Gauss(longCutoff)) * Gauss(shortCutoff);
    }

    private static HeightGrid Grid(Func<double, double, double> heightUm)
    {
        var values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                values[(y * Size) + x] = (float)heightUm(x * StepUm, y * StepUm);
            }
        }

        return new HeightGrid(values, Size, Size, StepUm);
    }
}
