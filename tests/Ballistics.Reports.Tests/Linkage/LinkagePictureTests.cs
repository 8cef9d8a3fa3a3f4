using System.Xml.Linq;
using Ballistics.Intelligence.Linkage;
using Ballistics.Intelligence.Tracing;
using Ballistics.Reports.Linkage;
using Ballistics.Reports.Texts;

namespace Ballistics.Reports.Tests.Linkage;

[TestFixture]
public sealed class LinkagePictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A seized pistol: two test fires, a hit, a lead, a candidate and a rejected one, the scenes, and the trace to a masked purchaser.</summary>
    private static LinkageGraph Story()
    {
        static LinkageNode Node(string id, string kind, string label, string? country = null, string? region = null) =>
            new(id, kind, label, new Dictionary<string, string?> { ["country"] = country, ["region"] = region });

        return new LinkageGraph(
            "firearm:SEIZED-1",
            [
                Node("firearm:SEIZED-1", "firearm", "SEIZED-1"),
                Node("incident:SEIZURE-1", "incident", "SEIZURE-1", "MX", "MX-SON"),
                Node("scan:1", "test_fire", "SEIZED-1-TF1", "MX"),
                Node("scan:2", "test_fire", "SEIZED-1-TF2", "MX"),
                Node("scan:3", "evidence", "CASE-A <1>", "MX", "MX-SON"),
                Node("scan:4", "evidence", "CASE-B", "US", "US-AZ"),
                Node("scan:5", "evidence", "CASE-C", "US", "US-TX"),
                Node("scan:6", "evidence", "CASE-D", "MX", "MX-CHH"),
                Node("incident:A", "incident", "A", "MX", "MX-SON"),
                Node("incident:B", "incident", "B", "US", "US-AZ"),
                Node("dealer:1", "dealer", "Desert Guns & Co"),
                Node("purchaser:1", "purchaser", PersonalDataMask.Masked),
                Node("sale:9", "firearm_sold", "Glock 17 XX1"),
            ],
            [
                new("firearm:SEIZED-1", "incident:SEIZURE-1", "seized_at"),
                new("firearm:SEIZED-1", "scan:1", "test_fire"),
                new("firearm:SEIZED-1", "scan:2", "test_fire"),
                new("scan:1", "scan:3", "hit", 0.97, "confirmed"),
                new("scan:2", "scan:4", "lead", 0.81, "lead"),
                new("scan:2", "scan:5", "lead", 0.62, "candidate"),
                new("scan:1", "scan:6", "lead", 0.12, "rejected"),
                new("scan:3", "incident:A", "found_at"),
                new("scan:4", "incident:B", "found_at"),
                new("firearm:SEIZED-1", "dealer:1", "sold_by"),
                new("firearm:SEIZED-1", "purchaser:1", "bought_by"),
                new("purchaser:1", "sale:9", "also_bought"),
            ],
            [LeadReason.Lead("hit", "incident:A", "hit_fired_by_this_firearm", "CASE-A <1> (A, MX-SON)") with { Rank = 1 }]);
    }

    [Test]
    public void Place_FirearmStory_SaleChainLeftBallisticChainRightByDistance()
    {
        var places = LinkageLayout.Place(Story());

        Assert.That(places["firearm:SEIZED-1"].Column, Is.Zero);
        Assert.That(new[] { "dealer:1", "purchaser:1" }.Select(id => places[id].Column), Has.All.EqualTo(-1));
        Assert.That(places["sale:9"].Column, Is.EqualTo(-2));
        Assert.That(new[] { "scan:1", "scan:2", "incident:SEIZURE-1" }.Select(id => places[id].Column), Has.All.EqualTo(1));
        Assert.That(new[] { "scan:3", "scan:4", "scan:5", "scan:6" }.Select(id => places[id].Column), Has.All.EqualTo(2));
        Assert.That(places["incident:A"].Column, Is.EqualTo(3));
        Assert.That(places.Values.GroupBy(p => p).Where(g => g.Count() > 1), Is.Empty, "no two nodes in one place");
    }

    [Test]
    public void Svg_Story_WellFormedEveryNodeDrawnMaskedAsMaskedAndHitsByStatus()
    {
        var svg = LinkagePicture.Svg(Story(), Language.English);

        var document = XDocument.Parse(svg);
        var groups = document.Descendants(Svg + "g").Where(g => g.Attribute("data-node") is not null).ToArray();
        Assert.That(groups.Select(g => g.Attribute("data-node")!.Value), Is.EquivalentTo(Story().Nodes.Select(n => n.Id)));
        var purchaser = groups.Single(g => g.Attribute("data-node")!.Value == "purchaser:1");
        Assert.That(purchaser.Attribute("data-masked")?.Value, Is.EqualTo("true"));
        Assert.That(purchaser.Element(Svg + "rect")!.Attribute("fill")!.Value, Is.EqualTo("url(#masked)"));
        Assert.That(svg, Does.Contain("CASE-A &lt;1&gt;").And.Contain("Desert Guns &amp; Co"), "labels escaped");

        var paths = document.Descendants(Svg + "path").ToArray();
        Assert.That(paths, Has.Length.EqualTo(Story().Edges.Count));
        var hit = paths.Single(p => p.Element(Svg + "title")!.Value.Contains("confirmed hit", StringComparison.Ordinal));
        var rejected = paths.Single(p => p.Element(Svg + "title")!.Value.Contains("rejected", StringComparison.Ordinal));
        Assert.That(hit.Attribute("stroke-width")!.Value, Is.EqualTo("4"));
        Assert.That(rejected.Attribute("stroke-dasharray")?.Value, Is.EqualTo("2 4"));
        var labels = document.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.That(labels, Does.Contain("0.97 confirmed hit").And.Contain("0.62 candidate"));
        Assert.That(labels.Any(l => l.StartsWith("0.12", StringComparison.Ordinal)), Is.False, "a rejected candidate's score is in the tables, not on the picture");
    }

    [Test]
    public void Svg_Spanish_KindsStatusesAndMaskInSpanish()
    {
        var svg = LinkagePicture.Svg(Story(), Language.Spanish);

        Assert.That(svg, Does.Contain("arma asegurada").And.Contain("disparo de prueba").And.Contain("coincidencia confirmada").And.Contain("(oculto)"));
        Assert.That(svg, Does.Not.Contain("seized firearm").And.Not.Contain("(masked)"));
    }

    /// <summary>The English sentences the graph's JSON carries and the catalogue's English are one text: they cannot drift apart.</summary>
    [Test]
    public void Reasons_EveryCode_InTheCatalogueWithTheGraphsEnglish()
    {
        var english = ReportWords.Catalog.All(Language.English);

        Assert.That(LeadReason.English.Where(r => !english.TryGetValue($"linkage.why.{r.Key}", out var text) || text != r.Value).Select(r => r.Key), Is.Empty);
        Assert.That(english.Keys.Where(k => k.StartsWith("linkage.why.", StringComparison.Ordinal)).Select(k => k["linkage.why.".Length..]), Is.EquivalentTo(LeadReason.English.Keys));
    }

    [Test]
    public void InLanguage_Spanish_WhyInSpanishFromTheReasonAndFacts()
    {
        var spanish = LinkageTexts.InLanguage(Story(), Language.Spanish);

        Assert.That(spanish.Leads.Single().Why, Is.EqualTo("coincidencia confirmada: CASE-A <1> (A, MX-SON) fue disparado por esta arma"));
        Assert.That(LinkageTexts.InLanguage(Story(), Language.English).Leads.Single().Why, Is.EqualTo(Story().Leads.Single().Why));
    }

    [Test]
    public void Html_BothLanguages_PictureInlineTablesKeptAndASwitch()
    {
        var english = LinkagePage.Html(Story(), Language.English, "linkage.es.html");
        var spanish = LinkagePage.Html(Story(), Language.Spanish, "linkage.html");

        Assert.That(english, Does.Contain("<html lang=\"en-US\">").And.Contain("<svg").And.Contain("<h2>Nodes</h2>").And.Contain("<h2>Edges</h2>")
            .And.Contain("href=\"linkage.es.html\" hreflang=\"es-MX\">Versión en español</a>"));
        Assert.That(spanish, Does.Contain("<html lang=\"es-MX\">").And.Contain("<h2>Pistas a seguir</h2>").And.Contain("<h2>Vínculos</h2>").And.Contain("fue disparado por esta arma")
            .And.Contain("href=\"linkage.html\" hreflang=\"en-US\">English version</a>"));
        Assert.That(english, Does.Contain("<td>scan:3</td>").And.Contain("<td>0.970</td>"), "every node and edge in the tables too");
    }
}
