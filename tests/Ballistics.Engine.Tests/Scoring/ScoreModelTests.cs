using Ballistics.Engine.Comparison;
using Ballistics.Engine.Scoring;

namespace Ballistics.Engine.Tests.Scoring;

[TestFixture]
public sealed class ScoreModelTests
{
    [Test]
    public void Train_SeparableFeatures_ScoresSameAboveDifferent()
    {
        var examples = Examples(seed: 5, count: 300);
        using var buffer = new MemoryStream();

        ScoreModel.Train(examples, ScoreModelOptions.Default with { NumberOfIterations = 40 }, buffer);
        buffer.Position = 0;
        using var model = ScoreModel.Load(buffer);

        var same = model.Score(Features(ccf: 0.8, cmc: 20));
        var different = model.Score(Features(ccf: 0.2, cmc: 1));
        Assert.That(same, Is.InRange(0.0, 1.0));
        Assert.That(different, Is.InRange(0.0, 1.0));
        Assert.That(same, Is.GreaterThan(different + 0.5));
        Assert.That(model.Version, Does.Match("^lightgbm-[0-9a-f]{12}$"));
    }

    [Test]
    public void Train_SameInputsTwice_SameBytes()
    {
        var examples = Examples(seed: 9, count: 200);
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        ScoreModel.Train(examples, ScoreModelOptions.Default with { NumberOfIterations = 20 }, first);
        // Zip entries carry a time in two-second steps: trainings further apart than that must still match.
        Thread.Sleep(2_100);
        ScoreModel.Train(examples, ScoreModelOptions.Default with { NumberOfIterations = 20 }, second);

        first.Position = 0;
        second.Position = 0;
        using var a = ScoreModel.Load(first);
        using var b = ScoreModel.Load(second);
        Assert.That(a.Version, Is.EqualTo(b.Version));
        Assert.That(first.ToArray(), Is.EqualTo(second.ToArray()));
    }

    [Test]
    public void Load_NotAModel_InvalidDataException()
    {
        using var junk = new MemoryStream([1, 2, 3, 4]);
        Assert.That(() => ScoreModel.Load(junk), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("Not a score model"));
    }

    [Test]
    public void Train_OneClassOnly_ArgumentException()
    {
        var examples = Examples(seed: 1, count: 50).Where(e => e.SameSource).ToList();
        using var buffer = new MemoryStream();
        Assert.That(() => ScoreModel.Train(examples, ScoreModelOptions.Default, buffer), Throws.ArgumentException);
    }

    [Test]
    public void Names_MatchVectorLength()
    {
        Assert.That(ComparisonFeatures.Names, Has.Count.EqualTo(Features(0.5, 5).ToVector().Length));
        Assert.That(ComparisonFeatures.ModelInputs, Is.Unique.And.All.InRange(0, ComparisonFeatures.Names.Count - 1));
    }

    private static List<(ComparisonFeatures Features, bool SameSource)> Examples(int seed, int count)
    {
        var rng = new Random(seed);
        var list = new List<(ComparisonFeatures, bool)>();
        for (var i = 0; i < count; i++)
        {
            var same = i % 3 == 0;
            var ccf = same ? 0.5 + (0.4 * rng.NextDouble()) : 0.1 + (0.3 * rng.NextDouble());
            var cmc = same ? rng.Next(8, 30) : rng.Next(0, 6);
            list.Add((Features(ccf, cmc), same));
        }

        return list;
    }

    private static ComparisonFeatures Features(double ccf, int cmc) => new()
    {
        RegistrationCcf = ccf,
        AlignedCcf = ccf * 0.95,
        OverlapFraction = 0.8,
        CmcMin = cmc,
        CmcMax = cmc + 2,
        CmcFractionMin = cmc / 40.0,
        CmcFractionMax = (cmc + 2) / 40.0,
        HighCmcMin = cmc,
        HighCmcMax = cmc + 3,
        ValidCellsMin = 40,
        MeanCellCcf = ccf,
        FractionCellsAboveThreshold = cmc / 40.0,
        TranslationSpreadUm = 150 - (3 * cmc),
        RotationSpreadDeg = 2,
        DirectionAngleDisagreementDeg = 1,
        TopCellCcf = Math.Min(1, ccf + 0.1),
        ResidualCcf = ccf * 0.5,
        SharedCorrelationAreaUm2 = 3000,
        RegistrationZ = 20 * ccf,
        AlignedZ = 19 * ccf,
        MeanCellZ = 5 * ccf,
        TopCellZ = 8 * ccf,
        ResidualZ = 10 * ccf,
        SignificantCmcMin = cmc / 2,
        SignificantCmcMax = cmc,
        WhitenedCcf = ccf * 0.3,
        WhitenedZ = 30 * ccf,
        AgreeingSectorsZ = 30 * ccf,
    };
}
