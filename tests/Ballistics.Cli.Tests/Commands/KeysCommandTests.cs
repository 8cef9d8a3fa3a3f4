using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class KeysCommandTests
{
    private static (int Code, string Output, string Error) Run(string[] args) => InfoCommandTests.Run(args);

    [Test]
    public void Add_ListRevoke_KeyPrintedOnceNeverListed()
    {
        using var dir = new TempDirectory();
        var store = dir.File("data");

        var (code, output, error) = Run(["keys", "add", "--role", "investigator", "--agency", "HSI El Paso", "--country", "US", "--label", "case desk", "--store", store]);
        var key = output.Trim();
        var (listed, listing, _) = Run(["keys", "list", "--store", store]);
        var (revoked, revokeOutput, _) = Run(["keys", "revoke", "1", "--store", store]);
        var (_, after, _) = Run(["keys", "list", "--store", store]);

        Assert.That(code, Is.Zero, error);
        Assert.That(key, Does.StartWith("bk_"));
        Assert.That(error, Does.Contain("Authorization: Bearer"));
        Assert.That(listed, Is.Zero);
        var lines = listing.Trim().Split('\n');
        Assert.That(lines[0], Is.EqualTo("id,prefix,role,agency,country,label,created_at,revoked_at"));
        Assert.That(lines[1], Does.StartWith("1,bk_").And.Contain(",investigator,HSI El Paso,US,case desk,").And.EndWith(","));
        Assert.That(listing, Does.Not.Contain(key), "the key itself is never shown again");
        Assert.That((revoked, revokeOutput.Trim()), Is.EqualTo((0, "key 1 revoked")));
        Assert.That(after.Trim().Split('\n')[1], Does.Not.EndWith(","), "revoked_at filled");
    }

    [TestCase("--role", "sheriff")]
    [TestCase("--country", "GT")]
    public void Add_NotAllowedValue_NamedAndNothingStored(string flag, string value)
    {
        using var dir = new TempDirectory();
        var store = dir.File("data");
        var args = new Dictionary<string, string> { ["--role"] = "lab", ["--agency"] = "ATF", ["--country"] = "US" };
        args[flag] = value;

        var (code, _, error) = Run(["keys", "add", .. args.SelectMany(a => new[] { a.Key, a.Value }), "--store", store]);
        var (_, listing, _) = Run(["keys", "list", "--store", store]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"error: {flag}:"));
        Assert.That(listing.Trim().Split('\n'), Has.Length.EqualTo(1), "header only");
    }

    [Test]
    public void Revoke_UnknownKey_ErrorNamesIt()
    {
        using var dir = new TempDirectory();
        var store = dir.File("data");
        Run(["keys", "add", "--role", "lab", "--agency", "ATF", "--country", "US", "--store", store]);

        var (code, _, error) = Run(["keys", "revoke", "7", "--store", store]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("no key 7"));
    }
}
