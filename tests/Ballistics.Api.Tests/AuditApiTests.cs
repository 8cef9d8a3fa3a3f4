using System.Net;
using System.Net.Http.Json;
using Ballistics.Store.Access;
using Microsoft.AspNetCore.Mvc;

namespace Ballistics.Api.Tests;

[TestFixture]
public sealed class AuditApiTests
{
    private static readonly Uri Audit = new("/v1/audit", UriKind.Relative);

    [Test]
    public async Task ReadAudit_NoKey_UnauthorizedProblemAndDeniedEntry()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Audit);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(problem!.Status, Is.EqualTo(401));
        var entry = factory.Audit().Single().Event;
        Assert.That((entry.Outcome, entry.Status, entry.Action, entry.KeyId, entry.Detail), Is.EqualTo(("denied", 401, "ReadAudit", (long?)null, "no API key")));
    }

    [Test]
    public async Task ReadAudit_RevokedOrUnknownKey_Unauthorized()
    {
        await using var factory = new ApiFactory();
        var made = factory.Key("admin");
        factory.WithStore(s => s.Keys.Revoke(made.Info.Id));
        using var revoked = factory.KeyClient(made.Key);
        using var unknown = factory.KeyClient("bk_" + new string('x', 43));

        using var first = await revoked.GetAsync(Audit);
        using var second = await unknown.GetAsync(Audit);

        Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)));
        Assert.That(factory.Audit().Select(e => e.Event.Detail), Is.All.EqualTo("unknown or revoked API key"));
    }

    [TestCase("lab")]
    [TestCase("reviewer")]
    [TestCase("examiner")]
    [TestCase("investigator")]
    [TestCase("analyst")]
    public async Task AuditEndpoints_NotAdmin_ForbiddenAndAudited(string role)
    {
        await using var factory = new ApiFactory();
        using var client = factory.Client(role, "FGJ Chihuahua", "MX");

        foreach (var path in new[] { "/v1/audit", "/v1/audit/export", "/v1/audit/verify" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), path);
        }

        var entries = factory.Audit();
        Assert.That(entries.Select(e => (e.Event.Outcome, e.Event.Role, e.Event.Agency, e.Event.Country)), Is.All.EqualTo(("denied", role, "FGJ Chihuahua", "MX")));
        Assert.That(entries.Select(e => e.Event.Action), Is.EqualTo(new[] { "ReadAudit", "ExportAudit", "VerifyAudit" }));
    }

    [Test]
    public async Task ReadAudit_Admin_SeesEarlierDenialsWithCaseNumberAndPurpose()
    {
        await using var factory = new ApiFactory();
        using var analyst = factory.Client("analyst");
        using var request = new HttpRequestMessage(HttpMethod.Get, Audit);
        request.Headers.Add("Case-Number", "FGR-2026-0412");
        request.Headers.Add("Purpose", "trafficking network review");
        (await analyst.SendAsync(request)).Dispose();
        using var admin = factory.Client("admin");

        var page = await admin.GetFromJsonAsync<AuditPage>(Audit, ApiFactory.Json);

        Assert.That(page!.Entries, Has.Count.EqualTo(1), "the admin's own read is logged once it is answered");
        var denied = page.Entries[0];
        Assert.That((denied.Outcome, denied.Role, denied.CaseNumber, denied.Purpose), Is.EqualTo(("denied", "analyst", "FGR-2026-0412", "trafficking network review")));
        Assert.That(page.Next, Is.Null);
        Assert.That(factory.Audit().Last().Event.Action, Is.EqualTo("ReadAudit"));
    }

    [Test]
    public async Task ExportAndVerify_Admin_CsvOfEveryEntryAndIntactChain()
    {
        await using var factory = new ApiFactory();
        using var admin = factory.Client("admin");
        (await admin.GetAsync(Audit)).Dispose();
        (await admin.GetAsync(new Uri("/v1/audit?limit=0", UriKind.Relative))).Dispose();

        var csv = await admin.GetStringAsync(new Uri("/v1/audit/export", UriKind.Relative));
        var check = await admin.GetFromJsonAsync<AuditChainCheck>(new Uri("/v1/audit/verify", UriKind.Relative), ApiFactory.Json);

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.StartWith("id,at,key_id,role,agency,country,method,path,action,resource,outcome,status"));
        Assert.That(lines, Has.Length.EqualTo(3), "header, the read, the refused page size");
        Assert.That(lines[2], Does.Contain(",rejected,400,"));
        Assert.That(check.Intact, Is.True);
        Assert.That(check.Entries, Is.EqualTo(3), "the export itself is logged before the check");
    }
}
