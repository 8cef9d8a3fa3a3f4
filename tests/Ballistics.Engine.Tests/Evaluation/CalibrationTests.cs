using Ballistics.Engine.Evaluation;

namespace Ballistics.Engine.Tests.Evaluation;

[TestFixture]
public sealed class CalibrationTests
{
    [Test]
    public void Compute_ScoresThatAreTheirOwnRates_NoCalibrationError()
    {
        // In each bin the share of same-source pairs equals the bin's score: 0.15 → 3 of 20, 0.85 → 17 of 20.
        var pairs = new List<ScoredPair>();
        for (var i = 0; i < 20; i++)
        {
            pairs.Add(new ScoredPair(0, 1, 0.15, i < 3));
            pairs.Add(new ScoredPair(0, 1, 0.85, i < 17));
        }

        var calibration = Calibration.Compute(pairs);

        Assert.That(calibration.ExpectedCalibrationError, Is.EqualTo(0).Within(1e-12));
        Assert.That(calibration.Brier, Is.EqualTo(((3 * 0.85 * 0.85) + (17 * 0.15 * 0.15) + (17 * 0.15 * 0.15) + (3 * 0.85 * 0.85)) / 40).Within(1e-12));
        Assert.That(calibration.Bins, Has.Count.EqualTo(Calibration.BinCount));
        Assert.That(calibration.Bins[1].Pairs, Is.EqualTo(20));
    }

    [Test]
    public void Compute_OverconfidentScores_ErrorIsTheGap()
    {
        // Every pair scored 0.95 but only half share a source: the gap is 0.45.
        var pairs = Enumerable.Range(0, 10).Select(i => new ScoredPair(0, 1, 0.95, i % 2 == 0)).ToArray();

        var calibration = Calibration.Compute(pairs);

        Assert.That(calibration.ExpectedCalibrationError, Is.EqualTo(0.45).Within(1e-12));
        Assert.That(calibration.Bins[9].SameSourceRate, Is.EqualTo(0.5));
    }

    [Test]
    public void Compute_ScoreOfOne_InTheLastBin()
    {
        var calibration = Calibration.Compute([new ScoredPair(0, 1, 1.0, true), new ScoredPair(0, 1, 0.0, false)]);

        Assert.That((calibration.Bins[9].Pairs, calibration.Bins[0].Pairs), Is.EqualTo((1, 1)));
        Assert.That(calibration.Brier, Is.Zero);
    }
}
