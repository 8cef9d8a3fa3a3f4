using System.Net;
using System.Text;

namespace Ballistics.Api.Tests;

/// <summary>
/// Every endpoint against every role (and no key): allowed where the endpoint's roles include it — whatever the answer
/// then is, 200, 400 for the empty body sent here or 404 — and 403 otherwise, each attempt in the audit log with that
/// outcome. The table below is the access design in one place.
/// </summary>
[TestFixture]
public sealed class AccessMatrixTests
{
    private static readonly string[] Roles = ["lab", "reviewer", "examiner", "investigator", "analyst", "admin"];

    private static IEnumerable<TestCaseData> Endpoints()
    {
        yield return Case("GET", "/v1/audit", "admin");
        yield return Case("GET", "/v1/audit/export", "admin");
        yield return Case("GET", "/v1/audit/verify", "admin");
        yield return Case("POST", "/v1/evidence", "lab admin");
        yield return Case("GET", "/v1/evidence/1", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/evidence/1/leads", "lab reviewer examiner investigator analyst admin");
        yield return Case("POST", "/v1/evidence/1/photograph-search", "lab examiner analyst admin");
        yield return Case("POST", "/v1/leads/1/review", "reviewer examiner");
        yield return Case("GET", "/v1/leads/1", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/leads/1/diagnostics", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/leads/1/diagnostics/cells.png", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/pairs/1/2/diagnostics", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/review/queue", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/me", "lab reviewer examiner investigator analyst admin");
        yield return Case("POST", "/v1/traces", "investigator admin");
        yield return Case("GET", "/v1/traces/T-1", "investigator analyst admin");
        yield return Case("POST", "/v1/seizures", "investigator lab admin");
        yield return Case("POST", "/v1/jobs/correlation", "analyst lab admin");
        yield return Case("GET", "/v1/jobs/1", "analyst lab admin");
        yield return Case("DELETE", "/v1/jobs/1", "analyst lab admin");
        yield return Case("GET", "/v1/firearms/F1/linkage", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/incidents/I1/linkage", "lab reviewer examiner investigator analyst admin");
        yield return Case("GET", "/v1/reports/trafficking", "analyst admin");
    }

    private static TestCaseData Case(string method, string path, string allowed) => new TestCaseData(method, path, allowed).SetName($"Access_{method}_{path.Replace('/', '_')}");

    [TestCaseSource(nameof(Endpoints))]
    public async Task Access_EveryRole_AllowedOrForbiddenAndAudited(string method, string path, string allowed)
    {
        await using var factory = new ApiFactory();
        var expected = Roles.ToDictionary(r => r, r => allowed.Split(' ').Contains(r));

        using (var anonymous = factory.CreateClient())
        {
            using var response = await anonymous.SendAsync(Request(method, path));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no key");
        }

        foreach (var role in Roles)
        {
            using var client = factory.Client(role);
            using var response = await client.SendAsync(Request(method, path));
            var status = response.StatusCode;
            if (expected[role])
            {
                Assert.That(status, Is.Not.EqualTo(HttpStatusCode.Forbidden).And.Not.EqualTo(HttpStatusCode.Unauthorized).And.LessThan(HttpStatusCode.InternalServerError), role);
            }
            else
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), role);
            }

            var logged = factory.Audit().Last().Event;
            Assert.That((logged.Role, logged.Outcome == "denied"), Is.EqualTo((role, !expected[role])), role);
        }
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };
}
