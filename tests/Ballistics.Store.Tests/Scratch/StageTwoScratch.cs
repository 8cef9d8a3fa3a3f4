using System.Diagnostics;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Ingest;

namespace Ballistics.Store.Tests.Scratch;

[TestFixture, Explicit]
public sealed class StageTwoScratch
{
    [Test]
    public void Profile()
    {
        OpenCvSharp.Cv2.SetNumThreads(1);
        using var store = RecordStore.Open("/tmp/store1", create: false).Value;
        var matcher = new BreechFaceMatcher(ScoreModel.LoadDefault());
        var items = Enumerable.Range(1, 41).Select(i => store.Scans.Get(i)!).ToArray();
        var w = Stopwatch.StartNew();
        var scans = items.Select(i => store.Scans.Prepared(i, matcher, SurfaceFileOptions.Default).Scan!).ToArray();
        var load = w.Elapsed.TotalMilliseconds / items.Length;
        w.Restart();
        foreach (var s in scans) matcher.Signature(s, SignatureOptions.Default);
        var view = w.Elapsed.TotalMilliseconds / items.Length;
        w.Restart();
        for (var i = 1; i < scans.Length; i++) matcher.Compare(scans[0], scans[i]);
        var compare = w.Elapsed.TotalMilliseconds / (scans.Length - 1);
        TestContext.Out.WriteLine($"load {load:F1} ms, view {view:F1} ms, compare {compare:F1} ms; size {scans[0].Surface.Width}x{scans[0].Surface.Height} step {scans[0].Surface.LateralStepXUm}");
        var gc0 = GC.CollectionCount(0); var gc2 = GC.CollectionCount(2);
        w.Restart();
        var fresh = items.Select(i => store.Scans.Prepared(i, matcher, SurfaceFileOptions.Default).Scan!).ToArray();
        for (var i = 1; i < fresh.Length; i++) matcher.Compare(scans[0], fresh[i]);
        TestContext.Out.WriteLine($"fresh load+view+compare {w.Elapsed.TotalMilliseconds / (fresh.Length - 1):F1} ms per candidate; gc0 {GC.CollectionCount(0) - gc0} gc2 {GC.CollectionCount(2) - gc2}");
    }
}
