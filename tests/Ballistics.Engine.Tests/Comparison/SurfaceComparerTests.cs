using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class SurfaceComparerTests
{
    [Test]
    public void Compare_IdenticalScans_EveryValidCellCongruent()
    {
        var a = TestSurfaces.Shared("cartridge/triplet_x3p1_processed.x3p");

        var result = new SurfaceComparer(ComparisonOptions.Default).Compare(a, a.Clone());

        Assert.That(result.Forward.ValidCells, Is.GreaterThan(20));
        Assert.That(result.Forward.CmcCount, Is.EqualTo(result.Forward.ValidCells));
        Assert.That(result.Backward.CmcCount, Is.EqualTo(result.Backward.ValidCells));
        Assert.That(result.Registration.RotationDeg, Is.EqualTo(0).Within(0.5));
        Assert.That(result.Features.AlignedCcf, Is.GreaterThan(0.99));
        Assert.That(result.Forward.Cells.Where(c => c.Found).Select(c => c.Ccf), Has.All.GreaterThan(0.99));
    }

    [TestCase(24, 24)]
    [TestCase(45, 33)]
    [TestCase(70, 90)]
    public void Compare_SmallScans_CompletesWithFiniteFeatures(int width, int height)
    {
        // Scans too small for the polar spectrum (the sweep falls back to fixed angle steps) or for whole cells.
        var rng = new Random(width * height);
        var heights = new float[width * height];
        for (var i = 0; i < heights.Length; i++)
        {
            heights[i] = i % 7 == 0 ? float.NaN : (float)rng.NextDouble();
        }

        var a = TestSurfaces.ToSurface(heights, width, height, 10);
        var b = TestSurfaces.ToSurface([.. heights.Reverse()], width, height, 10);

        var result = new SurfaceComparer(ComparisonOptions.Default).Compare(a, b);

        Assert.That(result.Features.ToVector(), Has.All.Matches<float>(float.IsFinite));
        Assert.That(result.Registration.RotationDeg, Is.InRange(-180, 180));
    }

    [Test]
    public void Compare_MarksSharedOnHalfTheAnnulus_AgreeingSectorsNotDiluted()
    {
        // Partial contact: B carries A's marks on the right half only, unrelated relief on the left. The whole-overlap
        // correlation is diluted by the left half; the better half of the sectors is not.
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var valid = a.Values.ToArray().Where(float.IsFinite).ToArray();
        var mean = valid.Average();
        var spread = Math.Sqrt(valid.Average(v => (v - mean) * (v - mean)));
        var noise = TestSurfaces.Relief(a.Width, a.Height, seed: 11, holeFraction: 0, sigma: 3);
        var noiseSpread = Math.Sqrt(noise.Average(v => v * v));
        var half = a.Clone();
        for (var y = 0; y < a.Height; y++)
        {
            var row = half.Row(y);
            for (var x = 0; x < a.Width / 2; x++)
            {
                if (float.IsFinite(row[x]))
                {
                    row[x] = (float)(mean + (noise[(y * a.Width) + x] * spread / noiseSpread));
                }
            }
        }

        var comparer = new SurfaceComparer(ComparisonOptions.Default);
        var whole = comparer.Compare(a, a.Clone()).Features;
        var result = comparer.Compare(a, half);
        var partial = result.Features;

        // Marks everywhere: the better half of twelve sectors holds about half the points (the fuller sectors: a little
        // more), so about √2 fewer units than the whole.
        Assert.That(whole.AgreeingSectorsZ / whole.AlignedZ, Is.InRange(0.7, 0.9));
        Assert.That(result.Registration.RotationDeg, Is.EqualTo(0).Within(0.5));
        Assert.That(partial.AgreeingSectorsZ / partial.AlignedZ, Is.GreaterThan(1.5 * whole.AgreeingSectorsZ / whole.AlignedZ));
    }

    [TestCase("fadul_1-1_processed", "fadul_1-2_processed")]
    [TestCase("triplet_x3p1_processed", "triplet_x3p2_processed")]
    [TestCase("baldwin_K013sA1_raw", "baldwin_K013sA2_raw")]
    public void Compare_RealSameSourcePair_ManyCongruentCellsAndRegisteredBothWays(string a, string b)
    {
        var matcher = new Ballistics.Engine.Matching.BreechFaceMatcher(model: null);
        var first = matcher.Prepare(TestSurfaces.Shared($"cartridge/{a}.x3p"));
        var second = matcher.Prepare(TestSurfaces.Shared($"cartridge/{b}.x3p"));

        var features = matcher.Features(first, second);

        Assert.That(features.CmcMin, Is.GreaterThanOrEqualTo(12));
        // Whole-scan correlations are taken in the 20–400 µm band: the Baldwin raw pair correlates at 0.32 there.
        Assert.That(features.AlignedCcf, Is.GreaterThan(0.3));
        Assert.That(features.DirectionAngleDisagreementDeg, Is.LessThanOrEqualTo(CmcOptions.Default.AngleStepDeg), "B→A finds the opposite angle of A→B, within one cell-angle step");
    }

    [TestCase("fadul_1-1_processed", "triplet_x3p1_processed")]
    [TestCase("baldwin_K227iG3_processed", "fadul_1-2_processed")]
    public void Compare_RealDifferentSourcePair_FewCongruentCells(string a, string b)
    {
        var matcher = new Ballistics.Engine.Matching.BreechFaceMatcher(model: null);
        var features = matcher.Features(matcher.Prepare(TestSurfaces.Shared($"cartridge/{a}.x3p")), matcher.Prepare(TestSurfaces.Shared($"cartridge/{b}.x3p")));

        Assert.That(features.CmcMin, Is.LessThanOrEqualTo(6));
        Assert.That(features.AlignedCcf, Is.LessThan(0.25));
    }

    [Test]
    public void AlignedCorrelation_TurnedPair_MatchesPearsonOverCommonPoints()
    {
        const int Width = 83;
        const int Height = 77;
        using var a = MaskedImage.FromHeights(TestSurfaces.Relief(Width, Height, seed: 71, holeFraction: 0.15), Width, Height);
        using var b = MaskedImage.FromHeights(TestSurfaces.Relief(Width, Height, seed: 71, holeFraction: 0.25), Width, Height);
        var registration = new Registration(0.5, 1, -1, 0, 0);
        using var warped = MaskedImage.Create(Width, Height);
        warped.WarpRegistered(b, registration, 2, 0);
        var (va, ma, vb, mb) = (a.Values.AsSpan<float>().ToArray(), a.Mask.AsSpan<float>().ToArray(), warped.Values.AsSpan<float>().ToArray(), warped.Mask.AsSpan<float>().ToArray());
        var common = Enumerable.Range(0, va.Length).Where(i => ma[i] > 0 && mb[i] > 0).ToArray();
        var meanA = common.Average(i => (double)va[i]);
        var meanB = common.Average(i => (double)vb[i]);
        var cov = common.Sum(i => (va[i] - meanA) * (vb[i] - meanB));
        var expected = cov / Math.Sqrt(common.Sum(i => (va[i] - meanA) * (va[i] - meanA)) * common.Sum(i => (vb[i] - meanB) * (vb[i] - meanB)));

        var (ccf, overlap) = SurfaceComparer.AlignedCorrelation(a, b, registration, 2);

        Assert.That(common, Has.Length.GreaterThan(Width * Height / 5));
        Assert.That(expected, Is.InRange(0.3, 0.99), "same relief, different holes, turned half a degree: correlated but not identical");
        Assert.That(ccf, Is.EqualTo(expected).Within(1e-4));
        Assert.That(overlap, Is.EqualTo(common.Length / (double)Math.Min(a.ValidCount, b.ValidCount)).Within(1e-9));
    }
}
