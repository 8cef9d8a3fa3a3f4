using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class OutlierFilterTests
{
    [Test]
    public void Apply_Spikes_RemovedAndRoughnessKept()
    {
        var rng = new Random(3);
        const int size = 101;
        var values = new float[size * size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(rng.NextDouble() - 0.5);
        }

        int[] spikes = [505, 2020, 7777];
        foreach (var s in spikes)
        {
            values[s] = 50;
        }

        var grid = new HeightGrid(values, size, size, 10);

        var removed = OutlierFilter.Apply(grid, new OutlierOptions());

        Assert.That(spikes.Select(s => float.IsNaN(grid.Values[s])), Has.All.True);
        Assert.That(removed, Is.LessThan(30), "uniform roughness is not an outlier");
    }
}
