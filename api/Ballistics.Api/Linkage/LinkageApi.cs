using Ballistics.Api.Access;
using Ballistics.Api.Evidence;
using Ballistics.Api.Records;
using Ballistics.Engine.Linkage;
using Ballistics.Engine.Tracing;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Scans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Linkage;

/// <summary>
/// The post-seizure linkage of a firearm (<see cref="LinkageBuilder"/>) as nodes, edges and leads to follow. Every role
/// may ask; each sees the scans its sharing rules allow, and the purchaser's personal data only as an admin or an
/// investigator of the seizing agency (who, as for traces, states a case number and purpose).
/// </summary>
public static class LinkageApi
{
    public static IEndpointRouteBuilder MapLinkageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/firearms/{id}/linkage", FirearmLinkage).WithName("GetFirearmLinkage").WithTags("Linkage")
            .RequireAuthorization(EvidenceApi.ReadRoles)
            .WithSummary("A seized firearm's test fires, the crime-scene evidence they are linked to, its trace and the leads to follow.");
        return app;
    }

    private static Results<Ok<LinkageGraph>, ProblemHttpResult> FirearmLinkage(string id, HttpContext context, StoreAccess store, CorpusService corpus, SharingRules sharing)
    {
        var caller = Caller.Of(context.User);
        if (RecordsApi.CaseStatement(context, caller) is { } missing)
        {
            return missing;
        }

        var scans = corpus.OfFirearm(id).Where(s => sharing.CanSee(caller, s)).ToArray();
        if (scans.Length == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such firearm", detail: $"no scans of firearm '{id}' that this key may see");
        }

        var own = scans.Select(s => s.Id).ToHashSet();
        var leads = store.Use(s => s.Leads.Touching(own));
        var linked = new Dictionary<long, LinkedScan>();
        foreach (var other in leads.Select(l => own.Contains(l.EvidenceId) ? l.CandidateId : l.EvidenceId).Distinct())
        {
            if (corpus.Get(other) is { } item && sharing.CanSee(caller, item))
            {
                linked[other] = Linked(item);
            }
        }

        var seizures = store.Use(s => s.SeizuresListing([.. scans.Select(s => s.Metadata.ExhibitId)]));
        var seized = seizures.FirstOrDefault(s => s.MakeCode is not null && s.SerialKey is not null);
        TraceResult? trace = null;
        IReadOnlyList<SaleRecord> purchaserSales = [];
        if (seized is not null)
        {
            var query = new TraceQuery { Make = seized.Make, MakeCode = seized.MakeCode, Serial = seized.Serial, SerialKey = seized.SerialKey, RecoveryDate = seized.RecoveryDate };
            (trace, purchaserSales) = store.Use(s =>
            {
                var result = new TraceResolver(s.Registry).Resolve(query);
                return (result, result.Sale?.Purchaser is { } person ? s.Registry.SalesTo(person.Key) : []);
            });
            var personal = caller.Role == ApiRoles.Admin || (caller.Role == ApiRoles.Investigator && string.Equals(seized.Agency, caller.Agency, StringComparison.OrdinalIgnoreCase));
            if (!personal)
            {
                trace = PersonalDataMask.Apply(trace);
                purchaserSales = [.. purchaserSales.Select(sale => PersonalDataMask.Mask(sale)!)];
            }
        }

        var graph = LinkageBuilder.ForFirearm(
            id,
            [.. scans.Select(Linked)],
            [.. leads.Where(l => linked.ContainsKey(own.Contains(l.EvidenceId) ? l.CandidateId : l.EvidenceId)).Select(l => new LinkedLead(l.Id, l.EvidenceId, l.CandidateId, l.Rank, l.Score, l.Status))],
            linked,
            [.. seizures.Select(s => new SeizedFirearm(s.ContentId, s.Make, s.Model, s.Serial, s.IncidentId, s.RecoveryDate, s.Country, s.StateCode, s.Agency))],
            trace,
            purchaserSales);
        return TypedResults.Ok(graph);
    }

    private static LinkedScan Linked(ScanItem item)
    {
        var m = item.Metadata;
        return new LinkedScan(item.Id, m.ExhibitId, m.Kind == ScanItemKind.TestFire, m.FirearmId, m.IncidentId, m.Date, m.Country, m.MxState ?? m.UsState, m.Agency);
    }
}
