using Ballistics.Store;
using Ballistics.Testing;
using static Ballistics.Cli.Tests.Commands.InfoCommandTests;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class CorrelateCommandTests
{
    private static string Corpus(TempDirectory dir, int seed)
    {
        var (generated, _, generateError) = Run(["samples", "generate", "--out", dir.File("set"), "--firearms", "4", "--fires", "3", "--seed", $"{seed}"]);
        Assert.That(generated, Is.Zero, generateError);
        var store = dir.File("data");
        var (added, _, addError) = Run(["corpus", "add", "--manifest", dir.File("set/manifest.csv"), "--store", store]);
        Assert.That(added, Is.Zero, addError);
        return store;
    }

    private static string[][] Rows(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];

    [Test]
    public void Correlate_All_EveryItemItsLeadsOnceAndMatesFirst()
    {
        using var dir = new TempDirectory();
        var store = Corpus(dir, seed: 611);

        var (code, output, error) = Run(["correlate", "--all", "--store", store, "--out", dir.File("results.csv"), "--leads", "3", "--candidates", "6"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("12 items correlated, 36 leads written"));
        var lines = File.ReadAllLines(dir.File("results.csv"));
        Assert.That(lines[0], Is.EqualTo("item_id,exhibit_id,rank,candidate_id,candidate_exhibit_id,score,score_bf,score_fp,score_shear,similarity,cmc,ccf,theta_deg,dx_um,dy_um,candidate_incident_id,candidate_firearm_id,status"));
        var rows = Rows(dir.File("results.csv"));
        Assert.That(rows.Select(r => (r[0], r[2])).Distinct().Count(), Is.EqualTo(36));
        Assert.That(rows.Where(r => r[0] == r[3]), Is.Empty, "no item is its own lead");
        var firstLeads = rows.Where(r => r[2] == "1").ToArray();
        var mates = firstLeads.Count(r => r[1][..5] == r[16]);
        Assert.That(mates, Is.GreaterThanOrEqualTo(11), "the first lead is a mate for (almost) every item of an easy set");
    }

    [Test]
    public void Correlate_Full_ACascadeJobOfItsOwn()
    {
        using var dir = new TempDirectory();
        var store = Corpus(dir, seed: 614);

        var (code, output, error) = Run(["correlate", "--all", "--store", store, "--out", dir.File("cascade.csv"), "--leads", "2", "--full", "2"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("job 1:"));
        Assert.That(output, Does.Contain("12 items correlated, 24 leads written"));
        var rows = Rows(dir.File("cascade.csv"));
        Assert.That(rows.Count(r => r[2] == "1" && r[1][..5] == r[16]), Is.GreaterThanOrEqualTo(11), "a mate first for (almost) every item");
        using var opened = DataStore.Open(store, create: false).Value;
        Assert.That(opened.Correlations.Get(1)!.FullComparisons, Is.EqualTo(2));
    }

    [Test]
    public void Correlate_SinceTomorrow_NothingSelected()
    {
        using var dir = new TempDirectory();
        var store = Corpus(dir, seed: 612);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (code, output, error) = Run(["correlate", "--since", tomorrow, "--store", store, "--out", dir.File("r.csv")]);
        var (both, _, bothError) = Run(["correlate", "--since", tomorrow, "--all", "--store", store, "--out", dir.File("r.csv")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("0 items correlated, 0 leads"));
        Assert.That(both, Is.EqualTo(2));
        Assert.That(bothError, Does.Contain("exactly one of --since DATE and --all"));
    }

    /// <summary>Issue 4 §3: a correlate killed mid-job and run again finishes the rest; no item's leads twice, none lost.</summary>
    [Test]
    [CancelAfter(300_000)]
    public void Correlate_KilledMidJob_ResumesWithoutRedoingOrDuplicating()
    {
        using var dir = new TempDirectory();
        var store = Corpus(dir, seed: 613);
        string[] args = ["correlate", "--all", "--store", store, "--out", dir.File("results.csv"), "--leads", "3", "--candidates", "11"];

        long doneAtKill;
        using (var child = ChildCli.Start(args))
        {
            doneAtKill = ChildCli.WaitForCommit(Path.Combine(store, DataStore.DatabaseFile), "SELECT count(*) FROM correlation_done", child, TimeSpan.FromSeconds(180));
            Assert.That(child.HasExited, Is.False, "the job finished before it could be killed");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        var (code, output, error) = Run(args);

        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Match(@"resuming job 1: \d+ items done, \d+ to go"));
        Assert.That(output, Does.Contain("12 items correlated, 36 leads written"));
        var rows = Rows(dir.File("results.csv"));
        Assert.That(rows, Has.Length.EqualTo(36));
        Assert.That(rows.Select(r => (r[0], r[2])).Distinct().Count(), Is.EqualTo(36));
        using var opened = DataStore.Open(store, create: false).Value;
        Assert.That(opened.Check().IsWhole, Is.True);
        TestContext.Out.WriteLine($"killed after {doneAtKill} items");
    }
}
