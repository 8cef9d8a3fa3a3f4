using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Rendering;
using Ballistics.Engine.Scoring;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Scans;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Ballistics.Testing;
using OpenCvSharp;
using Orleans.TestingHost;

namespace Ballistics.Cluster.Tests.Corpus;

/// <summary>
/// Photographs on file, searched on the cluster as in one process: the query's several stage-1 codes (one per variant
/// of its shading) cross to the shards, and the prepared photograph crosses to them whole for the screen.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PhotographClusterSearchTests
{
    /// <summary>Shared scans photographed under rings brighter from sides apart on the case (two cases of each of two firearms).</summary>
    private static readonly (string Scan, double AzimuthDeg)[] Photographed =
    [
        ("fadul_1-1_processed", 20), ("fadul_1-2_processed", 110), ("baldwin_K013sA1_processed", 65), ("baldwin_K013sA2_processed", 150),
    ];

    private TempDirectory _dir = null!;
    private BreechFaceMatcher _matcher = null!;
    private InProcessTestCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StoreAndCluster()
    {
        _dir = new TempDirectory();
        _matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var submissions = Photographed.Select(p =>
        {
            var path = _dir.File($"{p.Scan}.png");
            File.WriteAllBytes(path, RingPhotograph(p.Scan, p.AzimuthDeg));
            return new ScanSubmission(path, new ScanItemMetadata { ExhibitId = p.Scan, PixelSizeUm = PixelSizeUm, Lighting = ImageLighting.Ring });
        }).ToArray();
        using (var store = DataStore.Open(_dir.File("data"), create: true).Value)
        {
            var added = store.Scans.Add(submissions, _matcher, SignatureCodec.Default, SurfaceFileOptions.Default);
            Assert.That(added.Added, Has.Count.EqualTo(Photographed.Length), string.Join("; ", added.Rejected));
        }

        _cluster = TestCorpus.Cluster(_dir.File("data"), _matcher);
        await _cluster.DeployAsync();
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _dir.Dispose();
    }

    private const double PixelSizeUm = 5;

    /// <summary>A shared scan rendered under a ring brighter from <paramref name="azimuthDeg"/>: a 16-bit PNG.</summary>
    private static byte[] RingPhotograph(string scan, double azimuthDeg)
    {
        var surface = Ingest.X3p.X3pReader.Read(SharedData.X3p($"cartridge/{scan}.x3p")).Value;
        using var radiance = PhotographRendering.Radiance(surface, LightingModel.Typical(ImageLighting.Ring, azimuthDeg), PixelSizeUm);
        Cv2.Normalize(radiance, radiance, 0, 1, NormTypes.MinMax);
        using var photo = new Mat();
        radiance.ConvertTo(photo, MatType.CV_16UC1, ushort.MaxValue);
        Cv2.ImEncode(".png", photo, out var png);
        return png;
    }

    [Test]
    public async Task Search_PhotographAmongPhotographs_SameStageOneAndLeadsAsOneProcess()
    {
        // Fewer compared in full than screened: the screen runs on the silos, the query crossing to them.
        var searched = await TestCorpus.SearchEveryItemBothWays(_dir.File("data"), _matcher, _cluster.Client, CorpusSearchOptions.Default with { FullComparisons = 1 });

        Assert.That(searched, Has.Count.EqualTo(Photographed.Length));
        var search = new CorpusSearch(new SignatureIndex(SignatureCodec.Default), _matcher);
        foreach (var (fileName, query, result) in searched)
        {
            Assert.That(search.Codes(query), Has.Count.EqualTo(1 + query.Relit.Count).And.Count.GreaterThan(1), "a ring photograph searches with its shading relit too");
            Assert.That(result.StageOne, Has.Count.EqualTo(Photographed.Length - 1), fileName);
            Assert.That(result.Skipped, Is.Empty, fileName);
        }
    }
}
