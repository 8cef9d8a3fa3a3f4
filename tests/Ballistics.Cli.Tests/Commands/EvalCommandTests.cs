using Ballistics.Testing;
using static Ballistics.Cli.Tests.Commands.InfoCommandTests;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class EvalCommandTests
{
    [Test]
    public void Eval_GeneratedSet_ReportsBothMethodsAndWritesFiles()
    {
        using var dir = new TempDirectory();
        var (generated, _, generateError) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "3", "--fires", "2", "--seed", "424242"]);
        Assert.That(generated, Is.Zero, generateError);

        var (code, output, error) = Run(["eval", "--manifest", Path.Combine(dir.Path, "manifest.csv"), "--out", dir.File("eval")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Match(@"score: auc=[01]\.\d{4} eer=\S+ threshold=0\.5 fpr=\S+ fnr=\S+ top1=\S+ top10=\S+ gap=\S+"));
        Assert.That(output, Does.Contain("baseline_ccf: auc="));
        Assert.That(output, Does.Contain("scans=6 pairs=15 same_source=3"));
        Assert.That(File.ReadAllLines(dir.File("eval/scores.csv")), Has.Length.EqualTo(16));
        Assert.That(new FileInfo(dir.File("eval/accuracy.png")).Length, Is.GreaterThan(1000));
        var features = File.ReadAllLines(dir.File("eval/features.csv"));
        Assert.That(features, Has.Length.EqualTo(16));
        Assert.That(features[0], Is.EqualTo("a,b,same_source," + string.Join(',', Ballistics.Engine.Comparison.ComparisonFeatures.Names)));
        Assert.That(features.Skip(1).Count(l => l.Split(',')[2] == "1"), Is.EqualTo(3), "same-source pairs labelled");
        // The generator's ground_truth.csv sits beside the manifest: the AUC split by group and the registration check.
        Assert.That(output, Does.Match(@"by_group: same_vs_same_group auc=\S+ \(\d+ pairs\) same_vs_other_groups auc=[01]\.\d{4} \(\d+ pairs\)"));
        Assert.That(output, Does.Match(@"registration: [0-3] of 3 same-source pairs within 3° of the generator's angle"));
        Assert.That(output, Does.Match(@"calibration: brier=0\.\d{4} ece=0\.\d{4} bins="));
        Assert.That(output, Does.Match(@"baseline [01]\.\d{4} / [01]\.\d{4}"), "the same-batch split of the plain correlation beside the score's");
        Assert.That(new FileInfo(dir.File("eval/reliability.png")).Length, Is.GreaterThan(1000));
    }

    [Test]
    public void Eval_RandomConditions_AucPerCondition()
    {
        using var dir = new TempDirectory();
        var (generated, _, generateError) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "4", "--fires", "4", "--seed", "424244", "--random-conditions", "--condition", "step_um=6"]);
        Assert.That(generated, Is.Zero, generateError);

        var (code, output, error) = Run(["eval", "--manifest", Path.Combine(dir.Path, "manifest.csv"), "--out", dir.File("eval")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Match(@"condition layout: (\S+ auc=[01]\.\d{4} \(\d+/\d+\)\s*)+"));
        Assert.That(output, Does.Not.Contain("condition step_um"), "one step for every scan: nothing to split");
    }

    [Test]
    public void Eval_BadGroundTruth_FailsNamingLineAndField()
    {
        using var dir = new TempDirectory();
        var (generated, _, generateError) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "2", "--fires", "2", "--seed", "424243"]);
        Assert.That(generated, Is.Zero, generateError);
        File.WriteAllText(dir.File("truth.csv"), "file,group,rotation_deg\nscans/F0001_fire01.x3p,1,north\n");

        var (code, output, error) = Run(["eval", "--manifest", Path.Combine(dir.Path, "manifest.csv"), "--out", dir.File("eval"), "--truth", dir.File("truth.csv")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("truth.csv: line 2, field rotation_deg: 'north' is not a number of degrees"));
        Assert.That(output, Does.Contain("score: auc="), "the scores are still reported");
    }

    [Test]
    public void Eval_ManifestWithoutFirearmColumn_FailsNamingIt()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("manifest.csv"), "file\na.x3p\n");

        var (code, _, error) = Run(["eval", "--manifest", dir.File("manifest.csv")]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("manifest.csv: line 1: header lacks column(s) firearm_id"));
    }
}
