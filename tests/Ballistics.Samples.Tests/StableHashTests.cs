namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class StableHashTests
{
    private const int KnownSeed = -276_127_538;

    private const int KnownFederal = -1_940_158_918;

    [Test]
    public void Seed_KnownInputs_GiveTheValuesEveryProcessGives()
    {
        // Written down once: a change here silently changes every corpus ever generated.
        Assert.Multiple(() =>
        {
            Assert.That(StableHash.Seed(42, RandomStream.FiringPose, 3, 2, 0), Is.EqualTo(KnownSeed));
            Assert.That(StableHash.Of("Federal"), Is.EqualTo(KnownFederal));
        });
    }

    [Test]
    public void Seed_AnyChangedInput_GivesAnotherSeed()
    {
        var seeds = new HashSet<int>
        {
            StableHash.Seed(1, RandomStream.FiringPose, 1, 1),
            StableHash.Seed(2, RandomStream.FiringPose, 1, 1),
            StableHash.Seed(1, RandomStream.Dropouts, 1, 1),
            StableHash.Seed(1, RandomStream.FiringPose, 2, 1),
            StableHash.Seed(1, RandomStream.FiringPose, 1, 2),
            StableHash.Seed(1, RandomStream.FiringPose, 1, 1, 1),
        };

        Assert.That(seeds, Has.Count.EqualTo(6));
    }
}
