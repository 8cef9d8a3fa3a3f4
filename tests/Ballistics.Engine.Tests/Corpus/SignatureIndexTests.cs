using Ballistics.Engine.Corpus;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class SignatureIndexTests
{
    private static readonly SignatureCodec Codec = SignatureCodec.Default;

    private static StageOneCode RandomCode(Random random)
    {
        var code = new sbyte[Codec.CodeBytes];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = (sbyte)random.Next(-127, 128);
        }

        return new StageOneCode(code, (float)(0.001 + (random.NextDouble() * 0.01)));
    }

    /// <summary>An index of <paramref name="items"/> random codes (ids 0…), and the generator to draw queries from.</summary>
    private static (SignatureIndex Index, Random Random) RandomIndex(int seed, int items)
    {
        var random = new Random(seed);
        var index = new SignatureIndex(Codec);
        for (var i = 0; i < items; i++)
        {
            index.Add(i, RandomCode(random), default);
        }

        return (index, random);
    }

    private static long[] BruteForce(IReadOnlyList<StageOneCode> codes, StageOneCode query, int top, Func<int, bool> keep) =>
        Enumerable.Range(0, codes.Count)
            .Where(keep)
            .Select(i => (Id: (long)i, Similarity: Int8Dot.Dot(query.Code, codes[i].Code, useVectors: false) * codes[i].Scale))
            .OrderByDescending(h => h.Similarity).ThenBy(h => h.Id)
            .Take(top)
            .Select(h => h.Id)
            .ToArray();

    [Test]
    public void Search_ItemsOverSeveralSegments_SameAsBruteForce()
    {
        var random = new Random(5);
        var count = SignatureIndex.SegmentItems + 1234;
        var index = new SignatureIndex(Codec);
        var codes = new StageOneCode[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = RandomCode(random);
            index.Add(i, codes[i], default);
        }

        var query = RandomCode(random);
        var hits = index.Search(query, SearchFilter.None, 37);

        Assert.That(hits.Select(h => h.ItemId), Is.EqualTo(BruteForce(codes, query, 37, _ => true)));
        Assert.That(hits[0].Similarity, Is.EqualTo(Int8Dot.Dot(query.Code, codes[hits[0].ItemId].Code) * codes[hits[0].ItemId].Scale * query.Scale).Within(1e-6));
        Assert.That(index.Search(query, SearchFilter.None, 37, useVectors: false).Select(h => h.ItemId), Is.EqualTo(hits.Select(h => h.ItemId)));
    }

    [TestCase(3, 37)]
    [TestCase(5, 200)]
    public void Merge_ShardsOfOneIndex_SameHitsInTheSameOrderAsTheWholeIndex(int shards, int top)
    {
        var random = new Random(13);
        var whole = new SignatureIndex(Codec);
        var parts = Enumerable.Range(0, shards).Select(_ => new SignatureIndex(Codec)).ToArray();
        for (var i = 0; i < 4001; i++)
        {
            // Every fifth code repeated: ties, which must fall to the lower id in the merge too.
            var code = i % 5 == 4 ? whole.CodeOf(i - 1)!.Value : RandomCode(random);
            whole.Add(i, code, default);
            parts[i % shards].Add(i, code, default);
        }

        for (var q = 0; q < 5; q++)
        {
            var query = RandomCode(random);

            var merged = SignatureIndex.Merge(parts.Select(p => p.Search(query, SearchFilter.None, top, excludeItemId: 17)), top);

            Assert.That(merged, Is.EqualTo(whole.Search(query, SearchFilter.None, top, excludeItemId: 17)));
        }
    }

    [Test]
    public void Search_Filters_KeepOnlyKnownMatchesAndExcludeTheQuery()
    {
        var random = new Random(9);
        var index = new SignatureIndex(Codec);
        var codes = new StageOneCode[300];
        var facets = new ItemFacets[300];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = RandomCode(random);
            facets[i] = new ItemFacets(
                i % 3 == 0 ? null : i % 3 == 1 ? "9x19mm Parabellum" : ".40 S&W",
                i % 2 == 0 ? "hemispherical" : "rectangular",
                i % 4 < 2 ? "MX" : "US",
                i % 4 < 2 ? "MX-SON" : "US-TX",
                i % 5 == 0 ? null : new DateOnly(2024, 1, 1).AddDays(i));
            index.Add(i, codes[i], facets[i]);
        }

        var filter = new SearchFilter { Caliber = "9x19mm Parabellum", Country = "MX", From = new DateOnly(2024, 3, 1), To = new DateOnly(2024, 8, 31) };
        bool Keeps(int i) => facets[i].Caliber == filter.Caliber && facets[i].Country == "MX" && facets[i].Date is { } d && d >= filter.From && d <= filter.To && i != 100;

        var hits = index.Search(codes[100], filter, 50, excludeItemId: 100);

        Assert.That(hits.Select(h => h.ItemId), Is.EqualTo(BruteForce(codes, codes[100], 50, Keeps)));
        Assert.That(hits, Is.Not.Empty);
        Assert.That(index.Search(codes[0], new SearchFilter { Caliber = ".45 ACP" }, 10), Is.Empty, "a caliber no item has");
        Assert.That(index.Search(codes[0], new SearchFilter { Region = "US-TX", FiringPinClass = "rectangular" }, 300).Select(h => facets[h.ItemId]),
            Has.All.Matches<ItemFacets>(f => f.Region == "US-TX" && f.FiringPinClass == "rectangular"));
    }

    [Test]
    public void Search_MeasuredShapeFilter_OnlyItemsMeasuredSoAndNotTheDeclaredClass()
    {
        var random = new Random(4);
        var index = new SignatureIndex(Codec);
        var codes = new StageOneCode[60];
        var facets = new ItemFacets[60];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = RandomCode(random);
            // The declared class says "elliptical" for every item: only the measured shape may select.
            facets[i] = new ItemFacets(null, "elliptical", null, null, null) { FiringPinShape = (i % 3) switch { 0 => "circular", 1 => "elliptical", _ => null } };
            index.Add(i, codes[i], facets[i]);
        }

        var hits = index.Search(codes[0], new SearchFilter { FiringPinShape = "elliptical" }, 60);

        Assert.That(hits.Select(h => h.ItemId), Is.EquivalentTo(Enumerable.Range(0, 60).Where(i => i % 3 == 1).Select(i => (long)i)));
        Assert.That(index.Search(codes[0], new SearchFilter { FiringPinShape = "rectangular" }, 60), Is.Empty, "a shape no item was measured to have");
    }

    [Test]
    public void Search_PhotographsAndTopographiesOnFile_EachSearchKeepsToItsModality()
    {
        var random = new Random(6);
        var index = new SignatureIndex(Codec);
        var codes = new StageOneCode[40];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = RandomCode(random);
            index.Add(i, codes[i], new ItemFacets(null, null, null, null, null) { Modality = i % 4 == 0 ? Engine.Matching.Modalities.Photograph : null });
        }

        var topographies = index.Search(codes[0], SearchFilter.None, 40);
        var photographs = index.Search(codes[0], new SearchFilter { Modality = Engine.Matching.Modalities.Photograph }, 40);

        Assert.That(topographies.Select(h => h.ItemId), Is.EquivalentTo(Enumerable.Range(0, 40).Where(i => i % 4 != 0).Select(i => (long)i)), "the default search is of topographies");
        Assert.That(photographs.Select(h => h.ItemId), Is.EquivalentTo(Enumerable.Range(0, 40).Where(i => i % 4 == 0).Select(i => (long)i)));
    }


    [Test]
    public void Search_LightFilter_SideKeepsSideLitRingKeepsRingAndUnknown()
    {
        var random = new Random(8);
        var index = new SignatureIndex(Codec);
        var codes = new StageOneCode[30];
        ImageLighting?[] lights = [ImageLighting.Ring, ImageLighting.Side, null];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = RandomCode(random);
            index.Add(i, codes[i], new ItemFacets(null, null, null, null, null) { Modality = Engine.Matching.Modalities.Photograph, Lighting = lights[i % 3] });
        }

        var photographs = new SearchFilter { Modality = Engine.Matching.Modalities.Photograph };
        var side = index.Search(codes[0], photographs with { Lighting = ImageLighting.Side }, 30);
        var ring = index.Search(codes[0], photographs with { Lighting = ImageLighting.Ring }, 30);
        var all = index.Search(codes[0], photographs, 30);

        Assert.That(side.Select(h => h.ItemId % 3), Is.EqualTo(Enumerable.Repeat(1L, 10)));
        Assert.That(ring.Select(h => h.ItemId % 3).Order(), Is.EqualTo(Enumerable.Repeat(0L, 10).Concat(Enumerable.Repeat(2L, 10))), "a photograph of unknown light is compared as ring-lit");
        Assert.That(all, Has.Length.EqualTo(30));
    }
    [Test]
    public void Search_NoPhotographOnFile_PhotographSearchFindsNothing()
    {
        var random = new Random(7);
        var index = new SignatureIndex(Codec);
        var code = RandomCode(random);
        index.Add(1, code, new ItemFacets(null, null, null, null, null));

        Assert.That(index.Search(code, new SearchFilter { Modality = Engine.Matching.Modalities.Photograph }, 5), Is.Empty);
        Assert.That(index.Search(code, SearchFilter.None, 5), Has.Length.EqualTo(1));
    }

    [Test]
    public void Search_EqualSimilarities_LowerIdFirst()
    {
        var random = new Random(3);
        var index = new SignatureIndex(Codec);
        var code = RandomCode(random);
        for (var i = 0; i < 10; i++)
        {
            index.Add(100 - i, code, default);
        }

        Assert.That(index.Search(code, SearchFilter.None, 3).Select(h => h.ItemId), Is.EqualTo(new long[] { 91, 92, 93 }));
    }

    [Test]
    public void Search_SeveralCodes_EachItemOnceAtItsBestSimilarityWithAny()
    {
        var random = new Random(11);
        var index = new SignatureIndex(Codec);
        var codes = new StageOneCode[500];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = RandomCode(random);
            index.Add(i, codes[i], default);
        }

        // Item 7 is near the second code only, item 9 near the first only: both must be found, each once.
        StageOneCode[] queries = [codes[9] with { Scale = 0.004f }, codes[7] with { Scale = 0.009f }];
        var hits = index.Search(queries, SearchFilter.None, 20);

        var expected = Enumerable.Range(0, codes.Length)
            .Select(i => (Id: (long)i, Similarity: queries.Max(q => Int8Dot.Dot(q.Code, codes[i].Code, useVectors: false) * codes[i].Scale * q.Scale)))
            .OrderByDescending(h => h.Similarity).ThenBy(h => h.Id)
            .Take(20)
            .ToArray();
        Assert.That(hits.Select(h => h.ItemId), Is.EqualTo(expected.Select(h => h.Id)));
        Assert.That(hits.Select(h => h.ItemId), Is.Unique);
        Assert.That(hits.Select(h => h.ItemId).Take(2), Is.EquivalentTo(new long[] { 7, 9 }));
        for (var i = 0; i < hits.Length; i++)
        {
            Assert.That(hits[i].Similarity, Is.EqualTo(expected[i].Similarity).Within(1e-6 * Math.Abs(expected[i].Similarity)));
        }
    }

    [Test]
    public void Search_OneCodeInAList_SameHitsAndSimilaritiesAsTheCodeAlone()
    {
        var (index, random) = RandomIndex(seed: 12, items: 300);
        var query = RandomCode(random);

        Assert.That(index.Search([query], SearchFilter.None, 25), Is.EqualTo(index.Search(query, SearchFilter.None, 25)));
    }

    [Test]
    public void Search_ACodeOfZerosFirst_SameHitsAsTheOtherCodeAlone()
    {
        var (index, random) = RandomIndex(seed: 13, items: 200);
        var query = RandomCode(random);
        var zeros = new StageOneCode(new sbyte[Codec.CodeBytes], 0);

        var hits = index.Search([zeros, query], SearchFilter.None, 15);

        var alone = index.Search(query, SearchFilter.None, 15);
        Assert.That(hits.Select(h => h.ItemId), Is.EqualTo(alone.Select(h => h.ItemId)));
        Assert.That(hits.Select(h => h.Similarity), Is.EqualTo(alone.Select(h => h.Similarity)).Within(1e-6f));
    }

    [Test]
    public void Search_NoCodes_Refused()
    {
        var index = new SignatureIndex(Codec);

        Assert.That(() => index.Search(Array.Empty<StageOneCode>(), SearchFilter.None, 5), Throws.ArgumentException.With.Message.Contains("at least one code"));
    }

    [Test]
    public void Add_CodeOfAnotherLength_Refused()
    {
        var index = new SignatureIndex(Codec);

        Assert.That(() => index.Add(1, new StageOneCode(new sbyte[Codec.CodeBytes - 32], 1), default), Throws.ArgumentException.With.Message.Contains("bytes"));
    }
}
