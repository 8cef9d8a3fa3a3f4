using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Tests.Preprocessing;

[TestFixture]
public sealed class SelectionTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(1001)]
    public void Select_RandomWithDuplicates_EqualsSortedRank(int count)
    {
        var rng = new Random(17);
        var values = Enumerable.Range(0, count).Select(_ => (float)rng.Next(0, 50)).ToArray();
        var sorted = values.Order().ToArray();

        foreach (var k in new[] { 0, count / 4, count / 2, count - 1 })
        {
            Assert.That(Selection.Select(values.ToArray(), k), Is.EqualTo(sorted[k]), $"rank {k}");
        }
    }

    [Test]
    public void Quantile_IgnoresNaN_AndMatchesSort()
    {
        float[] values = [5, float.NaN, 1, 4, float.NaN, 2, 3];

        Assert.That(Selection.Quantile(values, 0), Is.EqualTo(1f));
        Assert.That(Selection.Quantile(values, 0.5), Is.EqualTo(3f));
        Assert.That(Selection.Quantile(values, 1), Is.EqualTo(5f));
        Assert.That(float.IsNaN(Selection.Quantile([float.NaN], 0.5)), Is.True);
    }
}
