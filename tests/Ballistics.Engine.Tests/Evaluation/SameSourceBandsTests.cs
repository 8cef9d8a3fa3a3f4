using Ballistics.Engine.Evaluation;

namespace Ballistics.Engine.Tests.Evaluation;

[TestFixture]
public sealed class SameSourceBandsTests
{
    [Test]
    public void Compute_ScoreFailsOnlyWhereLittleIsShared_LowBandShowsIt()
    {
        // Four same-source pairs sharing 10 %, 20 %, 80 %, 90 %; the first two score below every different pair.
        var pairs = new List<ScoredPair>
        {
            new(0, 1, 0.05, true), new(2, 3, 0.08, true), new(4, 5, 0.9, true), new(6, 7, 0.95, true),
            new(0, 2, 0.1, false), new(1, 4, 0.2, false), new(3, 6, 0.3, false),
        };
        double?[] shared = [0.1, 0.2, 0.8, 0.9, null, null, null];

        var bands = SameSourceBands.Compute(pairs, shared, [0, 0.5, 1]);

        Assert.That(bands, Has.Count.EqualTo(2));
        Assert.That((bands[0].From, bands[0].To, bands[0].SameSourcePairs, bands[0].Auc), Is.EqualTo((0.0, 0.5, 2, 0.0)));
        Assert.That((bands[1].SameSourcePairs, bands[1].Auc), Is.EqualTo((2, 1.0)));
    }

    [Test]
    public void Compute_TopEdge_InTheLastBand_EmptyBandLeftOut()
    {
        var pairs = new List<ScoredPair> { new(0, 1, 0.9, true), new(0, 2, 0.1, false) };

        var bands = SameSourceBands.Compute(pairs, [1.0, null], [0, 0.5, 1]);

        Assert.That(bands.Select(b => b.From), Is.EqualTo(new[] { 0.5 }), "a pair sharing everything is in [0.5, 1]; [0, 0.5) holds none");
    }

    [Test]
    public void Compute_MeasuresNotOnePerPair_Throws()
    {
        Assert.Throws<ArgumentException>(() => SameSourceBands.Compute([new(0, 1, 0.5, true)], [], [0, 1]));
    }
}
