using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Tests.Comparison;
using Ballistics.Engine.Tests.Rendering;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class CorpusSearchTests
{
    private static readonly BreechFaceMatcher Matcher = new(ScoreModel.LoadDefault());

    /// <summary>An uneven ring on a mostly diffuse metal: its shading is mostly the slopes along the brighter side.</summary>
    private static readonly Samples.PhotographOptions Uneven = new() { Lighting = Engine.Surfaces.ImageLighting.Ring, RingUnevenness = 0.8, ElevationDeg = 30, Diffuse = 0.8, Shininess = 20, PixelSizeUm = 5, BitDepth = 16, Noise = 0.002 };

    private static readonly string[] Names = ["fadul_1-1_processed", "baldwin_K227iG3_processed", "fadul_1-2_processed", "triplet_x3p1_processed"];

    private static (CorpusSearch Search, PreparedScan[] Scans) Corpus()
    {
        var scans = Names.Select(n => Matcher.Prepare(TestSurfaces.Shared($"cartridge/{n}.x3p"), withComparisonView: false)).ToArray();
        var index = new SignatureIndex(SignatureCodec.Default);
        for (var i = 0; i < scans.Length; i++)
        {
            index.Add(100 + i, SignatureCodec.Default.Encode(Matcher.Signature(scans[i], SignatureOptions.Default)!), new ItemFacets(null, null, i % 2 == 0 ? "MX" : "US", null, null));
        }

        return (new CorpusSearch(index, Matcher), scans);
    }

    [TestCase(Engine.Surfaces.ImageLighting.Side, Engine.Surfaces.ImageLighting.Side)]
    [TestCase(Engine.Surfaces.ImageLighting.Unknown, Engine.Surfaces.ImageLighting.Ring)]
    public void FilterFor_TopographyRenderedAsPhotograph_AmongPhotographsOfItsLight(Engine.Surfaces.ImageLighting asked, Engine.Surfaces.ImageLighting kept)
    {
        var surface = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var rendered = Matcher.PrepareAsPhotograph(surface, asked, withComparisonView: false);
        var scan = Matcher.Prepare(surface, withComparisonView: false);

        var filter = CorpusSearch.FilterFor(rendered, new SearchFilter { Country = "MX" });

        Assert.That((filter.Modality, filter.Lighting, filter.Country), Is.EqualTo((Modalities.Photograph, (Engine.Surfaces.ImageLighting?)kept, "MX")));
        Assert.That(CorpusSearch.FilterFor(scan, SearchFilter.None).Lighting, Is.Null, "a topography searched as it is keeps to no light");
    }

    [Test]
    public void ScoringVersionFor_Photograph_NamesThePhotographModelNotTheTopographies()
    {
        var surface = TestSurfaces.Shared("cartridge/fadul_1-1_processed.x3p");
        var rendered = Matcher.PrepareAsPhotograph(surface, Engine.Surfaces.ImageLighting.Ring, withComparisonView: false);

        Assert.That(Matcher.ScoringVersionFor(rendered), Is.EqualTo(Matcher.PhotographModel!.Version), "what a photograph search records is what its comparisons report");
        Assert.That(Matcher.ScoringVersionFor(Matcher.Prepare(surface, withComparisonView: false)), Is.EqualTo(Matcher.ScoringVersion));
    }

    [Test]
    public void Codes_RingPhotographAndTopography_OneCodePerVariantCompared()
    {
        var photo = Matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 1), Uneven with { AzimuthDeg = 75 }, noiseSeed: 5), withComparisonView: false);
        var search = new CorpusSearch(new SignatureIndex(SignatureCodec.Default), Matcher);

        Assert.That(search.Codes(photo), Has.Count.EqualTo(1 + photo.Relit.Count).And.Count.EqualTo(4));
        Assert.That(search.Codes(Matcher.Prepare(TakenPhotographs.Scan(1, 1), withComparisonView: false)), Has.Count.EqualTo(1));
        // A scan searched as a ring photograph: each turn of its light, and the even ring.
        Assert.That(search.Codes(Matcher.PrepareAsPhotograph(TakenPhotographs.Scan(1, 1), Engine.Surfaces.ImageLighting.Ring, withComparisonView: false)), Has.Count.EqualTo(Engine.Rendering.LightingModel.TurnsDeg.Count + 1));
        Assert.That(search.Codes(Matcher.PrepareAsPhotograph(TakenPhotographs.Scan(1, 1), Engine.Surfaces.ImageLighting.Side, withComparisonView: false)), Has.Count.EqualTo(Engine.Rendering.LightingModel.TurnsDeg.Count));
    }

    [Test]
    public void Search_RingPhotographLitFromAnotherSideOfTheCase_MateNearerThroughARelitCode()
    {
        // Two photographs of one firearm's cases lit from sides 90° apart on them, among other firearms' lit from either side.
        var query = Matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(1, 1), Uneven with { AzimuthDeg = 75 }, noiseSeed: 5), withComparisonView: false);
        var index = new SignatureIndex(SignatureCodec.Default);
        var onFile = new List<(int Firearm, int Azimuth)> { (1, 165) };
        onFile.AddRange(Enumerable.Range(2, 5).SelectMany(f => new[] { (f, 75), (f, 165) }));
        for (var i = 0; i < onFile.Count; i++)
        {
            var (firearm, azimuth) = onFile[i];
            var photo = Matcher.Prepare(TakenPhotographs.Taken(TakenPhotographs.Scan(firearm, 2), Uneven with { AzimuthDeg = azimuth }, noiseSeed: 10 + i), withComparisonView: false);
            index.Add(i, SignatureCodec.Default.Encode(Matcher.Signature(photo, SignatureOptions.Default)!), new ItemFacets(null, null, null, null, null) { Modality = Modalities.Photograph });
        }

        var search = new CorpusSearch(index, Matcher);
        var codes = search.Codes(query);
        var filter = CorpusSearch.FilterFor(query, SearchFilter.None);
        var relit = index.Search(codes, filter, onFile.Count);
        var asRecorded = index.Search(codes[0], filter, onFile.Count);

        double Mate(StageOneHit[] hits) => hits.Single(h => h.ItemId == 0).Similarity;
        double Margin(StageOneHit[] hits) => Mate(hits) - hits.Where(h => h.ItemId != 0).Max(h => h.Similarity);
        var figures = $"mate {Mate(relit):0.000} (margin over the best other {Margin(relit):+0.000;-0.000}) with every variant, {Mate(asRecorded):0.000} ({Margin(asRecorded):+0.000;-0.000}) as recorded";
        Assert.That(search.Version(query, CorpusSearchOptions.Default), Does.Contain($" codes {codes.Count}"), "a search says it searched with every variant's code");
        Assert.That(Mate(relit), Is.GreaterThan(Mate(asRecorded)), figures);
        Assert.That(Margin(relit), Is.GreaterThan(Margin(asRecorded)), figures);
        Assert.That(relit[0].ItemId, Is.Zero, figures);
    }

    [Test]
    public void Search_RealScans_SameSourceLeadsAndTheQueryExcluded()
    {
        var (search, scans) = Corpus();

        var result = search.Search(scans[0], SearchFilter.None, CorpusSearchOptions.Default, new ListedCandidates(id => (scans[id - 100], null)), excludeItemId: 100);

        Assert.That(result.Searched, Is.EqualTo(4));
        Assert.That(result.StageOne, Has.Count.EqualTo(3));
        Assert.That(result.Leads.Select(l => l.Rank), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(result.Leads[0].ItemId, Is.EqualTo(102), "Fadul 1-2 leads for Fadul 1-1");
        Assert.That(result.Leads.Select(l => l.Score), Is.Ordered.Descending);
        Assert.That(result.AlgorithmVersion, Does.Contain(SignatureCodec.Default.Version).And.Contain(BreechFaceMatcher.ComparisonVersion));
    }

    [Test]
    public void Search_CandidateUnavailableAndFilter_SkippedWithReasonOthersRanked()
    {
        var (search, scans) = Corpus();

        var result = search.Search(
            scans[0],
            new SearchFilter { Country = "MX" },
            new CorpusSearchOptions { Candidates = 5 },
            new ListedCandidates(id => id == 102 ? (null, "original missing") : (scans[id - 100], null)),
            excludeItemId: 100);

        Assert.That(result.StageOne.Select(h => h.ItemId), Is.EqualTo(new long[] { 102 }), "only the other MX item");
        Assert.That(result.Leads, Is.Empty);
        Assert.That(result.Skipped, Is.EqualTo(new[] { (102L, "original missing") }));
    }

    [Test]
    public void Search_Cascade_ScreensAllAndComparesTheBestInFull()
    {
        var (search, scans) = Corpus();

        var result = search.Search(scans[0], SearchFilter.None, new CorpusSearchOptions { FullComparisons = 1 }, new ListedCandidates(id => (scans[id - 100], null)), excludeItemId: 100);

        Assert.That(result.Screened, Is.EqualTo(3));
        Assert.That(result.Leads, Has.Count.EqualTo(1));
        Assert.That(result.Leads[0].ItemId, Is.EqualTo(102), "Fadul 1-2 agrees best with Fadul 1-1 at its likely poses");
        Assert.That(scans.Skip(1).Where((_, i) => i != 1).Select(s => s.HasComparisonView), Has.All.False, "screened-out candidates never get a comparison view");
    }

    [Test]
    public void Screen_SameSourceAboveDifferent()
    {
        var (_, scans) = Corpus();

        var same = Matcher.Screen(scans[0], scans[2], ScreenOptions.Default);
        var different = new[] { Matcher.Screen(scans[0], scans[1], ScreenOptions.Default), Matcher.Screen(scans[0], scans[3], ScreenOptions.Default) };
        TestContext.Out.WriteLine($"same {same:F3}, different {different[0]:F3} {different[1]:F3}");

        // Null: no pose leaves enough overlap to correlate (a scan of another size and shape), screened last.
        Assert.That(same, Is.Not.Null);
        Assert.That(same, Is.GreaterThan(different.Max(d => d ?? double.NegativeInfinity) + 0.1));
    }

    /// <summary>Candidates held in memory by the test, with no stored screen samples (the screen reads the prepared scans).</summary>
    private sealed class ListedCandidates(Func<long, (PreparedScan? Scan, string? Reason)> candidate) : ICandidateSource
    {
        public (PreparedScan? Scan, string? Reason) Candidate(long itemId) => candidate(itemId);

        public ScreenSamples? ScreenSamples(long itemId) => null;
    }
}
