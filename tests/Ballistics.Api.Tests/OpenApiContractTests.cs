using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ballistics.Testing;

namespace Ballistics.Api.Tests;

/// <summary>
/// The OpenAPI document as a contract: it is the committed one (docs/openapi/v1.json, from which the tests' client is
/// generated), and a standard linter (Redocly's, which ./test.sh installs) finds no error in it.
/// </summary>
[TestFixture]
public sealed class OpenApiContractTests
{
    /// <summary>The committed document, beside the docs; scripts/openapi-client.sh rewrites it and regenerates the client.</summary>
    private static readonly string Committed = Repository.PathOf("docs/openapi/v1.json");

    /// <summary>The document the service serves (as the test host serves it: its server is http://localhost).</summary>
    internal static async Task<string> Served()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    [Test]
    public async Task Document_SameAsTheCommittedOne()
    {
        var served = await Served();
        if (Environment.GetEnvironmentVariable("BALLISTICS_WRITE_OPENAPI") is { Length: > 0 } target)
        {
            await File.WriteAllTextAsync(target, served);
        }

        Assert.That(File.Exists(Committed), Is.True, $"{Committed} is missing: run scripts/openapi-client.sh");
        Assert.That(served, Is.EqualTo(await File.ReadAllTextAsync(Committed)),
            "the API's document changed: run scripts/openapi-client.sh (rewrites docs/openapi/v1.json and the generated client) and commit both");
    }

    [Test]
    public async Task Document_StandardLinter_NoErrors()
    {
        var redocly = Environment.GetEnvironmentVariable("BALLISTICS_REDOCLY");
        Assert.That(redocly is { Length: > 0 } && File.Exists(redocly), Is.True, "BALLISTICS_REDOCLY names no linter: run ./test.sh, which installs @redocly/cli");
        using var dir = new TempDirectory();
        var path = dir.File("v1.json");
        await File.WriteAllTextAsync(path, await Served());

        var start = new ProcessStartInfo(redocly!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "lint", path, "--format=json" })
        {
            start.ArgumentList.Add(argument);
        }

        using var lint = Process.Start(start)!;
        var output = await lint.StandardOutput.ReadToEndAsync();
        await lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        using var report = JsonDocument.Parse(output);

        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (Rule: p.GetProperty("ruleId").GetString(), Severity: p.GetProperty("severity").GetString(), Message: p.GetProperty("message").GetString()))
            .ToArray();
        Assert.That(problems.Where(p => p.Severity == "error"), Is.Empty);
        // The warnings left: the project has not chosen a licence to declare (docs/api.md), and the test host serves at localhost.
        Assert.That(problems.Select(p => p.Rule), Is.EquivalentTo(new[] { "info-license", "no-server-example.com" }));
    }
}
