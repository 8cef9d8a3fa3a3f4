using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class FiringPinHaloTests
{
    /// <summary>Seeded noise of RMS about 0.1 µm, NaN inside the pin, and optionally a ring of RMS about 2 µm just outside it.</summary>
    private static HeightGrid Scan(int ringOuter) => Scan(ringOuter, (_, _) => false);

    /// <summary>As <see cref="Scan(int)"/>, with RMS about 2 µm also wherever <paramref name="strong"/> says (radius, angle in degrees).</summary>
    private static HeightGrid Scan(int ringOuter, Func<double, double, bool> strong)
    {
        const int Size = 201;
        const double Centre = 100;
        const double Pin = 20;
        var rng = new Random(17);
        var values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var r = Math.Sqrt(((x - Centre) * (x - Centre)) + ((y - Centre) * (y - Centre)));
                var angleDeg = Math.Atan2(y - Centre, x - Centre) * 180 / Math.PI;
                var amplitude = r < ringOuter || strong(r, angleDeg) ? 2.0 : 0.1;
                values[(y * Size) + x] = r < Pin ? float.NaN : (float)(amplitude * Math.Sqrt(3) * ((2 * rng.NextDouble()) - 1));
            }
        }

        return new HeightGrid(values, Size, Size, 10);
    }

    [Test]
    public void Trim_RingAroundThePin_RemovedUpToWhereItEnds()
    {
        var grid = Scan(ringOuter: 35);
        var notes = new List<string>();

        var radius = FiringPinHalo.Trim(grid, 100, 100, 20, PreprocessOptions.Default.Region, notes);

        Assert.That(radius, Is.EqualTo(35).Within(2));
        Assert.That(float.IsNaN(grid.Values[(100 * 201) + 100 + 33]), Is.True, "inside the ring");
        Assert.That(float.IsFinite(grid.Values[(100 * 201) + 100 + 40]), Is.True, "beyond the ring");
        Assert.That(notes, Has.One.Contains("halo trimmed"));
    }

    [Test]
    public void Trim_AperturesRimBeyondASettledStretch_RemovedUpToWhereTheRimEnds()
    {
        // The crater's ring to 35, breech-face level 35–50, then the aperture's rim all round at 50–58.
        var grid = Scan(ringOuter: 35, (r, _) => r is >= 50 and < 58);
        var notes = new List<string>();

        var radius = FiringPinHalo.Trim(grid, 100, 100, 20, PreprocessOptions.Default.Region, notes);

        Assert.That(radius, Is.EqualTo(58).Within(2));
        Assert.That(float.IsNaN(grid.Values[(100 * 201) + 100 + 54]), Is.True, "inside the rim");
        Assert.That(float.IsFinite(grid.Values[(100 * 201) + 100 + 62]), Is.True, "beyond the rim");
        Assert.That(notes, Has.One.Contains("aperture's rim"));
    }

    [Test]
    public void Trim_StrongMarksInAFewDirectionsBeyondTheCrater_KeptAsBreechFace()
    {
        // Deep marks at 50–58 in two 40° sectors only: breech-face marks, not a rim.
        var grid = Scan(ringOuter: 35, (r, angleDeg) => r is >= 50 and < 58 && (Math.Abs(angleDeg) < 20 || Math.Abs(angleDeg - 90) < 20));
        var notes = new List<string>();

        var radius = FiringPinHalo.Trim(grid, 100, 100, 20, PreprocessOptions.Default.Region, notes);

        Assert.That(radius, Is.EqualTo(35).Within(2));
        Assert.That(float.IsFinite(grid.Values[(100 * 201) + 100 + 54]), Is.True, "the marks are kept");
        Assert.That(notes, Has.None.Contains("aperture's rim"));
    }

    [Test]
    public void Trim_NoRing_LeavesTheScanAlone()
    {
        var grid = Scan(ringOuter: 0);
        var before = grid.Values.ToArray();
        var notes = new List<string>();

        var radius = FiringPinHalo.Trim(grid, 100, 100, 20, PreprocessOptions.Default.Region, notes);

        Assert.That(radius, Is.EqualTo(20));
        Assert.That(grid.Values, Is.EqualTo(before));
        Assert.That(notes, Is.Empty);
    }

    [Test]
    public void Trim_UnknownPin_NothingToDo()
    {
        var grid = Scan(ringOuter: 35);
        var before = grid.Values.ToArray();

        var radius = FiringPinHalo.Trim(grid, 100, 100, 0, PreprocessOptions.Default.Region, []);

        Assert.That(radius, Is.Zero);
        Assert.That(grid.Values, Is.EqualTo(before));
    }
}
