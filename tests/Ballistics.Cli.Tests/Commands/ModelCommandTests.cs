using Ballistics.Cli.Commands;
using Ballistics.Cli.Matching;
using Ballistics.Engine.Scoring;
using Ballistics.Samples;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class ModelCommandTests
{
    [Test]
    public void Train_TinyCorpus_WritesLoadableModel()
    {
        using var dir = new TempDirectory();
        var path = dir.File("model.zip");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = ModelCommand.Train(path, [new TrainingCorpus(77, Difficulty.Easy, 3, 3)], output, error);

        Assert.That(code, Is.Zero, error.ToString());
        using var stream = File.OpenRead(path);
        using var model = ScoreModel.Load(stream);
        Assert.That(output.ToString(), Does.Contain($"trained {model.Version}"));
    }

    [Test]
    public void Train_FeaturesOut_EveryTrainingPairWithItsLabel()
    {
        using var dir = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = ModelCommand.Train(dir.File("model.zip"), [new TrainingCorpus(77, Difficulty.Easy, 3, 3)], output, error, dir.File("features.csv"));

        Assert.That(code, Is.Zero, error.ToString());
        var lines = File.ReadAllLines(dir.File("features.csv"));
        Assert.That(lines[0].Split(','), Is.EqualTo(new[] { "same_source" }.Concat(Engine.Comparison.ComparisonFeatures.Names)));
        // Every pair of 3 firearms × 3 firings: 9 of the 36 are same-firearm pairs.
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count()), Is.EquivalentTo(new Dictionary<string, int> { ["1"] = 9, ["0"] = 27 }));
    }

    [Test]
    public void TrainFusion_TinyRawCorpora_WritesLoadableModelsSameBytesTwice()
    {
        using var dir = new TempDirectory();
        var raw = new ScanConditions { Layout = ScanLayout.Raw, Crater = CraterRendering.Data };
        TrainingCorpus[] corpora = [new(78, Difficulty.Easy, 3, 3, Fixed: raw), new(79, Difficulty.Hard, 3, 3, Fixed: raw)];
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = ModelCommand.TrainFusion(dir.File("fp.zip"), dir.File("shear.zip"), dir.File("fusion.zip"), corpora, output, error);
        var again = ModelCommand.TrainFusion(dir.File("fp2.zip"), dir.File("shear2.zip"), dir.File("fusion2.zip"), corpora, output, error);

        Assert.That((code, again), Is.EqualTo((0, 0)), error.ToString());
        using var firingPin = File.OpenRead(dir.File("fp.zip"));
        using var shear = File.OpenRead(dir.File("shear.zip"));
        using var fusion = File.OpenRead(dir.File("fusion.zip"));
        using var models = RegionFusion.Load(firingPin, shear, fusion);
        Assert.That(output.ToString(), Does.Contain($"trained {models.Version} on 72 pairs (18 same-source"));
        Assert.That(File.ReadAllBytes(dir.File("fusion2.zip")), Is.EqualTo(File.ReadAllBytes(dir.File("fusion.zip"))), "the same corpora give the same model");
        Assert.That(File.ReadAllBytes(dir.File("shear2.zip")), Is.EqualTo(File.ReadAllBytes(dir.File("shear.zip"))), "the same corpora give the same shear model");
    }

    [Test]
    public void Corpora_OneDifficulty_OnlyItsCorporaInOrder()
    {
        Assert.That(TrainingSet.Corpora(null), Is.EqualTo(TrainingSet.DefaultCorpora));
        Assert.That(TrainingSet.Corpora(Difficulty.Hard).Select(c => c.Seed), Is.EqualTo(new[] { 9102, 9103, 9104 }));
        Assert.That(TrainingSet.Corpora(Difficulty.Easy).Select(c => c.Seed), Is.EqualTo(new[] { 9101 }));
    }

    [Test]
    public void Corpora_RandomConditions_OneFixedHardCorpusKeptHeldConditionsApplied()
    {
        var held = ScanConditions.None.With("layout=raw");

        var corpora = TrainingSet.Corpora(null, randomConditions: true, held);

        // The fixed hard corpora are the adversarial same-batch setting only: one is kept, the random ones cover it among others.
        Assert.That(corpora.Select(c => c.Seed), Is.EqualTo(new[] { 9101, 9102, 9111, 9112, 9113, 9114, 9115, 9116, 9117, 9118, 9119 }));
        Assert.That(corpora.Where(c => c.RandomConditions).Select(c => c.Fixed), Has.All.EqualTo(held));
        Assert.That(corpora.Where(c => !c.RandomConditions).Select(c => c.Fixed), Has.All.Null);
        Assert.That(corpora.Single(c => c.Seed == 9118).Ranges!.Select(r => r.Name), Is.EqualTo(new[] { "warp_um" }), "a knob not held keeps its range");
    }

    [Test]
    public void Corpora_RandomConditionsWithAKnobHeld_NoCorpusDrawsIt()
    {
        var held = ScanConditions.None.With("warp_um=0");

        var corpora = TrainingSet.Corpora(null, randomConditions: true, held);

        Assert.That(corpora.SelectMany(c => c.Ranges ?? []).Select(r => r.Name), Has.None.EqualTo("warp_um"));
        var warped = corpora.Single(c => c.Seed == 9118);
        Assert.That(Enumerable.Range(1, 8).Select(f => CorpusGenerator.ConditionsFor(warped.Options, f, 1).ElasticWarpUm), Has.All.EqualTo(0.0));
    }

    [Test]
    public void ChoosePairs_FourFirearmsThreeFires_EveryPairOnceSameFirst()
    {
        var firearms = Enumerable.Range(0, 12).Select(i => $"F{i / 3}").ToArray();

        var pairs = TrainingSet.ChoosePairs(firearms);

        Assert.That(pairs, Has.Count.EqualTo(66), "12 × 11 / 2");
        Assert.That(pairs.Take(12).All(p => p.Same), Is.True, "4 firearms × 3 pairs of 3 fires come first");
        Assert.That(pairs.Skip(12).Any(p => p.Same), Is.False);
        Assert.That(pairs.All(p => p.Same == (firearms[p.A] == firearms[p.B]) && p.A < p.B), Is.True);
        Assert.That(pairs.Distinct().Count(), Is.EqualTo(pairs.Count), "no pair twice");
    }
}
