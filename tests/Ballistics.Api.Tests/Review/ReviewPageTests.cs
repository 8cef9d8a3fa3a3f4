using System.Net;
using Ballistics.Api.Evidence;
using Microsoft.Playwright;

namespace Ballistics.Api.Tests.Review;

/// <summary>
/// The review page end to end in headless Chromium (Debian's, which ./test.sh installs): sign in with a key, walk the queue
/// and the candidates with the keyboard, look at the pictures, move a candidate on. Screenshots of each step go to the
/// test's output (bin/…/screenshots and the test results' attachments), never to the repository.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReviewPageTests
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: ./test.sh installs Debian's chromium (apt-get install chromium)");
        _playwright = await Playwright.CreateAsync();
        // The flags keep Chromium off the network this machine does not have, as its probe found necessary.
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A crime-scene scan and a seized pistol's test fire submitted by a Mexican lab: the test fire's leads to review.</summary>
    private static async Task<(LiveServer Server, EvidenceWithLeads TestFire)> ServerWithLeads()
    {
        var server = await LiveServer.Start();
        using var lab = server.Client(server.Key("lab", "FGJ Sonora", "MX"));
        await EvidenceApiTests.Submit(lab, "triplet_x3p1_processed", """{"incident_id": "MX-SON-0001"}""");
        await EvidenceApiTests.Submit(lab, "fadul_1-1_processed", """{"incident_id": "MX-SON-0007", "mx_state": "SON"}""");
        var testFire = await EvidenceApiTests.Submit(lab, "fadul_1-2_processed", """{"kind": "test_fire", "firearm_id": "SEIZED-MX-0042", "exhibit_id": "SEIZED-MX-0042-TF1"}""");
        return (server, testFire);
    }

    /// <summary>Signed in, the first item of the queue opened and its first candidate's cells picture shown.</summary>
    private async Task<IPage> FirstItemOpened(LiveServer server, string key, int width = 1600)
    {
        var page = await SignedIn(server, key, width);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#picture-img[data-picture=cells]");
        return page;
    }

    private async Task<IPage> SignedIn(LiveServer server, string key, int width = 1600)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 }, BaseURL = server.Address.ToString() });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/review");
        await page.FillAsync("#api-key", key);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#queue li");
        Assert.That(errors, Is.Empty, "script errors");
        return page;
    }

    [Test]
    public async Task Review_ExaminerWithKeyboard_MakesLeadThenConfirmsHit()
    {
        var (server, testFire) = await ServerWithLeads();
        await using var _ = server;
        var page = await SignedIn(server, server.Key("examiner", "FGJ Sonora", "MX"));
        var lead = testFire.Leads[0];
        await Shot(page, "queue");

        // The test fire is the newest item with work left: first in the queue.
        Assert.That(await page.TextContentAsync("#queue li[aria-selected=true]"), Does.Contain("SEIZED-MX-0042-TF1"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#picture-img[data-picture=cells]");
        Assert.That(await page.GetAttributeAsync("#candidate-rows tr[aria-selected=true]", "data-lead-id"), Is.EqualTo(lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await NaturalWidth(page), Is.GreaterThan(500), "the cells picture decoded");
        // A Mexican key, and no language chosen in this browser: the page speaks Spanish.
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("es-MX"));
        Assert.That(await page.TextContentAsync("#figures"), Does.Contain("mismas cifras"));
        await Shot(page, "cells");

        await page.Keyboard.PressAsync("2");
        await page.WaitForSelectorAsync("#picture-img[data-picture=aligned]");
        await Shot(page, "aligned");

        await page.Keyboard.PressAsync("l");
        await page.WaitForSelectorAsync("#candidate-rows tr[aria-selected=true] td.status-lead");
        await page.Keyboard.PressAsync("n");
        await page.Keyboard.TypeAsync("firing-pin drag and breech marks agree at 9 o'clock");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("c");
        await page.WaitForSelectorAsync("#candidate-rows tr[aria-selected=true] td.status-confirmed");
        Assert.That(await page.TextContentAsync("#status"), Does.Contain("ahora está: confirmada").And.Contain("firearm SEIZED-MX-0042"));
        await Shot(page, "confirmed");

        var history = server.WithStore(s => s.Leads.History(lead.Id));
        Assert.That(history.Select(h => (h.FromStatus, h.ToStatus, h.Role)), Is.EqualTo(new[] { ("candidate", "lead", "examiner"), ("lead", "confirmed", "examiner") }));
        Assert.That(history[1].Note, Is.EqualTo("firing-pin drag and breech marks agree at 9 o'clock"));
    }

    [Test]
    public async Task Review_ReviewerWalksCandidates_ConfirmNotOfferedAndRefused()
    {
        var (server, testFire) = await ServerWithLeads();
        await using var _ = server;
        var page = await FirstItemOpened(server, server.Key("reviewer", "ATF", "US"));

        Assert.That(await page.IsHiddenAsync("button[data-step=confirmed]"), Is.True, "confirming is for examiners");
        await page.Keyboard.PressAsync("j");
        // Selectors only: the page's policy forbids the script evaluation a function predicate would need.
        await page.WaitForSelectorAsync($"#candidate-rows tr[aria-selected=true][data-lead-id='{testFire.Leads[1].Id}']");
        await page.WaitForSelectorAsync("#status:has-text('Candidate 2 of')");
        await page.Keyboard.PressAsync("4");
        await page.WaitForSelectorAsync("#picture-img[data-picture=difference]");
        await page.Keyboard.PressAsync("c");

        Assert.That(await page.TextContentAsync("#status"), Does.Contain("does not take that step"));
        await Shot(page, "refused");
        Assert.That(server.WithStore(s => s.Leads.For(testFire.Evidence.Id)).Select(l => l.Status), Is.All.EqualTo("candidate"));
    }

    [Test]
    public async Task Review_AddressNamesAnItem_OpensItForThoseWhoMaySeeIt()
    {
        var (server, testFire) = await ServerWithLeads();
        await using var _ = server;
        var examiner = await _browser.NewPageAsync(new() { BaseURL = server.Address.ToString() });
        await examiner.GotoAsync("/review");
        await examiner.FillAsync("#api-key", server.Key("examiner", "FGJ Sonora", "MX"));
        await examiner.Keyboard.PressAsync("Enter");
        await examiner.WaitForSelectorAsync("#queue li");

        // The crime-scene item, second in the queue, named in the address as a colleague would send it.
        var crimeScene = testFire.Leads[0].CandidateId;
        await examiner.GotoAsync($"/review#evidence/{crimeScene}");
        await examiner.ReloadAsync();
        await examiner.WaitForSelectorAsync("#evidence-title:has-text('fadul_1-1_processed')");

        Assert.That(await examiner.TextContentAsync("#queue li[aria-selected=true]"), Does.Contain("fadul_1-1_processed"));
        Assert.That(examiner.Url, Does.EndWith($"#evidence/{crimeScene}"));
        await Shot(examiner, "linked");

        // An investigator of another agency, given the same address, is told the item is not there for them.
        var investigator = await _browser.NewPageAsync(new() { BaseURL = server.Address.ToString() });
        await investigator.GotoAsync($"/review#evidence/{crimeScene}");
        await investigator.FillAsync("#api-key", server.Key("investigator", "ATF", "US"));
        await investigator.Keyboard.PressAsync("Enter");
        await investigator.WaitForSelectorAsync("#status.error");
        Assert.That(await investigator.TextContentAsync("#status"), Does.Contain("not on file, or not shared with this key"));
        Assert.That(await investigator.IsHiddenAsync("#evidence"), Is.True);
    }

    [Test]
    public async Task Language_SwitchedToSpanish_PageTableAndMessagesInSpanishAndRemembered()
    {
        var (server, _) = await ServerWithLeads();
        await using var _ = server;
        var page = await FirstItemOpened(server, server.Key("reviewer", "ATF", "US"));
        Assert.That(await page.TextContentAsync("#candidates thead"), Does.Contain("score").And.Contain("status"), "a US key reads English");

        await page.SelectOptionAsync("#language", "es");
        await page.WaitForSelectorAsync("#status:has-text('Candidato 1 de')");

        Assert.That(await page.TextContentAsync("#candidates thead"), Does.Contain("puntuación").And.Contain("estado"));
        Assert.That(await page.TextContentAsync("header h1"), Is.EqualTo("Revisión de correlaciones"));
        Assert.That(await page.TextContentAsync("#candidate-rows tr[aria-selected=true] td[data-status]"), Is.EqualTo("candidato"));
        Assert.That(await page.GetAttributeAsync("#note", "placeholder"), Is.EqualTo("Por qué — se guarda con el paso"));
        Assert.That(await page.TextContentAsync("#picture-tabs"), Does.Contain("Celdas coincidentes congruentes"), "the server's captions too");
        Assert.That(await page.TextContentAsync("#picture-caption"), Does.StartWith("Izquierda: las celdas 8×8"));
        await page.Keyboard.PressAsync("c");
        Assert.That(await page.TextContentAsync("#status"), Does.Contain("no da ese paso"));
        await Shot(page, "spanish");

        // Chosen, not defaulted: a reload keeps it.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#queue li");
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("es-MX"));
    }

    /// <summary>The candidate table whole (its status column in view) and no sideways scrolling, from a laptop to a 2560 px screen.</summary>
    [TestCase(1280)]
    [TestCase(1400)]
    [TestCase(1600)]
    [TestCase(1920)]
    [TestCase(2560)]
    public async Task Layout_Width_CandidateTableWholeAndNoSidewaysScroll(int width)
    {
        var (server, _) = await ServerWithLeads();
        await using var _ = server;
        var page = await FirstItemOpened(server, server.Key("examiner", "FGJ Sonora", "MX"), width);

        var evidence = (await page.Locator("#evidence").BoundingBoxAsync())!;
        var status = (await page.Locator("#candidates thead th:last-child").BoundingBoxAsync())!;
        var picture = (await page.Locator("#picture-img").BoundingBoxAsync())!;
        var lead = (await page.Locator("#lead").BoundingBoxAsync())!;
        await Shot(page, $"{width}px");

        Assert.That(status.X + status.Width, Is.LessThanOrEqualTo(evidence.X + evidence.Width + 0.5), "the status column is inside its panel");
        Assert.That(await page.EvalOnSelectorAsync<int>("#evidence", "e => e.scrollWidth - e.clientWidth"), Is.LessThanOrEqualTo(0), "the candidate table does not scroll sideways");
        Assert.That(await page.EvalOnSelectorAsync<int>("html", "e => e.scrollWidth - e.clientWidth"), Is.LessThanOrEqualTo(0), "the page does not scroll sideways");
        Assert.That(picture.X + picture.Width, Is.LessThanOrEqualTo(lead.X + lead.Width + 0.5), "the picture is inside its panel");
    }

    [Test]
    public async Task Linkage_TestFireOfASeizedPistol_DrawnWithItsLeadsAndTables()
    {
        var (server, _) = await ServerWithLeads();
        await using var _ = server;
        var page = await FirstItemOpened(server, server.Key("examiner", "FGJ Sonora", "MX"));

        await page.Keyboard.PressAsync("g");
        await page.WaitForSelectorAsync("#linkage:not([hidden]) #linkage-img[src^='blob:']");
        // Polled from here: the page's policy forbids the script evaluation a waiting predicate would need.
        var decoded = 0;
        for (var i = 0; i < 50 && decoded == 0; i++)
        {
            decoded = await page.EvalOnSelectorAsync<int>("#linkage-img", "img => img.complete ? img.naturalWidth : 0");
            await Task.Delay(decoded == 0 ? 100 : 0);
        }

        Assert.That(await page.TextContentAsync("#linkage-title"), Is.EqualTo("Vinculación de SEIZED-MX-0042"));
        Assert.That(decoded, Is.GreaterThan(300), "the SVG decoded");
        Assert.That(await page.Locator("#linkage-edges tbody tr").CountAsync(), Is.GreaterThan(2));
        Assert.That(await page.TextContentAsync("#linkage-nodes"), Does.Contain("firearm:SEIZED-MX-0042"));
        await Shot(page, "linkage");
    }

    [Test]
    public async Task SignIn_UnknownKey_SaysSoAndShowsNothing()
    {
        await using var server = await LiveServer.Start();
        var page = await _browser.NewPageAsync(new() { BaseURL = server.Address.ToString() });
        await page.GotoAsync("/review");

        await page.FillAsync("#api-key", "bk_not-a-key");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#status.error");

        Assert.That(await page.TextContentAsync("#status"), Does.Contain("not valid"));
        Assert.That(await page.IsHiddenAsync("#workspace"), Is.True);
        await Shot(page, "refused");
    }

    [Test]
    public async Task Page_Served_WithAPolicyThatRunsOnlyItsOwnScript()
    {
        await using var server = await LiveServer.Start();
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.GetAsync("/review");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(string.Join(";", response.Headers.GetValues("Content-Security-Policy")), Does.Contain("script-src 'self'").And.Contain("default-src 'none'"));
    }

    private static Task<int> NaturalWidth(IPage page) => page.EvalOnSelectorAsync<int>("#picture-img", "img => img.naturalWidth");

    private static async Task Shot(IPage page, string step)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{TestContext.CurrentContext.Test.Name}-{step}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, step);
    }
}
