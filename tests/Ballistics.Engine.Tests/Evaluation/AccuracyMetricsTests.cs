using Ballistics.Engine.Evaluation;

namespace Ballistics.Engine.Tests.Evaluation;

[TestFixture]
public sealed class AccuracyMetricsTests
{
    [Test]
    public void Compute_PerfectSeparation_AucOneGapPositive()
    {
        ScoredPair[] pairs = [new(0, 1, 0.9, true), new(2, 3, 0.8, true), new(0, 2, 0.3, false), new(1, 3, 0.1, false)];

        var r = AccuracyMetrics.Compute(pairs, 4, 0.5, [1]);

        Assert.That(r.Auc, Is.EqualTo(1).Within(1e-12));
        Assert.That(r.SeparationGap, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(r.EqualErrorRate, Is.EqualTo(0).Within(1e-12));
        Assert.That(r.FalsePositiveRate, Is.Zero);
        Assert.That(r.FalseNegativeRate, Is.Zero);
        Assert.That(r.TopK[1], Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Compute_Inverted_AucZero()
    {
        ScoredPair[] pairs = [new(0, 1, 0.1, true), new(0, 2, 0.9, false)];
        Assert.That(AccuracyMetrics.Compute(pairs, 3, 0.5, [1]).Auc, Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void Auc_AllTied_Half()
    {
        ScoredPair[] pairs = [new(0, 1, 0.5, true), new(0, 2, 0.5, false), new(1, 2, 0.5, false)];
        Assert.That(AccuracyMetrics.Auc(pairs), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void Auc_WorkedExampleWithTie()
    {
        // Same: 0.9, 0.6, 0.4; different: 0.6, 0.3, 0.2. Wins: 0.9 beats 3; 0.6 beats 2 and ties 1 (½); 0.4 beats 2 → 7.5 of 9.
        ScoredPair[] pairs = [new(0, 1, 0.9, true), new(2, 3, 0.6, true), new(4, 5, 0.4, true), new(0, 2, 0.6, false), new(1, 3, 0.3, false), new(4, 0, 0.2, false)];
        Assert.That(AccuracyMetrics.Auc(pairs), Is.EqualTo(7.5 / 9).Within(1e-12));
    }

    [Test]
    public void Auc_Random_MatchesBruteForce()
    {
        var rng = new Random(17);
        var pairs = Enumerable.Range(0, 400).Select(i => new ScoredPair(0, 1, Math.Round(rng.NextDouble(), 2), rng.Next(4) == 0)).ToArray();
        var same = pairs.Where(p => p.SameSource).ToArray();
        var different = pairs.Where(p => !p.SameSource).ToArray();
        var wins = same.Sum(s => different.Sum(d => s.Score > d.Score ? 1.0 : s.Score == d.Score ? 0.5 : 0));

        Assert.That(AccuracyMetrics.Auc(pairs), Is.EqualTo(wins / (same.Length * (double)different.Length)).Within(1e-12));
    }

    [Test]
    public void Compute_TopK_TiesCountAgainst()
    {
        // Item 0: same partner 1 scores 0.5, different partner 2 also 0.5 → not a top-1 hit, a top-2 hit.
        ScoredPair[] pairs = [new(0, 1, 0.5, true), new(0, 2, 0.5, false), new(1, 2, 0.1, false)];

        var r = AccuracyMetrics.Compute(pairs, 3, 0.5, [1, 2]);

        Assert.That(r.Queries, Is.EqualTo(2));
        Assert.That(r.TopK[1], Is.EqualTo(0.5).Within(1e-12), "item 1 ranks its mate first, item 0 does not");
        Assert.That(r.TopK[2], Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Compute_KnownEer()
    {
        // Same 0.9, 0.7, 0.4, 0.3; different 0.8, 0.5, 0.2, 0.1. Down the ROC, FNR − FPR is +0.25 at 0.7 and −0.25 at 0.4:
        // the equal error rate lies between the rates there. At 0.5: FPR 2/4, FNR 2/4.
        ScoredPair[] pairs = [new(0, 1, 0.9, true), new(0, 2, 0.7, true), new(0, 3, 0.4, true), new(0, 4, 0.3, true), new(1, 2, 0.8, false), new(1, 3, 0.5, false), new(1, 4, 0.2, false), new(2, 3, 0.1, false)];

        var r = AccuracyMetrics.Compute(pairs, 5, 0.5, [1]);

        Assert.That(r.EqualErrorRate, Is.InRange(0.25, 0.5));
        Assert.That(r.FalsePositiveRate, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(r.FalseNegativeRate, Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void Compute_NaNScore_ArgumentExceptionNamingPair()
    {
        ScoredPair[] pairs = [new(0, 1, 0.5, true), new(0, 2, double.NaN, false)];
        Assert.That(() => AccuracyMetrics.Compute(pairs, 3, 0.5, [1]), Throws.ArgumentException.With.Message.Contains("Pair 1"));
    }
}
