using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Preprocessing;

namespace Ballistics.Engine.Tests.FiringPin;

[TestFixture]
public sealed class TipRingsTests
{
    private const double StepUm = 5;
    private const int Side = 161;
    private const double RadiusUm = 350;

    /// <summary>A band-passed floor: turning marks of <paramref name="pitchUm"/> about a centre (µm from the grid's middle), grain and NaN outside the crater.</summary>
    private static HeightGrid Floor(double pitchUm, double phase, double ringWeight, (double X, double Y) centreUm, int seed)
    {
        var rng = new Random(seed);
        var z = new float[Side * Side];
        var middle = (Side - 1) / 2.0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var dx = ((x - middle) * StepUm) - centreUm.X;
                var dy = ((y - middle) * StepUm) - centreUm.Y;
                var r = Math.Sqrt((dx * dx) + (dy * dy));
                var grain = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                z[(y * Side) + x] = r < RadiusUm ? (float)((ringWeight * Math.Sin((2 * Math.PI * r / pitchUm) + phase)) + grain) : float.NaN;
            }
        }

        return new HeightGrid(z, Side, Side, StepUm);
    }

    private static TipRings Measure(HeightGrid grid) =>
        TipRings.Measure(grid, (Side - 1) / 2.0, (Side - 1) / 2.0, RadiusUm, 15) ?? throw new AssertionException("no rings measured");

    [Test]
    public void Measure_RingsOffTheGivenAxis_FindsTheirCentre()
    {
        var rings = Measure(Floor(25, 0, 1, (6, -4), seed: 1));

        Assert.That(rings.CentreShiftUm, Is.EqualTo(Math.Sqrt(52)).Within(2.0));
        Assert.That(rings.Strength, Is.GreaterThan(0.2));
    }

    [Test]
    public void Measure_GrainWithoutTurningMarks_StrengthNearZero()
    {
        var rings = Measure(Floor(25, 0, 0, (0, 0), seed: 2));

        Assert.That(rings.Strength, Is.LessThan(0.03));
    }

    [Test]
    public void Correlate_SameTipOtherGrainAndCentre_CorrelatesHighly()
    {
        var a = Measure(Floor(25, 0.7, 0.6, (0, 0), seed: 3));
        var b = Measure(Floor(25, 0.7, 0.6, (-7, 5), seed: 4));

        Assert.That(TipRings.Correlate(a, b, 0, 24), Is.GreaterThan(0.8));
    }

    [Test]
    public void Correlate_AnotherTipsPitch_DoesNotCorrelate()
    {
        var a = Measure(Floor(25, 0.7, 0.6, (0, 0), seed: 5));
        var b = Measure(Floor(33, 2.1, 0.6, (0, 0), seed: 6));

        Assert.That(TipRings.Correlate(a, b, 0, 24), Is.LessThan(0.3));
    }

    [Test]
    public void Measure_FloorTooSmall_ReturnsNull()
    {
        Assert.That(TipRings.Measure(Floor(25, 0, 1, (0, 0), seed: 7), (Side - 1) / 2.0, (Side - 1) / 2.0, 15, 15), Is.Null);
    }
}
