using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class AxisymmetricFormTests
{
    private const int Size = 301;
    private const double Centre = 150;
    private const double StepUm = 10;

    /// <summary>Marks that vary round any ring about the centre (crossed waves 90 and 130 µm long, RMS 0.5 µm).</summary>
    private static double Marks(int x, int y) => Math.Sin(2 * Math.PI * x * StepUm / 90) * Math.Cos(2 * Math.PI * y * StepUm / 130);

    /// <summary>A primer's dome and the roll-over towards its edge: flat to 1,100 µm, then down 60 µm by 1,450 µm.</summary>
    private static double Dome(double rUm, bool withRollOver) =>
        (8 * Math.Exp(-(rUm / 700) * (rUm / 700))) - (withRollOver && rUm > 1_100 ? 60 * Math.Pow((rUm - 1_100) / 350, 2) : 0);

    /// <summary>An annulus 500–1,450 µm about the centre: dome plus marks; NaN elsewhere.</summary>
    private static HeightGrid Annulus(double centreX = Centre, double centreY = Centre, bool withRollOver = true)
    {
        var values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var rUm = Math.Sqrt(((x - centreX) * (x - centreX)) + ((y - centreY) * (y - centreY))) * StepUm;
                values[(y * Size) + x] = rUm is >= 500 and <= 1_450 ? (float)(Dome(rUm, withRollOver) + Marks(x, y)) : float.NaN;
            }
        }

        return new HeightGrid(values, Size, Size, StepUm);
    }

    private static double CorrelationWithMarks(HeightGrid grid)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        var n = 0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var a = grid.Values[(y * Size) + x];
                if (!float.IsFinite(a))
                {
                    continue;
                }

                var b = Marks(x, y);
                sa += a;
                sb += b;
                saa += a * (double)a;
                sbb += b * b;
                sab += a * b;
                n++;
            }
        }

        return ((n * sab) - (sa * sb)) / Math.Sqrt(((n * saa) - (sa * sa)) * ((n * sbb) - (sb * sb)));
    }

    [Test]
    public void Remove_DomeAndRollOverUnderMarks_FormGoneMarksKept()
    {
        var grid = Annulus();
        var before = CorrelationWithMarks(grid);

        var rms = AxisymmetricForm.Remove(grid, Centre, Centre, smoothingUm: 50);

        Assert.That(before, Is.LessThan(0.1), "the form hides the marks before");
        Assert.That(CorrelationWithMarks(grid), Is.GreaterThan(0.98), "only the marks are left");
        Assert.That(rms, Is.GreaterThan(5), "the form taken off is reported");
    }

    [Test]
    public void Remove_DomeAboutACentreOneStepOff_StillTakenOff()
    {
        // The primer's centre is found on a 20 µm grid: a step of the 10 µm grid off. A dome without the roll-over, whose
        // slope stays under 0.02: off-centre, the roll-over's slope of 0.3 would leave a tilt of 3 µm across the region.
        var grid = Annulus(Centre + 1, Centre, withRollOver: false);

        AxisymmetricForm.Remove(grid, Centre, Centre, smoothingUm: 50);

        Assert.That(CorrelationWithMarks(grid), Is.GreaterThan(0.95));
    }

    [Test]
    public void Remove_MarksAlone_LeftAsTheyWere()
    {
        var values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                values[(y * Size) + x] = (float)Marks(x, y);
            }
        }

        var grid = new HeightGrid(values, Size, Size, StepUm);
        var rms = AxisymmetricForm.Remove(grid, Centre, Centre, smoothingUm: 50);

        Assert.That(rms, Is.LessThan(0.05), "marks that vary round the rings have no ring mean to speak of");
        Assert.That(CorrelationWithMarks(grid), Is.GreaterThan(0.995));
    }
}
