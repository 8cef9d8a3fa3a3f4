using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class FiringPinHaloTests
{
    /// <summary>Seeded noise of RMS about 0.1 µm, NaN inside the pin, and optionally a ring of RMS about 2 µm just outside it.</summary>
    private static HeightGrid Scan(int ringOuter)
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
                var amplitude = r < ringOuter ? 2.0 : 0.1;
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
