namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class FiringPinMarksTests
{
    private const int Seed = 8;

    [Test]
    public void Create_SameFirearm_SameMarks()
    {
        var model = MakeModelCatalogue.Glock17Like;
        var first = FiringPinMarks.Create(Seed, 3, model);
        var again = FiringPinMarks.Create(Seed, 3, model);

        Assert.Multiple(() =>
        {
            Assert.That(Samples(again), Is.EqualTo(Samples(first)));
            Assert.That(again.ShearStriaUm(123.4), Is.EqualTo(first.ShearStriaUm(123.4)));
            Assert.That(again.Shears, Is.EqualTo(first.Shears));
        });
    }

    [Test]
    public void TipUm_TwoFirearmsOfOneProductionGroup_Uncorrelated()
    {
        // Two slides made one after another share subclass marks; their firing pins were made apart from them.
        var numbers = Enumerable.Range(1, 200).Select(n => (Number: n, Slot: ManufacturingPlan.Locate(Seed, n))).ToArray();
        var pair = numbers.SelectMany(a => numbers.Where(b => b.Number > a.Number && b.Slot.GroupNumber == a.Slot.GroupNumber).Select(b => (a, b))).First();
        var first = FiringPinMarks.Create(Seed, pair.a.Number, pair.a.Slot.MakeModel);
        var second = FiringPinMarks.Create(Seed, pair.b.Number, pair.b.Slot.MakeModel);

        var r = Correlation(Samples(first), Samples(second));

        Assert.That(Math.Abs(r), Is.LessThan(0.1));
    }

    [Test]
    public void Create_NoTurning_TipLosesItsRingsButKeepsItsRms()
    {
        var model = MakeModelCatalogue.RugerSr9Like;
        var turned = FiringPinMarks.Create(Seed, 5, model);
        var smooth = FiringPinMarks.Create(Seed, 5, model, turning: 0);

        Assert.That(RingShare(smooth), Is.LessThan(0.5 * RingShare(turned)), "rings about the axis explain less of a tip without turns");
        Assert.That(Math.Sqrt(Samples(smooth).Average(v => v * v)), Is.EqualTo(model.FiringPinTipRmsUm).Within(0.25 * model.FiringPinTipRmsUm));
        Assert.That(smooth.ShearStriaUm(55.5), Is.EqualTo(turned.ShearStriaUm(55.5)), "the stream's later draws are unchanged");
    }

    [Test]
    public void Create_TurningOne_SameMarksAsWithoutTheKnob()
    {
        var model = MakeModelCatalogue.Glock17Like;

        Assert.That(Samples(FiringPinMarks.Create(Seed, 2, model, turning: 1)), Is.EqualTo(Samples(FiringPinMarks.Create(Seed, 2, model))));
    }

    [Test]
    public void TipUm_RmsIsTheMakes()
    {
        var model = MakeModelCatalogue.RugerSr9Like;
        var tip = Samples(FiringPinMarks.Create(Seed, 1, model));

        Assert.That(Math.Sqrt(tip.Average(v => v * v)), Is.EqualTo(model.FiringPinTipRmsUm).Within(0.25 * model.FiringPinTipRmsUm));
    }

    [Test]
    public void At_CraterFloor_CarriesTheTipsTextureNotTheBreechFaces()
    {
        var (model, draw, marks) = Glock();
        var transfer = new PinMarkTransfer(0.8, 0, 0, 0);
        var marked = new FiringPinImpression(model, draw, marks, transfer);
        var bare = new FiringPinImpression(model, draw);
        var (x, y) = (draw.PinOffsetXUm + 120, draw.PinOffsetYUm - 60);

        Assert.That(marked.At(x, y).HeightUm - bare.At(x, y).HeightUm, Is.EqualTo(0.8 * marks.TipUm(120, -60)).Within(1e-9));
    }

    [Test]
    public void At_ShearedFlowback_StriaeOnTheLeadingEdgeOnly()
    {
        var (model, draw, marks) = Glock();
        var sheared = new FiringPinImpression(model, draw, marks, new PinMarkTransfer(1, 1, 1, 0));
        var bare = new FiringPinImpression(model, draw);
        // The Glock's hole is long across X; its barrel unlocks along +Y (DragDirectionDeg 90): the leading edge is at +Y.
        var edge = 0.85 * model.ApertureHalfHeightUm;
        double Difference(double dx, double dy) =>
            Math.Abs(sheared.At(draw.PinOffsetXUm + dx, draw.PinOffsetYUm + dy).HeightUm - bare.At(draw.PinOffsetXUm + dx, draw.PinOffsetYUm + dy).HeightUm);
        var leading = Enumerable.Range(-20, 41).Select(i => Difference(10.0 * i, edge)).Average();
        var trailing = Enumerable.Range(-20, 41).Select(i => Difference(10.0 * i, -edge)).Max();

        Assert.Multiple(() =>
        {
            Assert.That(leading, Is.GreaterThan(0.3 * model.ApertureShearRmsUm));
            Assert.That(trailing, Is.Zero);
        });
    }

    [Test]
    public void At_NoShearThisFiring_FlowbackAsBare()
    {
        var (model, draw, marks) = Glock();
        var unsheared = new FiringPinImpression(model, draw with { HasDrag = false }, marks, new PinMarkTransfer(1, 1, 0, 0));
        var bare = new FiringPinImpression(model, draw with { HasDrag = false });
        var (x, y) = (draw.PinOffsetXUm, draw.PinOffsetYUm + (0.85 * model.ApertureHalfHeightUm));

        Assert.That(unsheared.At(x, y).HeightUm, Is.EqualTo(bare.At(x, y).HeightUm));
    }

    private static (MakeModel Model, FiringDraw Draw, FiringPinMarks Marks) Glock()
    {
        var model = MakeModelCatalogue.Glock17Like;
        var number = Enumerable.Range(1, 200).First(n => ManufacturingPlan.Locate(Seed, n).MakeModel == model);
        var firearm = Firearm.Create(Seed, number, Difficulty.Easy);
        var draw = FiringDraw.Draw(firearm, 1, AmmunitionCatalogue.Federal, Seed, FiringOptions.Easy) with { HasDrag = false };
        return (model, draw, firearm.PinMarks);
    }

    private static double[] Samples(FiringPinMarks marks) =>
        [.. from i in Enumerable.Range(-40, 81) from j in Enumerable.Range(-40, 81) select marks.TipUm(10.0 * i, 10.0 * j)];

    /// <summary>Share of the tip's variance within 300 µm of its axis that the means of 3 µm rings explain.</summary>
    private static double RingShare(FiringPinMarks marks)
    {
        var sums = new double[100];
        var counts = new int[100];
        var total = 0.0;
        for (var i = -100; i <= 100; i++)
        {
            for (var j = -100; j <= 100; j++)
            {
                var ring = (int)Math.Sqrt((i * i) + (j * j));
                if (ring < 100)
                {
                    var v = marks.TipUm(3.0 * i, 3.0 * j);
                    sums[ring] += v;
                    counts[ring]++;
                    total += v * v;
                }
            }
        }

        return Enumerable.Range(0, 100).Sum(k => counts[k] > 0 ? sums[k] * sums[k] / counts[k] : 0) / total;
    }

    private static double Correlation(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}
