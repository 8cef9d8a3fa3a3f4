using System.Text;

namespace Ballistics.Api.Tests;

/// <summary>
/// Seeded, bounded fuzzing of every endpoint that reads a body: random JSON (and not quite JSON) built from the fields
/// the endpoints know and from noise, sent with a key that may use the endpoint. Whatever comes in, the answer is never a
/// 5xx.
/// </summary>
[TestFixture]
public sealed class ApiBodyFuzzTests
{
    private static readonly string[] Keys =
    [
        "trace_number", "serial", "make", "model", "caliber", "type", "recovery_date", "country", "state", "municipality", "agency",
        "priority", "incident_id", "requester_country", "folio del evento", "serie", "marca", "modelo", "calibre", "tipo de arma",
        "fecha de aseguramiento", "pais", "entidad federativa", "autoridad", "since", "all", "leads", "status", "note", "exhibit_id",
        "kind", "lab", "firearm_id", "date", "", " ", "é", "a.b", "__proto__",
    ];

    private static readonly string[] Broken = ["{", "[", "}", "{\"a\":}", "\"text\"", "null", "[]", "1e999", "\uFEFF{}", "{\"a\":1,\"a\":2}", "{\"a\":\"\\ud800\"}", "{\"make\":{\"x\":[\"\\udc00\"]}}", ""];

    private static IEnumerable<TestCaseData> Endpoints()
    {
        yield return new TestCaseData("/v1/traces", "investigator").SetName("Fuzz_traces");
        yield return new TestCaseData("/v1/seizures", "lab").SetName("Fuzz_seizures");
        yield return new TestCaseData("/v1/jobs/correlation", "analyst").SetName("Fuzz_jobs");
        yield return new TestCaseData("/v1/leads/1/review", "reviewer").SetName("Fuzz_review");
    }

    [TestCaseSource(nameof(Endpoints))]
    public async Task Post_RandomBodies_NeverAServerError(string path, string role)
    {
        await using var factory = new ApiFactory(requestsPerMinute: 100_000);
        using var client = factory.Client(role);
        var random = new Random(path.Length * 7919);
        for (var trial = 0; trial < 80; trial++)
        {
            var body = random.Next(6) == 0 ? Broken[random.Next(Broken.Length)] : Value(random, depth: 0, top: true);
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(body, Encoding.UTF8, random.Next(8) == 0 ? "text/plain" : "application/json"),
            };
            request.Headers.Add("Case-Number", "FUZZ-1");
            request.Headers.Add("Purpose", "fuzz");

            var allocatedBefore = GC.GetTotalAllocatedBytes();
            using var response = await client.SendAsync(request);

            Assert.That((int)response.StatusCode, Is.LessThan(500), body);
            // Memory bounded by the body (at most a few kilobytes here), never by what it claims.
            Assert.That(GC.GetTotalAllocatedBytes() - allocatedBefore, Is.LessThan(32L << 20), body);
        }
    }

    /// <summary>A random JSON value; at the top, mostly an object of known and unknown keys.</summary>
    private static string Value(Random random, int depth, bool top = false)
    {
        var kind = top && random.Next(5) > 0 ? 0 : random.Next(depth >= 2 ? 2 : 4) + (depth >= 2 ? 2 : 0);
        return kind switch
        {
            0 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 12)).Select(_ => $"{Quote(Keys[random.Next(Keys.Length)])}:{Value(random, depth + 1)}")) + "}",
            1 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))) + "]",
            2 => random.Next(3) switch { 0 => "true", 1 => "null", _ => Number(random) },
            _ => Quote(Text(random)),
        };
    }

    private static string Number(Random random) => random.Next(5) switch
    {
        0 => "0",
        1 => "-1",
        2 => "1e308",
        3 => "123456789012345678901234567890",
        _ => (random.NextDouble() * 1000).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Text(Random random) => random.Next(8) switch
    {
        0 => string.Empty,
        1 => new string('x', random.Next(500, 3000)),
        2 => "2024-13-45",
        3 => "Ciudad Juárez",
        4 => "OU0001684",
        5 => "confirmed",
        6 => "\u0000\u0001",
        _ => Guid.NewGuid().ToString(),
    };

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
