using Ballistics.Api.Access;
using Ballistics.Api.Evidence;
using Ballistics.Api.Records;
using Ballistics.Api.Texts;
using Ballistics.Intelligence.Linkage;
using Ballistics.Intelligence.Tracing;
using Ballistics.Ingest.Scans;
using Ballistics.Reports.Linkage;
using Ballistics.Store;
using Ballistics.Store.Scans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Linkage;

/// <summary>
/// The post-seizure linkage of a firearm (<see cref="LinkageBuilder"/>) as nodes, edges and leads to follow. Every role
/// may ask; each sees the scans its sharing rules allow, and the purchaser's personal data only as an admin or an
/// investigator of the seizing agency (who, as for traces, states a case number and purpose). Each graph is also served
/// drawn (<see cref="LinkagePicture"/>), for the review page and for anyone who reads a picture faster than a table.
/// </summary>
public static class LinkageApi
{
    public static IEndpointRouteBuilder MapLinkageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/firearms/{id}/linkage", FirearmLinkage).WithName("GetFirearmLinkage").WithTags("Linkage").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .RequireAuthorization(EvidenceApi.ReadRoles).WithCaseStatement()
            .WithSummary("A seized firearm's test fires, the crime-scene evidence they are linked to, its trace and the leads to follow.");
        app.MapGet("/v1/incidents/{id}/linkage", IncidentLinkage).WithName("GetIncidentLinkage").WithTags("Linkage").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .RequireAuthorization(EvidenceApi.ReadRoles).WithCaseStatement()
            .WithSummary("An incident's cartridge cases, the incidents and seized firearms their leads and hits reach, and the leads to follow.");
        app.MapGet("/v1/firearms/{id}/linkage/picture", (string id, [AsParameters] ApiRequest api) => Picture(FirearmLinkage(id, api), api.Context))
            .WithName("GetFirearmLinkagePicture").WithTags("Linkage").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .RequireAuthorization(EvidenceApi.ReadRoles).WithCaseStatement()
            .Produces<string>(StatusCodes.Status200OK, SvgType)
            .WithSummary("The firearm's linkage drawn as an SVG picture, in the caller's language (the same graph, and the same sharing, as /linkage).");
        app.MapGet("/v1/incidents/{id}/linkage/picture", (string id, [AsParameters] ApiRequest api) => Picture(IncidentLinkage(id, api), api.Context))
            .WithName("GetIncidentLinkagePicture").WithTags("Linkage").KeyedProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .RequireAuthorization(EvidenceApi.ReadRoles).WithCaseStatement()
            .Produces<string>(StatusCodes.Status200OK, SvgType)
            .WithSummary("The incident's linkage drawn as an SVG picture, in the caller's language.");
        return app;
    }

    private const string SvgType = "image/svg+xml";

    /// <summary>The graph an endpoint answers, drawn; a refusal stays the same refusal.</summary>
    private static Results<ContentHttpResult, ProblemHttpResult> Picture(Results<Ok<LinkageGraph>, ProblemHttpResult> answer, HttpContext context) =>
        answer.Result switch
        {
            Ok<LinkageGraph> { Value: { } graph } => TypedResults.Content(LinkagePicture.Svg(graph, ApiTexts.Of(context)), SvgType),
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("a linkage answers a graph or a problem"),
        };

    private static Results<Ok<LinkageGraph>, ProblemHttpResult> FirearmLinkage(string id, [AsParameters] ApiRequest api)
    {
        var (context, caller, store, corpus, sharing) = api;
        if (RecordsApi.CaseStatement(context, caller) is { } missing)
        {
            return missing;
        }

        if (Around(corpus.OfFirearm(id), caller, store, corpus, sharing) is not { } around)
        {
            return ApiProblems.Whole(api.Context, StatusCodes.Status404NotFound, "title.no_such_firearm", "detail.no_such_firearm", id);
        }

        var (scans, leads, linked) = around;
        var (seizures, seized, trace, purchaserSales) = SeizureAndTrace(store, scans);
        if (seized is not null && trace is not null)
        {
            if (!SharingRules.SeesPersonalData(caller, seized.Agency))
            {
                trace = PersonalDataMask.Apply(trace);
                purchaserSales = PersonalDataMask.MaskPurchases(purchaserSales);
            }
        }

        var graph = LinkageBuilder.ForFirearm(
            id,
            [.. scans.Select(Linked)],
            leads,
            linked,
            [.. seizures.Select(s => new SeizedFirearm(s.ContentId, s.Make, s.Model, s.Serial, s.IncidentId, s.RecoveryDate, s.Country, s.StateCode, s.Agency))],
            trace,
            purchaserSales);
        return TypedResults.Ok(LinkageTexts.InLanguage(graph, ApiTexts.Of(context)));
    }

    /// <summary>The seizures listing a firearm's cartridge cases, the one that names it by maker and serial, its trace then and the purchaser's other firearms.</summary>
    private static (IReadOnlyList<SeizureOfExhibit> Seizures, SeizureOfExhibit? Seized, TraceResult? Trace, IReadOnlyList<SaleRecord> PurchaserSales) SeizureAndTrace(StoreAccess store, IReadOnlyList<ScanItem> scans)
    {
        var seizures = store.Use(s => s.SeizuresListing([.. scans.Select(s => (s.Metadata.ExhibitId, s.Metadata.Agency))]));
        var seized = seizures.FirstOrDefault(s => s.MakeCode is not null && s.SerialKey is not null);
        if (seized is null)
        {
            return (seizures, null, null, []);
        }

        var query = new TraceQuery { Make = seized.Make, MakeCode = seized.MakeCode, Serial = seized.Serial, SerialKey = seized.SerialKey, RecoveryDate = seized.RecoveryDate };
        var (trace, sales) = store.Use(s =>
        {
            var result = new TraceResolver(s.Registry).Resolve(query);
            return (result, result.Sale?.Purchaser is { } person ? s.Registry.SalesTo(person.Key) : []);
        });
        return (seizures, seized, trace, sales);
    }

    private static Results<Ok<LinkageGraph>, ProblemHttpResult> IncidentLinkage(string id, [AsParameters] ApiRequest api)
    {
        var (context, caller, store, corpus, sharing) = api;
        if (RecordsApi.CaseStatement(context, caller) is { } missing)
        {
            return missing;
        }

        if (Around(corpus.OfIncident(id), caller, store, corpus, sharing) is not { } around)
        {
            return ApiProblems.Whole(api.Context, StatusCodes.Status404NotFound, "title.no_such_incident", "detail.no_such_incident", id);
        }

        var (scans, leads, linked) = around;

        // Each seized firearm reached: where it was seized and sold (no personal data: the dealer and the days only).
        var firearms = new Dictionary<string, FirearmSummary>(StringComparer.Ordinal);
        foreach (var firearmId in linked.Values.Where(s => s.TestFire && s.FirearmId is not null).Select(s => s.FirearmId!).Distinct())
        {
            var (_, seized, trace, _) = SeizureAndTrace(store, corpus.OfFirearm(firearmId));
            var sale = trace?.Sale;
            firearms[firearmId] = new FirearmSummary(firearmId, seized?.Make, seized?.Model, seized?.Serial, seized?.IncidentId, sale?.Dealer, sale?.DealerFfl, trace?.TimeToCrime?.Days);
        }

        var graph = LinkageBuilder.ForIncident(id, [.. scans.Select(Linked)], leads, linked, firearms);
        return TypedResults.Ok(LinkageTexts.InLanguage(graph, ApiTexts.Of(context)));
    }

    /// <summary>
    /// The scans the caller may see of a firearm or incident, the leads touching them, and the scans at the leads' other
    /// ends that the caller may see (leads to others are left out); null when the caller sees none of the scans.
    /// </summary>
    private static (ScanItem[] Scans, IReadOnlyList<LinkedLead> Leads, Dictionary<long, LinkedScan> Linked)? Around(
        IReadOnlyList<ScanItem> all, Caller caller, StoreAccess store, ApiCorpus corpus, SharingRules sharing)
    {
        var scans = all.Where(s => sharing.CanSee(caller, s)).ToArray();
        if (scans.Length == 0)
        {
            return null;
        }

        var own = scans.Select(s => s.Id).ToHashSet();
        long Other(StoredLead l) => own.Contains(l.EvidenceId) ? l.CandidateId : l.EvidenceId;
        // A lead between two of its own scans (one test fire found by another) links nothing new.
        var leads = store.Use(s => s.Leads.Touching(own)).Where(l => !(own.Contains(l.EvidenceId) && own.Contains(l.CandidateId))).ToArray();
        var linked = new Dictionary<long, LinkedScan>();
        foreach (var other in leads.Select(Other).Distinct())
        {
            if (corpus.Get(other) is { } item && sharing.CanSee(caller, item))
            {
                linked[other] = Linked(item);
            }
        }

        return (scans, [.. leads.Where(l => linked.ContainsKey(Other(l))).Select(l => new LinkedLead(l.Id, l.EvidenceId, l.CandidateId, l.Rank, l.Score, l.Status))], linked);
    }

    private static LinkedScan Linked(ScanItem item)
    {
        var m = item.Metadata;
        return new LinkedScan(item.Id, m.ExhibitId, m.Kind == ScanItemKind.TestFire, m.FirearmId, m.IncidentId, m.Date, m.Country, m.MxState ?? m.UsState, m.Agency);
    }
}
