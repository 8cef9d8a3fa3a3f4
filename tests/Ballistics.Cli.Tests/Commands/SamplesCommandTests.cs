using Ballistics.Testing;
using static Ballistics.Cli.Tests.Commands.InfoCommandTests;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class SamplesCommandTests
{
    [Test]
    public void Generate_SmallCorpus_WritesScansAndManifest()
    {
        using var dir = new TempDirectory();

        var (code, output, error) = Run(["samples", "generate", "--out", dir.Path, "--firearms", "3", "--fires", "2", "--seed", "1"]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("wrote 6 scans of 3 firearms"));
        var manifest = File.ReadAllLines(Path.Combine(dir.Path, "manifest.csv"));
        Assert.That(manifest[0], Is.EqualTo("file,firearm_id,make_model,caliber,ammo,fire_index"));
        Assert.That(manifest, Has.Length.EqualTo(7));
        Assert.That(Directory.GetFiles(Path.Combine(dir.Path, "scans"), "*.x3p"), Has.Length.EqualTo(6));
    }

    [Test]
    public void Generate_ThenInfo_EveryScanReads()
    {
        using var dir = new TempDirectory();
        Run(["samples", "generate", "--out", dir.Path, "--firearms", "2", "--fires", "1", "--seed", "9", "--difficulty", "hard"]);

        var (code, output, error) = Run(["info", .. Directory.GetFiles(Path.Combine(dir.Path, "scans"), "*.x3p")]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
        Assert.That(output, Does.Contain("creator=\""));
    }

    [TestCase("--firearms", "0")]
    [TestCase("--fires", "-2")]
    public void Generate_NonPositiveCount_IsErrorNamingTheFlag(string flag, string value)
    {
        using var dir = new TempDirectory();
        string[] args = ["samples", "generate", "--out", dir.Path, "--firearms", "2", "--fires", "2", "--seed", "1"];
        args[Array.IndexOf(args, flag) + 1] = value;

        var (code, _, error) = Run(args);

        Assert.That(code, Is.Not.Zero);
        Assert.That(error, Does.Contain(flag));
    }

    [Test]
    public void Generate_MissingRequiredFlag_IsUsageError()
    {
        var (code, _, _) = Run(["samples", "generate", "--firearms", "2", "--fires", "2", "--seed", "1"]);

        Assert.That(code, Is.Not.Zero);
    }
}
