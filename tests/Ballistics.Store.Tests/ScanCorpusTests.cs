using Ballistics.Store.Database;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Scans;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class ScanCorpusTests(StoreEngine engine)
{
    // Preparing and signing need no score model.
    private static readonly BreechFaceMatcher Matcher = new(model: null);

    private static string Real(string name) => SharedData.X3p($"cartridge/{name}.x3p");

    private static ScanAddResult Add(DataStore store, params ScanSubmission[] submissions) =>
        store.Scans.Add(submissions, Matcher, SignatureCodec.Default, SurfaceFileOptions.Default);

    [Test]
    public void Add_SameBytesTwiceUnderTwoNames_OneItemAndAddAgainSkipsIt()
    {
        using var dir = new TempDirectory();
        var copy = dir.File("renamed.x3p");
        File.Copy(Real("fadul_1-1_processed"), copy);
        using var store = TestStores.Create(dir, engine);

        var first = Add(store, new ScanSubmission(Real("fadul_1-1_processed")), new ScanSubmission(copy));
        var again = Add(store, new ScanSubmission(copy));

        Assert.That(first.Added, Has.Count.EqualTo(1));
        Assert.That(first.Duplicates, Has.Count.EqualTo(1));
        Assert.That(again.Added, Is.Empty);
        Assert.That(again.Duplicates, Is.EqualTo(new[] { copy }));
        Assert.That(store.Scans.Count, Is.EqualTo(1));
        var item = store.Scans.Get(first.Added[0])!;
        var stored = File.ReadAllBytes(store.Scans.OriginalPath(item));
        Assert.That(stored, Is.EqualTo(File.ReadAllBytes(copy)));
        Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)), Is.EqualTo(item.Sha256));
    }

    [Test]
    public void Add_RawAndProcessedScans_FiringPinShapeMeasuredKeptAndReadBack()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        var added = Add(store, new ScanSubmission(Real("baldwin_K013sA1_raw")), new ScanSubmission(Real("fadul_1-1_processed")));

        var shapes = added.Added.Select(id => store.Scans.Get(id)!).ToDictionary(i => i.FileName, i => i.FiringPinShape);
        Assert.That(shapes, Is.EquivalentTo(new Dictionary<string, string?> { ["baldwin_K013sA1_raw.x3p"] = "circular", ["fadul_1-1_processed.x3p"] = null }));
        Assert.That(ScanCorpus.Facets(store.Scans.Get(added.Added[0])!).FiringPinShape, Is.EqualTo(shapes[store.Scans.Get(added.Added[0])!.FileName]));
    }

    [Test]
    public void Add_BadFileAmongGood_RejectedWithItsPathAndTheOthersStored()
    {
        using var dir = new TempDirectory();
        var bad = dir.File("broken.x3p");
        File.WriteAllBytes(bad, [0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
        var empty = dir.File("empty.x3p");
        File.WriteAllBytes(empty, []);
        var image = dir.File("photo.png");
        File.WriteAllBytes(image, [0x89, 0x50, 0x4e, 0x47]);
        using var store = TestStores.Create(dir, engine);
        Add(store, new ScanSubmission(Real("fadul_1-2_processed")));

        var result = Add(store, new ScanSubmission(bad), new ScanSubmission(Real("triplet_x3p1_processed")), new ScanSubmission(empty), new ScanSubmission(image));

        Assert.That(result.Added, Has.Count.EqualTo(1));
        Assert.That(result.Rejected.Select(r => r.Source), Is.EqualTo(new[] { bad, empty, image }));
        Assert.That(result.Rejected[1].Message, Does.Contain("empty"));
        Assert.That(result.Rejected[2].Kind, Is.EqualTo(IngestErrorKind.ImageDecode).Or.EqualTo(IngestErrorKind.InvalidValue), result.Rejected[2].ToString());
        Assert.That(store.Scans.Count, Is.EqualTo(2), "the item stored before is kept");
        Assert.That(store.Check().IsWhole, Is.True);
    }

    [Test]
    public void Get_AddedWithMetadata_RoundTrips()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var metadata = new ScanItemMetadata
        {
            ExhibitId = "MX-SON-2025-0042-A",
            Kind = ScanItemKind.TestFire,
            Lab = "FGR Hermosillo",
            Agency = "FGR",
            Country = "MX",
            FirearmId = "SEIZED-17",
            IncidentId = "INC-9",
            Caliber = "9x19mm Parabellum",
            FiringPinClass = "hemispherical",
            BreechFaceClass = "granular",
            Date = new DateOnly(2025, 3, 14),
            MxState = "MX-SON",
            MxMunicipality = "Nogales",
        };

        var id = Add(store, new ScanSubmission(Real("fadul_1-1_processed"), metadata)).Added.Single();
        var item = store.Scans.Get(id)!;

        Assert.That(item.Metadata, Is.EqualTo(metadata));
        Assert.That(item.FileName, Is.EqualTo("fadul_1-1_processed.x3p"));
        Assert.That(item.SignatureVersion, Is.EqualTo(SignatureCodec.Default.Version));
        Assert.That(store.Scans.Get(id + 1), Is.Null);
    }

    [Test]
    public void LoadIndex_RealScans_SameSourceRanksFirst()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var names = new[] { "fadul_1-1_processed", "baldwin_K227iG3_processed", "fadul_1-2_processed", "triplet_x3p1_processed", "baldwin_K013sA1_processed" };
        var ids = Add(store, [.. names.Select(n => new ScanSubmission(Real(n)))]).Added;

        var index = store.Scans.LoadIndex(SignatureCodec.Default, Matcher, SurfaceFileOptions.Default);
        var query = index.CodeOf(ids[0])!.Value;
        var hits = index.Search(query, SearchFilter.None, 10, excludeItemId: ids[0]);

        Assert.That(index.Count, Is.EqualTo(5));
        Assert.That(hits.Select(h => h.ItemId), Has.No.Member(ids[0]));
        Assert.That(hits[0].ItemId, Is.EqualTo(ids[2]), "fadul 1-2 first for fadul 1-1");
    }

    [Test]
    public void AddToIndex_AfterAnId_TakesInOnlyLaterItemsTheFilterKeepsAndReturnsTheLastSeen()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var names = new[] { "fadul_1-1_processed", "baldwin_K227iG3_processed", "fadul_1-2_processed", "triplet_x3p1_processed", "baldwin_K013sA1_processed" };
        var ids = Add(store, [.. names.Select(n => new ScanSubmission(Real(n)))]).Added;
        var index = new SignatureIndex(SignatureCodec.Default);

        var last = store.Scans.AddToIndex(index, ids[1], Matcher, SurfaceFileOptions.Default, keep: id => id != ids[3]);
        var none = store.Scans.AddToIndex(index, last, Matcher, SurfaceFileOptions.Default);

        Assert.That(last, Is.EqualTo(ids[4]).And.EqualTo(store.Scans.LastId()), "the last id seen, kept or not");
        Assert.That(none, Is.EqualTo(last), "nothing after it");
        Assert.That(index.Count, Is.EqualTo(2));
        Assert.That(index.CodeOf(ids[2])!.Value.Code, Is.EqualTo(store.Scans.CodeOf(ids[2], SignatureCodec.Default)!.Value.Code));
        Assert.That(index.CodeOf(ids[4]), Is.Not.Null);
        Assert.That(index.CodeOf(ids[3]), Is.Null, "the filter's");
        Assert.That(index.CodeOf(ids[1]), Is.Null, "not after the id");
    }

    [Test]
    public void AddToIndex_PagesSmallerThanTheCorpus_EveryItemOnce()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var names = new[] { "fadul_1-1_processed", "baldwin_K227iG3_processed", "fadul_1-2_processed", "triplet_x3p1_processed", "baldwin_K013sA1_processed" };
        var ids = Add(store, [.. names.Select(n => new ScanSubmission(Real(n)))]).Added;
        store.Scans.IndexPageRows = 2;
        var index = new SignatureIndex(SignatureCodec.Default);

        var last = store.Scans.AddToIndex(index, 0, Matcher, SurfaceFileOptions.Default);

        Assert.That(last, Is.EqualTo(ids[^1]));
        Assert.That(index.Count, Is.EqualTo(5), "three pages of two, two and one");
        Assert.That(ids.Select(id => index.CodeOf(id)), Has.All.Not.Null);
    }

    [Test]
    public void LoadIndex_WhileOtherThreadsReadItems_EveryReadAnswered()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var names = new[] { "fadul_1-1_processed", "baldwin_K227iG3_processed", "fadul_1-2_processed", "triplet_x3p1_processed" };
        var ids = Add(store, [.. names.Select(n => new ScanSubmission(Real(n)))]).Added;
        store.Scans.IndexPageRows = 1;

        // The index loader and searches' candidate reads share the corpus's one connection: each takes its turn.
        var loads = Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.Scans.LoadIndex(SignatureCodec.Default, Matcher, SurfaceFileOptions.Default).Count));
        var reads = Enumerable.Range(0, 8).Select(k => Task.Run(() => Enumerable.Range(0, 50).Count(i => store.Scans.Get(ids[(i + k) % ids.Count]) is not null)));
        var loaded = Task.WhenAll(loads).GetAwaiter().GetResult();
        var read = Task.WhenAll(reads).GetAwaiter().GetResult();

        Assert.That(loaded, Has.All.EqualTo(4));
        Assert.That(read, Has.All.EqualTo(50));
    }

    [Test]
    public void LastId_EmptyStore_Zero()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        Assert.That(store.Scans.LastId(), Is.Zero);
    }

    /// <summary>A shared processed scan photographed under a ring light: an 8-bit PNG without resolution fields.</summary>
    private static byte[] PhotographWithoutPixelSize(string scan)
    {
        var surface = Ingest.X3p.X3pReader.Read(Real(scan)).Value;
        using var radiance = Engine.Rendering.PhotographRendering.Radiance(surface, Engine.Rendering.LightingModel.Typical(Engine.Surfaces.ImageLighting.Ring), 5);
        OpenCvSharp.Cv2.Normalize(radiance, radiance, 0, 1, OpenCvSharp.NormTypes.MinMax);
        using var photo = new OpenCvSharp.Mat();
        radiance.ConvertTo(photo, OpenCvSharp.MatType.CV_8UC1, 255);
        OpenCvSharp.Cv2.ImEncode(".png", photo, out var png);
        return png;
    }

    [Test]
    public void Add_PhotographWithStatedPixelSize_StoredAs2dAndReadAgainAsAdded()
    {
        using var dir = new TempDirectory();
        var path = dir.File("case.png");
        File.WriteAllBytes(path, PhotographWithoutPixelSize("fadul_1-1_processed"));
        using var store = TestStores.Create(dir, engine);
        var metadata = new ScanItemMetadata { ExhibitId = "photo-1", PixelSizeUm = 5, Lighting = Engine.Surfaces.ImageLighting.Ring };

        var id = Add(store, new ScanSubmission(path, metadata), new ScanSubmission(Real("fadul_1-2_processed"))).Added[0];
        var item = store.Scans.Get(id)!;
        File.Delete(store.Scans.Cache.PathOf(item.Sha256));
        var original = store.Scans.Original(item, SurfaceFileOptions.Default);
        var (prepared, reason) = store.Scans.Prepared(item, Matcher, SurfaceFileOptions.Default);

        Assert.That(item.Modality, Is.EqualTo(Modalities.Photograph));
        Assert.That(item.Metadata, Is.EqualTo(metadata));
        Assert.That(store.Scans.Get(id + 1)!.Modality, Is.EqualTo(Modalities.Topography));
        Assert.That(original.Value.LateralStepXUm, Is.EqualTo(5));
        Assert.That(original.Value.Metadata.Lighting, Is.EqualTo(Engine.Surfaces.ImageLighting.Ring));
        Assert.That(reason, Is.Null);
        Assert.That(prepared!.Kind, Is.EqualTo(Engine.Surfaces.SurfaceKind.Intensity2D), "prepared again from the original, at the pixel size stated");
        Assert.That(ScanCorpus.Facets(item).Modality, Is.EqualTo(Modalities.Photograph));
    }

    [Test]
    public void Add_PhotographWithoutPixelSize_RejectedSayingWhatToGive()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bare.png");
        File.WriteAllBytes(path, PhotographWithoutPixelSize("fadul_1-1_processed"));
        using var store = TestStores.Create(dir, engine);

        var result = Add(store, new ScanSubmission(path));

        Assert.That(result.Added, Is.Empty);
        Assert.That(result.Rejected.Single().Message, Does.Contain("pixel_size_um"));
        Assert.That(store.Scans.Count, Is.Zero);
    }

    [Test]
    public void Prepared_CacheEntryLostOrCorrupt_PreparedAgainFromTheOriginal()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var id = Add(store, new ScanSubmission(Real("fadul_1-2_processed"))).Added.Single();
        var item = store.Scans.Get(id)!;
        var (cached, _) = store.Scans.Prepared(item, Matcher, SurfaceFileOptions.Default);
        var entry = store.Scans.Cache.PathOf(item.Sha256);

        File.WriteAllBytes(entry, [1, 2, 3]);
        var (fromCorrupt, _) = store.Scans.Prepared(item, Matcher, SurfaceFileOptions.Default);
        File.Delete(entry);
        var (fromMissing, reason) = store.Scans.Prepared(item, Matcher, SurfaceFileOptions.Default);

        Assert.That(reason, Is.Null);
        Assert.That(fromCorrupt!.Surface.ValuesBitEqual(cached!.Surface), Is.True);
        Assert.That(fromMissing!.Surface.ValuesBitEqual(cached.Surface), Is.True);
        Assert.That(File.Exists(entry), Is.True, "cached again");
    }

    [Test]
    public void Prepared_OriginalMissing_ReasonNamesTheItem()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var id = Add(store, new ScanSubmission(Real("fadul_1-2_processed"))).Added.Single();
        var item = store.Scans.Get(id)!;
        File.Delete(store.Scans.Cache.PathOf(item.Sha256));
        File.Delete(store.Scans.OriginalPath(item));

        var (scan, reason) = store.Scans.Prepared(item, Matcher, SurfaceFileOptions.Default);

        Assert.That(scan, Is.Null);
        Assert.That(reason, Does.Contain($"item {id}").And.Contain("missing"));
        Assert.That(store.Check().MissingOriginals, Is.EqualTo(1));
        Assert.That(store.Check().IsWhole, Is.False);
    }

    [TestCase("signature_version", "signature/0.0")]
    [TestCase("preprocess_version", "preprocess/1.9")]
    public void LoadIndex_CodeMadeByAnotherVersion_RecomputedAndStoredAgain(string column, string version)
    {
        // Another signature, or a store filled before an upgrade of the preprocessing (codes of breech faces prepared the
        // old way, while every query's code is made by today's): the code is made again, and the row says by what.
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var ids = Add(store, new ScanSubmission(Real("fadul_1-1_processed")), new ScanSubmission(Real("fadul_1-2_processed"))).Added;
        var fresh = store.Scans.LoadIndex(SignatureCodec.Default, Matcher, SurfaceFileOptions.Default).CodeOf(ids[1])!.Value;
        var stale = engine == StoreEngine.Postgres ? "'\\x00000000'::bytea" : "x'00000000'";
        TestStores.Scalar(store, $"UPDATE scan_item SET {column} = '{version}', signature = {stale} WHERE id = {ids[1]}");

        var index = store.Scans.LoadIndex(SignatureCodec.Default, Matcher, SurfaceFileOptions.Default);

        Assert.That(index.Count, Is.EqualTo(2));
        Assert.That(index.CodeOf(ids[1])!.Value.Code, Is.EqualTo(fresh.Code));
        Assert.That(store.Scans.Get(ids[1])!.SignatureVersion, Is.EqualTo(SignatureCodec.Default.Version));
        Assert.That(store.Scans.Get(ids[1])!.PreprocessVersion, Is.EqualTo(Preprocessor.AlgorithmVersion));
    }

    [Test]
    public void ScreenSamples_OfAnotherPreprocessing_NotRead()
    {
        // Screen samples carry no version: those of an older preprocessing sit in their own folder and are not found.
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var id = Add(store, new ScanSubmission(Real("fadul_1-2_processed"))).Added.Single();
        var item = store.Scans.Get(id)!;
        var entry = store.Scans.Cache.ScreenPathOf(item.Sha256);

        Assert.That(entry, Does.Contain(DerivedCache.ScreenVersionFolder));
        Assert.That(DerivedCache.ScreenVersionFolder, Does.Contain(Preprocessor.AlgorithmVersion.Replace('/', '-')));
        var older = entry.Replace(DerivedCache.ScreenVersionFolder, "preprocess-1.9+preprocess-photo-1.2", StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(older)!);
        File.Move(entry, older);

        Assert.That(store.Scans.Cache.GetScreen(item.Sha256), Is.Null, "an older preprocessing's samples are not read");
    }

    [Test]
    public void ScreenSamples_CachedAtAdd_AndRebuiltWhenCorrupt()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var id = Add(store, new ScanSubmission(Real("baldwin_K013sA1_raw"))).Added.Single();
        var item = store.Scans.Get(id)!;
        var entry = store.Scans.Cache.ScreenPathOf(item.Sha256);
        Assert.That(File.Exists(entry), Is.True, "written when the item was added");
        var cached = store.Scans.ScreenSamples(item, Matcher, SurfaceFileOptions.Default)!;

        File.WriteAllBytes(entry, [9, 9, 9]);
        var rebuilt = store.Scans.ScreenSamples(item, Matcher, SurfaceFileOptions.Default)!;

        Assert.That(rebuilt.Rings, Is.EqualTo(cached.Rings));
        Assert.That((rebuilt.CoarseWidth, rebuilt.CoarseHeight, rebuilt.CoarseAxis), Is.EqualTo((cached.CoarseWidth, cached.CoarseHeight, cached.CoarseAxis)));
        Assert.That(BreechFaceMatcher.Signature(rebuilt, SignatureOptions.Default), Is.EqualTo(BreechFaceMatcher.Signature(cached, SignatureOptions.Default)));
        Assert.That(new FileInfo(entry).Length, Is.GreaterThan(3), "written again");
    }

    [Test]
    public void ScreenSamples_LocalCache_ReadOnceFromTheStoreThenFromTheLocalCopy()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var id = Add(store, new ScanSubmission(Real("fadul_1-2_processed"))).Added.Single();
        var item = store.Scans.Get(id)!;
        var local = dir.File("local-cache");
        var shared = store.Scans.Cache.ScreenPathOf(item.Sha256);
        using var fromStore = store.Scans.ScreenSamples(item, Matcher, SurfaceFileOptions.Default)!;

        using var first = store.Scans.ScreenSamples(id, Matcher, SurfaceFileOptions.Default, local)!;
        File.Delete(shared);
        using var second = store.Scans.ScreenSamples(id, Matcher, SurfaceFileOptions.Default, local)!;

        Assert.That(new DerivedCache(local).GetScreen(item.Sha256), Is.Not.Null, "kept on the local disk");
        Assert.That(File.Exists(shared), Is.False, "the second read did not go to the store's folder");
        Assert.That(BreechFaceMatcher.Signature(second, SignatureOptions.Default), Is.EqualTo(BreechFaceMatcher.Signature(fromStore, SignatureOptions.Default)));
        Assert.That(store.Scans.ScreenSamples(id + 1, Matcher, SurfaceFileOptions.Default, local), Is.Null, "no such item");
    }

    [Test]
    public void Add_ManyFiles_IdsInTheOrderGiven()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var names = new[] { "triplet_x3p2_processed", "fadul_1-2_processed", "baldwin_K013sA2_raw", "fadul_1-1_processed", "baldwin_K227iG3_processed", "triplet_x3p1_processed" };

        var ids = Add(store, [.. names.Select(n => new ScanSubmission(Real(n)))]).Added;

        Assert.That(ids, Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(ids.Select(id => store.Scans.Get(id)!.Metadata.ExhibitId), Is.EqualTo(names));
    }

    [Test]
    public void Add_Audited_EntryCommittedWithTheItemAndNoneForAFileOnFile()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var copy = dir.File("again.x3p");
        File.Copy(Real("fadul_1-1_processed"), copy);

        var first = Add(store, new ScanSubmission(Real("fadul_1-1_processed"), Audit: id => Entry($"stored as item {id}")));
        var again = Add(store, new ScanSubmission(copy, Audit: id => Entry($"stored as item {id}")));

        Assert.That(first.Added, Has.Count.EqualTo(1));
        Assert.That(again.Duplicates, Has.Count.EqualTo(1));
        var entries = store.Audit.Read();
        Assert.That(entries.Select(e => e.Event.Detail), Is.EqualTo(new[] { $"stored as item {first.Added[0]}" }));
        Assert.That(store.Audit.Verify().Intact, Is.True);
    }

    [Test]
    public void Add_AuditEntryRefused_ItemNotStoredEither()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        // An outcome the log does not know makes the entry fail inside the item's transaction.
        Assert.That(() => Add(store, new ScanSubmission(Real("fadul_1-1_processed"), Audit: _ => Entry("stored") with { Outcome = "perhaps" })), Throws.ArgumentException);

        Assert.That(store.Scans.Count, Is.EqualTo(0), "the item and its entry commit together or not at all");
        Assert.That(store.Audit.Read(), Is.Empty);
        Assert.That(Add(store, new ScanSubmission(Real("fadul_1-1_processed"))).Added, Has.Count.EqualTo(1), "added again once the failure is gone");
    }

    [Test]
    public void Add_ConcurrentAddsOfDifferentAndSameFiles_EachFileStoredOnce()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var names = new[] { "fadul_1-1_processed", "fadul_1-2_processed", "triplet_x3p1_processed", "fadul_1-1_processed", "fadul_1-2_processed", "triplet_x3p1_processed" };

        // Six adds at once, as six uploads would: the same file twice each.
        var results = new ScanAddResult[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = names.Length }, i => results[i] = Add(store, new ScanSubmission(Real(names[i]))));

        Assert.That(results.Sum(r => r.Added.Count), Is.EqualTo(3));
        Assert.That(results.Sum(r => r.Duplicates.Count), Is.EqualTo(3));
        Assert.That(results.SelectMany(r => r.Rejected), Is.Empty);
        Assert.That(store.Scans.Count, Is.EqualTo(3));
        Assert.That(store.Check().IsWhole, Is.True);
    }

    private static Access.AuditEvent Entry(string detail) =>
        new(null, "lab", "FGR", "MX", "POST", "/v1/evidence", "SubmitEvidence", null, "allowed", 201, null, null, detail);
}
