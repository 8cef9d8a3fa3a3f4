using Ballistics.Engine.Comparison;
using Ballistics.Engine.Diagnostics;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;
using Ballistics.Engine.Tests.Comparison;
using Ballistics.Samples;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Diagnostics;

[TestFixture]
public sealed class ComparisonDiagnosticsTests
{
    private const double TurnDeg = 25;
    private const double ShiftXUm = 120;
    private const double ShiftYUm = -80;

    private BreechFaceMatcher _matcher = null!;
    private PreparedScan _reference = null!;
    private PreparedScan _turned = null!;
    private ComparisonResult _result = null!;
    private ComparisonDiagnostics _diagnostics = null!;

    [OneTimeSetUp]
    public void PrepareTurnedPair()
    {
        _matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        _reference = _matcher.Prepare(TestSurfaces.Shared("cartridge/triplet_x3p1_processed.x3p"));
        var a = _reference.Surface;
        var turned = new Surface(a.Width, a.Height, a.LateralStepXUm, a.LateralStepYUm, TestSurfaces.Transformed(a, TurnDeg, ShiftXUm, ShiftYUm, a.Width, a.Height));
        // Built as preprocessing would leave it, so that the copy stays on the reference's own grid and frame.
        _turned = new PreparedScan(turned, new BreechFaceGeometry(0, 0, 0, 0, 0, 0, RegionSource.AlreadyCropped), _reference.Options, [], (int)turned.Statistics().ValidPoints);
        _result = _matcher.Compare(_reference, _turned);
        _diagnostics = ComparisonDiagnostics.Of(_reference, _turned, _result);
    }

    [Test]
    public void Of_TurnedCopy_CongruentCellsMatchWhereTheTurnCarriesThem() => AssertForwardMatchesTheTurn(_diagnostics);

    [Test]
    public void Of_ProcessedScans_NoFiringPinPicture()
    {
        Assert.That(_diagnostics.Image(ComparisonDiagnostics.FiringPinImageNames[0]), Is.Null);
    }

    [Test]
    public void Of_RawScansWithCraters_FiringPinPictureOfThreePanels()
    {
        var conditions = new ScanConditions { Crater = CraterRendering.Data, Layout = ScanLayout.Raw };
        PreparedScan Raw(int fire) => _matcher.Prepare(CartridgeCaseSimulator.Fire(Firearm.Create(17, 1, Difficulty.Easy), fire, "Federal", 17, conditions).Surface);
        var (a, b) = (Raw(1), Raw(2));
        var result = _matcher.Compare(a, b);

        var picture = ComparisonDiagnostics.Of(a, b, result).Image("firing-pin");

        Assert.That(result.FiringPin.Status, Is.EqualTo(Engine.FiringPin.RegionComparisonStatus.Compared), result.FiringPin.Reason);
        Assert.That(picture, Is.Not.Null);
        Assert.That(picture!.Png.Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        var side = a.FiringPin.Impression!.Surface.Width;
        Assert.That(picture.WidthPx % 3, Is.Zero, "A, B turned onto A, and the overlay side by side");
        Assert.That(picture.WidthPx / 3 % side, Is.Zero, "each panel A's impression, enlarged by a whole factor");
        Assert.That(picture.Description, Does.Contain(result.FiringPin.RotationDeg.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Of_RegistrationOffByTensOfMicrometres_CellsStillMatchWhereTheTurnCarriesThem()
    {
        // Cells are searched around the registration, so each finds its own correction; the match must add it the right way.
        var comparer = new SurfaceComparer(_result.Options);
        var off = _result.Registration with { DxUm = _result.Registration.DxUm + 35, DyUm = _result.Registration.DyUm - 25 };
        var cells = new CellComparer(_result.Options.Cmc);
        var forward = cells.Compare(_reference.ComparisonView(comparer).CellImage, _turned.ComparisonView(comparer).CellImage, off, _reference.Surface.LateralStepXUm);
        var backward = cells.Compare(_turned.ComparisonView(comparer).CellImage, _reference.ComparisonView(comparer).CellImage, off.Inverse(), _reference.Surface.LateralStepXUm);

        var diagnostics = ComparisonDiagnostics.Of(_reference, _turned, _result with { Registration = off, Forward = forward, Backward = backward });

        AssertForwardMatchesTheTurn(diagnostics);
    }

    [Test]
    public void Of_TurnedCopy_BackwardCellsMatchWhereTheInverseTurnCarriesThem()
    {
        var (sin, cos) = Math.SinCos(TurnDeg * Math.PI / 180);
        var congruent = _diagnostics.Cells.Where(c => c.Direction == "backward" && c.Congruent).ToArray();

        Assert.That(congruent, Has.Length.GreaterThan(20));
        foreach (var cell in congruent)
        {
            // p = R(θ)q + t.
            var expectedX = (cos * cell.CentreXUm) + (sin * cell.CentreYUm) + ShiftXUm;
            var expectedY = (-sin * cell.CentreXUm) + (cos * cell.CentreYUm) + ShiftYUm;
            Assert.That(Math.Sqrt(Math.Pow(cell.MatchXUm - expectedX, 2) + Math.Pow(cell.MatchYUm - expectedY, 2)), Is.LessThan(3 * _reference.Surface.LateralStepXUm), $"cell ({cell.Row}, {cell.Column})");
        }
    }

    [Test]
    public void Of_Pair_EveryPictureIsAPngOfItsDeclaredSize()
    {
        Assert.That(_diagnostics.Images.Select(i => i.Name), Is.EqualTo(ComparisonDiagnostics.ImageNames));
        foreach (var image in _diagnostics.Images)
        {
            using var decoded = Cv2.ImDecode(image.Png, ImreadModes.Color);
            Assert.That(decoded.Empty(), Is.False, image.Name);
            Assert.That((decoded.Width, decoded.Height), Is.EqualTo((image.WidthPx, image.HeightPx)), image.Name);
            Assert.That(Math.Max(decoded.Width, decoded.Height), Is.GreaterThanOrEqualTo(DiagnosticsOptions.Default.MinPanelSidePx), image.Name);
            Assert.That(image.Title, Is.Not.Empty);
            Assert.That(image.Description, Is.Not.Empty);
        }

        Assert.That(_diagnostics.AlgorithmVersion, Does.StartWith(ComparisonDiagnostics.Version).And.EndWith(_result.AlgorithmVersion));
        Assert.That(_diagnostics.Cells, Has.Count.EqualTo(2 * _result.Options.Cmc.GridCells * _result.Options.Cmc.GridCells));
    }

    [Test]
    public void Of_TurnedCopy_DifferenceSmallAgainstTheHeights()
    {
        // Both sides were resampled once (the copy, then the alignment), so they differ by interpolation only.
        Assert.That(_diagnostics.DifferenceRangeUm, Is.LessThan(0.5 * ReferenceRmsUm()));
    }

    [Test]
    public void Of_UnrelatedScans_DifferenceAsLargeAsTheHeights()
    {
        var other = _matcher.Prepare(TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p"));
        var result = _matcher.Compare(_reference, other);

        var diagnostics = ComparisonDiagnostics.Of(_reference, other, result);

        Assert.That(diagnostics.DifferenceRangeUm, Is.GreaterThan(ReferenceRmsUm()), "the check above would pass for any pair if this one did not fail");
    }

    [Test]
    public void Of_WithScansAsGiven_AddsTheRegionPictures()
    {
        var a = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var b = TestSurfaces.Shared("cartridge/fadul_1-2_processed.x3p");
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var (pa, pb) = (matcher.Prepare(a), matcher.Prepare(b));

        var diagnostics = ComparisonDiagnostics.Of(pa, pb, matcher.Compare(pa, pb), sources: (a, b));

        Assert.That(diagnostics.Images.Select(i => i.Name), Is.EqualTo(ComparisonDiagnostics.ImageNames.Concat(ComparisonDiagnostics.RegionImageNames)));
        var region = diagnostics.Image("region-a")!;
        using var picture = OpenCvSharp.Cv2.ImDecode(region.Png, OpenCvSharp.ImreadModes.Color);
        Assert.That((picture.Width, picture.Height), Is.EqualTo((region.WidthPx, region.HeightPx)));
        Assert.That(region.Description, Does.Contain("mm²"));
    }

    [Test]
    public void Of_ScansOnDifferentSteps_Refused()
    {
        var a = _reference.Surface;
        var coarser = new PreparedScan(new Surface(a.Width, a.Height, 2 * a.LateralStepXUm, 2 * a.LateralStepYUm, a.Values.ToArray()), _reference.Geometry, _reference.Options, [], (int)a.Statistics().ValidPoints);

        Assert.That(() => ComparisonDiagnostics.Of(_reference, coarser, _result), Throws.ArgumentException.With.Message.Contains("one step"));
    }

    [Test]
    public void Of_ResultOfOtherOptions_Refused()
    {
        var other = _result with { Options = _result.Options with { Cmc = _result.Options.Cmc with { GridCells = 5 } } };

        Assert.That(() => ComparisonDiagnostics.Of(_reference, _turned, other), Throws.ArgumentException.With.Message.Contains("cells"));
    }

    /// <summary>Each congruent cell of A must match at q = R(−θ)(p − t), where the copy was made to put its centre.</summary>
    private void AssertForwardMatchesTheTurn(ComparisonDiagnostics diagnostics)
    {
        var (sin, cos) = Math.SinCos(-TurnDeg * Math.PI / 180);
        var congruent = diagnostics.Cells.Where(c => c.Direction == "forward" && c.Congruent).ToArray();
        Assert.That(congruent, Has.Length.GreaterThan(20));
        foreach (var cell in congruent)
        {
            var px = cell.CentreXUm - ShiftXUm;
            var py = cell.CentreYUm - ShiftYUm;
            var error = Math.Sqrt(Math.Pow(cell.MatchXUm - ((cos * px) + (sin * py)), 2) + Math.Pow(cell.MatchYUm - ((-sin * px) + (cos * py)), 2));
            Assert.That(error, Is.LessThan(3 * _reference.Surface.LateralStepXUm), $"cell ({cell.Row}, {cell.Column})");
        }
    }

    private double ReferenceRmsUm()
    {
        var heights = _reference.Surface.Values.ToArray().Where(float.IsFinite).Select(v => (double)v).ToArray();
        var mean = heights.Average();
        return Math.Sqrt(heights.Average(v => (v - mean) * (v - mean)));
    }
}
