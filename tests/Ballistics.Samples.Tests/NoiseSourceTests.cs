namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class NoiseSourceTests
{
    [Test]
    public void FillNormal_HasZeroMeanAndTheRequestedSpread()
    {
        var values = new float[200_000];
        new NoiseSource(9).FillNormal(values, 2.0);

        var mean = values.Average(v => (double)v);
        var sigma = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(0).Within(0.02));
            Assert.That(sigma, Is.EqualTo(2.0).Within(0.02));
            Assert.That(values.Max(), Is.LessThanOrEqualTo(2.0 * 3.47f));
            Assert.That(values.Count(v => Math.Abs(v) > 2 * 2.0) / (double)values.Length, Is.EqualTo(0.0455).Within(0.006), "two-sigma tail close to normal");
        });
    }

    [Test]
    public void FillNormal_SameSeed_GivesTheSameField()
    {
        var a = new float[1_000];
        var b = new float[1_000];
        new NoiseSource(3).FillNormal(a, 1);
        new NoiseSource(3).FillNormal(b, 1);

        Assert.That(b, Is.EqualTo(a));
    }
}
