using System.Text.Json;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class DemoCommandTests
{
    [Test]
    public void Demo_FreshFolder_TellsTheStoryThroughTheApiAndWritesTheLinkage()
    {
        using var dir = new TempDirectory();
        var store = dir.File("data");

        var (code, output, error) = InfoCommandTests.Run(["demo", "--store", store]);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("== 8. the story through the HTTP API"));
        Assert.That(output, Does.Contain("US-").And.Contain("MX-"), "crime scenes on both sides of the border");
        Assert.That(output, Does.Contain("→ confirmed: 200"));
        Assert.That(output, Does.Match(@"lead \d+ pictures \(\d+ of \d+ cells congruent, the stored figures remade exactly\)"));
        var pictures = Directory.GetDirectories(Path.Combine(store, "demo", "story"), "lead-*").Single();
        Assert.That(Directory.GetFiles(pictures, "*.png").Select(Path.GetFileNameWithoutExtension), Is.EquivalentTo(Ballistics.Engine.Diagnostics.ComparisonDiagnostics.ImageNames.Concat(Ballistics.Engine.Diagnostics.ComparisonDiagnostics.RegionImageNames).Concat(Ballistics.Engine.Diagnostics.ComparisonDiagnostics.FiringPinImageNames)),
            "the six pictures, the region compared over each scan as submitted and, the demo's raw scans holding their craters, the firing pins aligned");
        Assert.That(output, Does.Contain("1. [hit] confirmed hit:"));
        Assert.That(output, Does.Contain("[time_to_crime]").Or.Contain("[multiple_sale]"), "the trace says trafficking");
        var folder = Path.Combine(store, "demo", "story");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "linkage.json")));
        Assert.That(json.RootElement.GetProperty("root").GetString(), Does.StartWith("firearm:SEIZED-"));
        Assert.That(json.RootElement.GetProperty("leads")[0].GetProperty("kind").GetString(), Is.EqualTo("hit"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "linkage.html")), Does.Contain("<h2>Leads to follow</h2>").And.Contain("not identifications").And.Contain("<svg"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "linkage.es.html")), Does.Contain("<h2>Pistas a seguir</h2>").And.Contain("<svg"));
        Assert.That(output, Does.Contain("== 9. the analyst's trafficking reports"));
        Assert.That(File.ReadAllText(Path.Combine(store, "demo", "report", "trafficking.html")), Does.Contain("Not a random sample").And.Contain("Time-to-crime"));
        Assert.That(output, Does.Contain($"wrote {Path.Combine(folder, "report", "networks.png")}"), "the story's confirmed hit is a linkage network");
    }
}
