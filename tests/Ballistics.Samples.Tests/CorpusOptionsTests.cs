namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class CorpusOptionsTests
{
    [TestCase(0)]
    [TestCase(-3)]
    public void Firearms_NonPositive_IsRejectedWithAClearMessage(int count)
    {
        Assert.That(
            () => new CorpusOptions { Firearms = count },
            Throws.InstanceOf<ArgumentOutOfRangeException>()
                .With.Property(nameof(ArgumentException.ParamName)).EqualTo("Firearms")
                .And.Message.Contains("number of firearms must be positive"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void FiresPerFirearm_NonPositive_IsRejectedWithAClearMessage(int count)
    {
        Assert.That(
            () => new CorpusOptions { FiresPerFirearm = count },
            Throws.InstanceOf<ArgumentOutOfRangeException>()
                .With.Property(nameof(ArgumentException.ParamName)).EqualTo("FiresPerFirearm")
                .And.Message.Contains("number of fires per firearm must be positive"));
    }

    [Test]
    public void Counts_AboveWhatIdsCanHold_AreRejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new CorpusOptions { Firearms = CorpusOptions.MaxFirearms + 1 }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("at most"));
            Assert.That(() => new CorpusOptions { FiresPerFirearm = CorpusOptions.MaxFiresPerFirearm + 1 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new CorpusOptions { Difficulty = (Difficulty)7 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Options_ValidValues_AreKept()
    {
        var options = new CorpusOptions { Firearms = 4, FiresPerFirearm = 5, Seed = -9, Difficulty = Difficulty.Hard };

        Assert.Multiple(() =>
        {
            Assert.That(options.Firearms, Is.EqualTo(4));
            Assert.That(options.FiresPerFirearm, Is.EqualTo(5));
            Assert.That(options.Seed, Is.EqualTo(-9));
            Assert.That(options.Difficulty, Is.EqualTo(Difficulty.Hard));
            Assert.That(options.ScanCount, Is.EqualTo(20));
            Assert.That(new CorpusOptions().Firearms, Is.Positive);
        });
    }
}
