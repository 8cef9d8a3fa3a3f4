using Ballistics.Engine.Evaluation;

namespace Ballistics.Engine.Tests.Evaluation;

[TestFixture]
public sealed class ConditionBreakdownTests
{
    [Test]
    public void Compute_ScoreFailsOnOneLayout_ThatLabelShowsIt()
    {
        // Items 0–11 raw, 12–23 processed, firearms of three items each. Same-source pairs score 0.9, different ones
        // 0.1, except that processed same-source pairs score 0.05: perfect on raw, inverted on processed.
        const int Items = 24;
        var layout = Enumerable.Range(0, Items).Select(i => (IReadOnlyDictionary<string, string>?)new Dictionary<string, string> { ["layout"] = i < 12 ? "raw" : "processed" }).ToArray();
        var pairs = new List<ScoredPair>();
        for (var a = 0; a < Items; a++)
        {
            for (var b = a + 1; b < Items; b++)
            {
                var same = a / 3 == b / 3;
                var score = same ? (a >= 12 ? 0.05 : 0.9) : 0.1;
                pairs.Add(new ScoredPair(a, b, score, same));
            }
        }

        var split = ConditionBreakdown.Compute(pairs, layout);

        Assert.That(split.Select(c => c.Label), Is.EquivalentTo(new[] { "raw+raw", "processed+processed" }), "processed+raw holds no same-source pair");
        Assert.That(split.Single(c => c.Label == "raw+raw").Auc, Is.EqualTo(1));
        Assert.That(split.Single(c => c.Label == "processed+processed").Auc, Is.EqualTo(0));
    }

    [Test]
    public void Compute_NumbersInThirds_OneConditionEverywhere_Skipped()
    {
        var pairs = new List<ScoredPair>();
        for (var a = 0; a < 30; a++)
        {
            for (var b = a + 1; b < 30; b++)
            {
                pairs.Add(new ScoredPair(a, b, a / 2 == b / 2 ? 0.8 : 0.2, a / 2 == b / 2));
            }
        }

        var conditions = Enumerable.Range(0, 30).Select(i => (IReadOnlyDictionary<string, string>?)new Dictionary<string, string>
        {
            ["dropout"] = (i * 0.01).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["noise"] = "2",
        }).ToArray();

        var split = ConditionBreakdown.Compute(pairs, conditions);

        Assert.That(split.Select(c => c.Condition).Distinct(), Is.EqualTo(new[] { "dropout" }), "noise is 2 everywhere: nothing to split");
        Assert.That(split.Select(c => c.Label), Is.EquivalentTo(new[] { "low+low", "mid+mid", "high+high" }));
    }
}
