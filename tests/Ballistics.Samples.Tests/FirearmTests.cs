namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class FirearmTests
{
    private const int Seed = 77;

    [Test]
    public void Create_SameSeedAndNumber_GivesTheSameBreechFace()
    {
        var first = Firearm.Create(Seed, 4, Difficulty.Easy);
        var again = Firearm.Create(Seed, 4, Difficulty.Easy);

        Assert.Multiple(() =>
        {
            Assert.That(again.BreechFace().ValuesBitEqual(first.BreechFace()), Is.True);
            Assert.That(again.MakeModel, Is.EqualTo(first.MakeModel));
            Assert.That(again.Id, Is.EqualTo("F0004"));
        });
    }

    [Test]
    public void Create_GroupMates_ShareMarksThatOtherFirearmsDoNot()
    {
        // Firearms 1 and 2 are always in the first group; find the first firearm of another group of the same make if any.
        var one = Firearm.Create(Seed, 1, Difficulty.Hard);
        var mate = Firearm.Create(Seed, 2, Difficulty.Hard);
        var stranger = Enumerable.Range(3, 30).Select(n => Firearm.Create(Seed, n, Difficulty.Hard)).First(f => f.GroupNumber != one.GroupNumber);

        var withMate = BreechFaceCorrelation(one, mate);
        var withStranger = BreechFaceCorrelation(one, stranger);

        TestContext.Out.WriteLine($"group mate {withMate:F3}, other group ({stranger.MakeModel.Name}) {withStranger:F3}");
        Assert.Multiple(() =>
        {
            Assert.That(mate.GroupNumber, Is.EqualTo(one.GroupNumber));
            Assert.That(withMate, Is.InRange(0.3, 0.8), "subclass marks are shared, individual marks are not");
            Assert.That(Math.Abs(withStranger), Is.LessThan(0.25));
        });
    }

    [Test]
    public void Create_EasyFirearmsOfOneGroup_AreMostlyIndividual()
    {
        var correlation = BreechFaceCorrelation(Firearm.Create(Seed, 1, Difficulty.Easy), Firearm.Create(Seed, 2, Difficulty.Easy));

        Assert.That(correlation, Is.InRange(0.0, 0.25));
    }

    [Test]
    public void BreechFace_HasRealisticRoughnessAndGrid()
    {
        var surface = Firearm.Create(Seed, 5, Difficulty.Easy).BreechFace();
        var statistics = surface.Statistics();

        Assert.Multiple(() =>
        {
            Assert.That(statistics.RootMeanSquareDeviation, Is.InRange(0.5, 2.5));
            Assert.That(statistics.ValidFraction, Is.EqualTo(1.0));
            Assert.That(surface.WidthUm, Is.GreaterThan(2 * 2_300.0), "covers the primer even when it sits off centre");
            Assert.That(surface.LateralStepXUm, Is.LessThan(6.0), "finer than any scan");
        });
    }

    [Test]
    public void Create_BadArguments_AreRejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Firearm.Create(Seed, 0, Difficulty.Easy), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Firearm.Create(Seed, 1, (Difficulty)5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    private static double BreechFaceCorrelation(Firearm a, Firearm b)
    {
        var x = a.BreechFace();
        var y = b.BreechFace();
        var centre = x.Width / 2;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long n = 0;
        for (var j = 0; j < x.Height; j++)
        {
            for (var i = 0; i < x.Width; i++)
            {
                var r = Math.Sqrt(((i - centre) * (i - centre)) + ((j - centre) * (j - centre))) * x.LateralStepXUm;
                if (r is < 1_000 or > 2_100)
                {
                    continue;
                }

                double u = x[i, j];
                double v = y[i, j];
                sx += u;
                sy += v;
                sxx += u * u;
                syy += v * v;
                sxy += u * v;
                n++;
            }
        }

        return ((sxy / n) - (sx / n * (sy / n))) / Math.Sqrt(((sxx / n) - (sx / n * (sx / n))) * ((syy / n) - (sy / n * (sy / n))));
    }
}
