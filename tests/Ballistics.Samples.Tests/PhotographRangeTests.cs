namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class PhotographRangeTests
{
    /// <summary>Each setting's name reaches its own field of the options and no other.</summary>
    [Test]
    public void DrawOnto_EverySetting_SetsItsOwnFieldOnly()
    {
        var usual = PhotographOptions.Draw(new Random(5), Engine.Surfaces.ImageLighting.Ring);
        foreach (var name in PhotographRange.Names)
        {
            var value = name switch { "elevation_deg" => 70.5, "shininess" => 321.0, "pixel_size_um" => 9.5, "exposure" => 2.5, "gamma" => 3.5, _ => 0.035 };

            var drawn = PhotographRange.Parse($"{name}={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}").DrawOnto(usual, new Random(1));

            var changed = Fields(drawn).Zip(Fields(usual)).Where(p => p.First.Value != p.Second.Value).Select(p => p.First).ToList();
            Assert.That(changed, Has.Count.EqualTo(1), name);
            Assert.That(changed[0].Value, Is.EqualTo(value).Within(1e-12), name);
        }

        static (string Name, double Value)[] Fields(PhotographOptions o) =>
        [
            ("elevation", o.ElevationDeg), ("azimuth", o.AzimuthDeg), ("unevenness", o.RingUnevenness), ("diffuse", o.Diffuse), ("shininess", o.Shininess),
            ("pixel", o.PixelSizeUm), ("blur", o.BlurPx), ("exposure", o.Exposure), ("gamma", o.Gamma), ("vignetting", o.Vignetting), ("noise", o.Noise),
        ];
    }

    [Test]
    public void DrawOnto_Range_UniformWithinItsEnds()
    {
        var range = PhotographRange.Parse("elevation_deg = 60..80");
        var rng = new Random(7);
        var options = new PhotographOptions();

        var draws = Enumerable.Range(0, 2000).Select(_ => range.DrawOnto(options, rng).ElevationDeg).ToList();

        Assert.That(range.ToString(), Is.EqualTo("elevation_deg=60..80"));
        Assert.That(draws, Has.All.InRange(60, 80));
        Assert.That(draws.Average(), Is.EqualTo(70).Within(0.5));
        Assert.That(draws.Count(d => d < 65), Is.InRange(400, 600));
    }

    [TestCase("ring_unevenness", "'ring_unevenness': write NAME=LOW..HIGH or NAME=VALUE")]
    [TestCase("vignetting=0..1", "vignetting: 0..1 is outside the values it can take, 0..0.95")]
    [TestCase("gamma=1..", "gamma: '' is not a number")]
    [TestCase("gamma=NaN", "gamma: 'NaN' is not a number")]
    public void Parse_Bad_FormatExceptionNamingTheSetting(string assignment, string message)
    {
        Assert.That(() => PhotographRange.Parse(assignment), Throws.TypeOf<FormatException>().With.Message.Contains(message));
    }
}
