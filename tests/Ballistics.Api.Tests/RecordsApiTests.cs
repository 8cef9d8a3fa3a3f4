using System.Net;
using System.Net.Http.Json;
using Ballistics.Api.Records;
using Microsoft.AspNetCore.Mvc;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class RecordsApiTests
{
    private static readonly Uri Traces = new("/v1/traces", UriKind.Relative);

    /// <summary>A straw sale on file: the pistol later recovered in Sonora.</summary>
    private static ApiFactory WithSale()
    {
        var factory = new ApiFactory();
        TestSales.Ingest(factory, TestSales.CarterSig);
        return factory;
    }

    private static object Trace(string? agency = null) => new Dictionary<string, string?>
    {
        ["trace_number"] = "T-26-0042", ["serial"] = "OU0001684", ["make"] = "Sig Sauer", ["model"] = "P226", ["caliber"] = "9mm Luger", ["type"] = "pistol",
        ["recovery_date"] = "2024-05-01", ["country"] = "MX", ["state"] = "Sonora", ["municipality"] = "Nogales", ["requester_country"] = "MX",
        ["priority"] = "urgent", ["incident_id"] = "MX-SON-0007", ["agency"] = agency,
    }.Where(p => p.Value is not null).ToDictionary();

    private static HttpRequestMessage WithCase(HttpMethod method, Uri uri, object? body = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Case-Number", "FGR-SON-2026-118");
        request.Headers.Add("Purpose", "trafficking investigation");
        return request;
    }

    [Test]
    public async Task SubmitTrace_Investigator_CreatedResolvedToTheStrawPurchaser()
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");

        using var request = WithCase(HttpMethod.Post, Traces, Trace());
        using var response = await investigator.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var answer = System.Text.Json.JsonSerializer.Deserialize<TraceAnswer>(text, ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        Assert.That(answer!.TraceNumber, Is.EqualTo("T-26-0042"));
        Assert.That(answer.Result.Outcome, Is.EqualTo(Intelligence.Tracing.TraceOutcome.Completed));
        Assert.That(answer.Result.Chain.Select(c => c.Name), Does.Contain("James Carter"));
        Assert.That(answer.Result.TimeToCrime!.Value.IsShort, Is.True, "bought in November 2023, recovered in May 2024");
        var logged = factory.Audit().Single().Event;
        Assert.That((logged.Action, logged.CaseNumber, logged.Purpose, logged.Outcome), Is.EqualTo(("SubmitTrace", "FGR-SON-2026-118", "trafficking investigation", "allowed")));
    }

    [Test]
    public async Task SubmitTrace_ImporterNamedAsMaker_CreatedWithTheOriginalMakerAndAWarning()
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        var body = (Dictionary<string, string?>)Trace();
        (body["make"], body["model"], body["serial"], body["trace_number"]) = ("Century Arms", "WASR-10", "RO-1977-4411", "T-26-0777");

        using var request = WithCase(HttpMethod.Post, Traces, body);
        using var response = await investigator.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var answer = System.Text.Json.JsonSerializer.Deserialize<TraceAnswer>(text, ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        Assert.That(answer!.Warnings.Select(w => w.Field), Is.EqualTo(new[] { "make" }));
        Assert.That(answer.Warnings[0].Reason, Does.Contain("Romarm"));
        Assert.That(answer.Result.Query.Make, Is.EqualTo("Romarm"), "the trace asks for the original maker");
    }

    [TestCase("Case-Number")]
    [TestCase("Purpose")]
    public async Task SubmitTrace_InvestigatorWithoutCaseStatement_BadRequestNamingTheHeader(string omitted)
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        using var request = WithCase(HttpMethod.Post, Traces, Trace());
        request.Headers.Remove(omitted);

        using var response = await investigator.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo(omitted));
        Assert.That(factory.WithStore(s => s.CountByKind()["trace"]), Is.Zero);
    }

    [Test]
    public async Task SubmitTrace_JsonSentAsPlainText_UnsupportedMediaTypeAndNothingStored()
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        using var request = WithCase(HttpMethod.Post, Traces);
        request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(Trace()), System.Text.Encoding.UTF8, "text/plain");

        using var response = await investigator.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo("Content-Type"));
        Assert.That(factory.WithStore(s => s.CountByKind()["trace"]), Is.Zero);
    }

    [TestCase("""{"trace_number": "T-26-0042", "serial": "OU\ud800"}""", "serial")]
    [TestCase("""{"trace_number": "T-26-0042", "make": {"name": ["\udc00"]}}""", "make.name[0]")]
    public async Task SubmitTrace_HalfASurrogatePair_BadRequestNamingWhereNotAServerError(string json, string field)
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        using var request = WithCase(HttpMethod.Post, Traces);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await investigator.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo(field), problem.Detail);
    }

    [TestCase("serial_numbr", "OU0001684", "serial_numbr", "no es un campo")] // a Mexican key hears Spanish
    [TestCase("make", null, "make", "más de 512 caracteres")]
    public async Task SubmitTrace_UnknownOrOverlongField_BadRequestNamingItAndNothingStored(string field, string? value, string expected, string reason)
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        var body = (Dictionary<string, string?>)Trace();
        body[field] = value ?? new string('x', 10_000);

        using var request = WithCase(HttpMethod.Post, Traces, body);
        using var response = await investigator.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo(expected), problem.Detail);
        Assert.That(problem.Detail, Does.Contain(reason));
        Assert.That(factory.WithStore(s => s.CountByKind()["trace"]), Is.Zero);
    }

    [TestCase("/v1/traces", """{"trace_number": "T-26-0042", "serial": "OU0001684", "serial": "XX0000001", "make": "Sig Sauer"}""")]
    [TestCase("/v1/seizures", """{"folio del evento": "MX-SON-0099", "serie": "OU0001684", "serie": "XX0000001"}""")]
    public async Task Submit_DuplicateKey_BadRequestNamingItAndNothingStored(string path, string json)
    {
        // Which of two values the client meant cannot be known: refused, never a 500, never the last one silently.
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        using var lab = factory.Client("lab", "FGR Sonora", "MX");
        using var request = WithCase(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await (path.Contains("traces", StringComparison.Ordinal) ? investigator : lab).SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Detail, Does.Contain(path.Contains("traces", StringComparison.Ordinal) ? "serial" : "serie"));
        Assert.That(factory.WithStore(s => s.CountByKind().GetValueOrDefault("trace") + s.CountByKind().GetValueOrDefault("seizure")), Is.Zero);
    }

    [TestCase("agency", "Another Agency", "agency")]
    [TestCase("recovery_date", "2024-13-45", "recovery_date")]
    [TestCase("serial", null, "serial")]
    public async Task SubmitTrace_BadField_BadRequestNamingItAndNothingStored(string field, string? value, string expected)
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        var body = (Dictionary<string, string?>)Trace();
        body[field] = value;
        if (value is null)
        {
            body.Remove(field);
        }

        using var request = WithCase(HttpMethod.Post, Traces, body);
        using var response = await investigator.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Does.Contain(expected.Replace('_', ' ')).Or.Contain(expected), problem.Detail);
        Assert.That(factory.WithStore(s => s.CountByKind()["trace"]), Is.Zero);
    }

    [Test]
    public async Task GetTrace_ByRole_OwnAgencyFullAnalystMaskedOthersNotFound()
    {
        await using var factory = WithSale();
        using var owner = factory.Client("investigator", "FGR Sonora", "MX");
        (await owner.SendAsync(WithCase(HttpMethod.Post, Traces, Trace()))).Dispose();
        using var other = factory.Client("investigator", "HSI El Paso", "US");
        using var analyst = factory.Client("analyst", "SESNSP", "MX");
        var uri = new Uri("/v1/traces/T-26-0042", UriKind.Relative);

        using var own = await owner.SendAsync(WithCase(HttpMethod.Get, uri));
        using var foreign = await other.SendAsync(WithCase(HttpMethod.Get, uri));
        var masked = await analyst.GetStringAsync(uri);

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await own.Content.ReadAsStringAsync(), Does.Contain("James Carter"));
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another agency's case");
        Assert.That(masked, Does.Not.Contain("James Carter").And.Not.Contain("1997-07-14").And.Not.Contain("DL2100001"));
        Assert.That(masked, Does.Contain("(masked)").And.Contain("Rio Grande Pawn"), "the dealer stays: it is not personal data");
    }

    [TestCase("lab")]
    [TestCase("reviewer")]
    [TestCase("examiner")]
    [TestCase("analyst")]
    public async Task SubmitTrace_RoleThatDoesNotTrace_Forbidden(string role)
    {
        await using var factory = WithSale();
        using var client = factory.Client(role);

        using var response = await client.PostAsJsonAsync(Traces, Trace());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("lab")]
    [TestCase("reviewer")]
    [TestCase("examiner")]
    public async Task GetTrace_RoleWithoutTraceAccess_Forbidden(string role)
    {
        await using var factory = WithSale();
        using var client = factory.Client(role);

        using var response = await client.GetAsync(new Uri("/v1/traces/T-26-0042", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task GetTrace_SameNumberFiledByAnotherAgency_EachAgencyStillFindsItsOwn()
    {
        // Agency B filing A's trace number must not hide A's trace (a lookup by number resolves within the caller's agency).
        await using var factory = WithSale();
        using var a = factory.Client("investigator", "FGR Sonora", "MX");
        using var b = factory.Client("investigator", "HSI El Paso", "US");
        using (var filedA = await a.SendAsync(WithCase(HttpMethod.Post, Traces, Trace())))
        {
            Assert.That(filedA.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var other = (Dictionary<string, string?>)Trace();
        (other["serial"], other["country"], other["state"], other["municipality"], other["requester_country"]) = ("AB1234", "US", "TX", "El Paso", "US");
        using (var filedB = await b.SendAsync(WithCase(HttpMethod.Post, Traces, other)))
        {
            Assert.That(filedB.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filedB.Content.ReadAsStringAsync());
        }

        var uri = new Uri("/v1/traces/T-26-0042", UriKind.Relative);
        using var asA = await a.SendAsync(WithCase(HttpMethod.Get, uri));
        using var asB = await b.SendAsync(WithCase(HttpMethod.Get, uri));
        var answerA = await asA.Content.ReadFromJsonAsync<TraceAnswer>(ApiFactory.Json);
        var answerB = await asB.Content.ReadFromJsonAsync<TraceAnswer>(ApiFactory.Json);

        Assert.That((asA.StatusCode, asB.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(answerA!.Id, Is.Not.EqualTo(answerB!.Id), "each agency's own trace");
    }

    [Test]
    public async Task Trace_EarlierTraceOfAnotherAgency_NotShownToAnInvestigatorShownToAnAdmin()
    {
        // The same pistol traced by a Mexican and then a US agency: the US investigator must not read the Mexican trace
        // through the list of earlier traces when it is a 404 to them directly.
        await using var factory = WithSale();
        using var mexico = factory.Client("investigator", "FGR Sonora", "MX");
        using var us = factory.Client("investigator", "HSI El Paso", "US");
        using var admin = factory.Client("admin");
        (await mexico.SendAsync(WithCase(HttpMethod.Post, Traces, Trace()))).Dispose();
        var again = (Dictionary<string, string?>)Trace();
        (again["trace_number"], again["country"], again["state"], again["municipality"], again["requester_country"], again["recovery_date"]) = ("T-US-7", "US", "TX", "El Paso", "US", "2025-02-01");

        using var filed = await us.SendAsync(WithCase(HttpMethod.Post, Traces, again));
        var answer = await filed.Content.ReadFromJsonAsync<TraceAnswer>(ApiFactory.Json);
        using var asAdmin = await admin.SendAsync(WithCase(HttpMethod.Get, new Uri("/v1/traces/T-US-7", UriKind.Relative)));
        var full = await asAdmin.Content.ReadFromJsonAsync<TraceAnswer>(ApiFactory.Json);

        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(full!.Result.EarlierTraces.Select(t => t.TraceNumber), Does.Contain("T-26-0042"), "the link exists");
        Assert.That(answer!.Result.EarlierTraces.Select(t => t.TraceNumber), Does.Not.Contain("T-26-0042"));
    }

    [Test]
    public async Task SubmitTrace_NumberTakenInTheSameAgency_ConflictAndTheFirstKept()
    {
        await using var factory = WithSale();
        using var investigator = factory.Client("investigator", "FGR Sonora", "MX");
        (await investigator.SendAsync(WithCase(HttpMethod.Post, Traces, Trace()))).Dispose();
        var second = (Dictionary<string, string?>)Trace();
        second["serial"] = "ZZ999999";

        using var response = await investigator.SendAsync(WithCase(HttpMethod.Post, Traces, second));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo("trace_number"));
        Assert.That(factory.WithStore(s => s.CountByKind()["trace"]), Is.EqualTo(1));
    }

    [Test]
    public async Task SubmitSeizure_LabTwice_CreatedThenAlreadyOnFile()
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab", "FGR Sonora", "MX");
        var seizure = new Dictionary<string, string>
        {
            ["folio del evento"] = "MX-SON-0099", ["serie"] = "OU0001684", ["marca"] = "Sig Sauer", ["modelo"] = "P226", ["calibre"] = "9mm Luger",
            ["tipo de arma"] = "Pistola", ["fecha de aseguramiento"] = "2024-05-01", ["pais"] = "MX", ["entidad federativa"] = "Sonora", ["municipio"] = "Nogales",
        };

        using var first = await lab.PostAsJsonAsync(new Uri("/v1/seizures", UriKind.Relative), seizure);
        using var second = await lab.PostAsJsonAsync(new Uri("/v1/seizures", UriKind.Relative), seizure);
        var stored = await second.Content.ReadFromJsonAsync<StoredRecord>(ApiFactory.Json);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stored!.AlreadyOnFile, Is.True);
        Assert.That(factory.WithStore(s => s.CountByKind()["seizure"]), Is.EqualTo(1));
        var entries = factory.Audit().Where(e => e.Event.Action == "SubmitSeizure").Select(e => (e.Event.Status, e.Event.Detail)).ToArray();
        Assert.That(entries, Is.EqualTo(new[] { (201, (string?)$"seizure {stored.Id} stored"), (200, null) }), "the filing's entry committed with it, once; the second is only read");
    }
}
