using Ballistics.Api.Evidence;
using Ballistics.Api.Texts;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Diagnostics;
using Ballistics.Engine.Matching;
using Ballistics.Reports.Texts;
using Ballistics.Store.Scans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Review;

/// <summary>
/// The pictures behind a scored pair's figures (<see cref="ComparisonDiagnostics"/>): what was compared, how it was aligned,
/// which cells agreed and where. A pair is scored when a search made it a lead or a batch job ranked it; whoever may see
/// both items may see its pictures. Pairs nothing scored are not compared on request.
/// </summary>
public static class DiagnosticsApi
{
    public static IEndpointRouteBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        var lead = app.MapGroup("/v1/leads/{id:long}/diagnostics").WithTags("Leads").RequireAuthorization(EvidenceApi.ReadRoles)
            .KeyedProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        lead.MapGet("/", DescribeLead).WithName("GetLeadDiagnostics")
            .WithSummary("The lead's comparison made again: its figures beside the stored ones, every cell, and the pictures' addresses.");
        lead.MapGet("/{name}.png", LeadPicture).WithName("GetLeadDiagnosticsPicture").Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .WithSummary("One picture of the lead's comparison: reference, target, aligned, overlay, cells or difference.");
        var pair = app.MapGroup("/v1/pairs/{a:long}/{b:long}/diagnostics").WithTags("Leads").RequireAuthorization(EvidenceApi.ReadRoles)
            .KeyedProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        pair.MapGet("/", DescribePair).WithName("GetPairDiagnostics")
            .WithSummary("Item a searched against item b, as a lead or a batch job scored them: the comparison made again, every cell, the pictures' addresses.");
        pair.MapGet("/{name}.png", PairPicture).WithName("GetPairDiagnosticsPicture").Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .WithSummary("One picture of a scored pair's comparison: reference, target, aligned, overlay, cells or difference.");
        return app;
    }

    private static async Task<Results<Ok<DiagnosticsView>, ProblemHttpResult>> DescribeLead(long id, [AsParameters] ApiRequest api, LeadDiagnostics diagnostics)
    {
        var (context, _, _, _, _) = api;
        if (ReviewApi.Visible(id, api) is not var (lead, evidence, candidate))
        {
            return ReviewApi.NoSuchLead(context, id);
        }

        return await Describe(context, evidence, candidate, lead, Figures(lead), $"/v1/leads/{id}/diagnostics", diagnostics);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> LeadPicture(long id, string name, [AsParameters] ApiRequest api, LeadDiagnostics diagnostics)
    {
        var (context, _, _, _, _) = api;
        if (UnknownPicture(context, name) is { } unknown)
        {
            return unknown;
        }

        return ReviewApi.Visible(id, api) is var (_, evidence, candidate)
            ? await Picture(context, evidence, candidate, name, $"lead-{id}", diagnostics)
            : ReviewApi.NoSuchLead(context, id);
    }

    private static async Task<Results<Ok<DiagnosticsView>, ProblemHttpResult>> DescribePair(long a, long b, [AsParameters] ApiRequest api, LeadDiagnostics diagnostics)
    {
        var (context, _, _, _, _) = api;
        if (ScoredPair(a, b, api) is not var (evidence, candidate, lead, stored))
        {
            return NoSuchPair(context, a, b);
        }

        return await Describe(context, evidence, candidate, lead, stored, $"/v1/pairs/{a}/{b}/diagnostics", diagnostics);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PairPicture(long a, long b, string name, [AsParameters] ApiRequest api, LeadDiagnostics diagnostics)
    {
        var (context, _, _, _, _) = api;
        if (UnknownPicture(context, name) is { } unknown)
        {
            return unknown;
        }

        return ScoredPair(a, b, api) is var (evidence, candidate, _, _)
            ? await Picture(context, evidence, candidate, name, $"pair-{a}-{b}", diagnostics)
            : NoSuchPair(context, a, b);
    }

    /// <summary>Both items when the caller may see them and a lead or a batch job scored a against b, with the figures kept.</summary>
    private static (ScanItem A, ScanItem B, StoredLead? Lead, LeadFigures Stored)? ScoredPair(long a, long b, ApiRequest api)
    {
        var (_, caller, store, corpus, sharing) = api;
        if (corpus.Get(a) is not { } first || corpus.Get(b) is not { } second || !sharing.CanSee(caller, first) || !sharing.CanSee(caller, second))
        {
            return null;
        }

        if (store.Use(s => s.Leads.Find(a, b)) is { } lead)
        {
            return (first, second, lead, Figures(lead));
        }

        return store.Use(s => s.Correlations.Scored(a, b)) is var (batch, version)
            ? (first, second, null, LeadFigures.Of(batch.Score, batch.Cmc, batch.Ccf, batch.ThetaDeg, batch.DxUm, batch.DyUm, RegistrationOutcome.Of(batch.RegistrationFailure), version))
            : null;
    }

    private static LeadFigures Figures(StoredLead lead) =>
        LeadFigures.Of(lead.Score, lead.Cmc, lead.Ccf, lead.ThetaDeg, lead.DxUm, lead.DyUm, RegistrationOutcome.Of(lead.RegistrationFailure), lead.AlgorithmVersion);

    private static async Task<Results<Ok<DiagnosticsView>, ProblemHttpResult>> Describe(
        HttpContext context, ScanItem evidence, ScanItem candidate, StoredLead? lead, LeadFigures stored, string baseUrl, LeadDiagnostics diagnostics)
    {
        var drawn = await diagnostics.For(evidence, candidate);
        if (drawn is not { Result: { } r, Diagnostics: { } d })
        {
            return Unavailable(context, drawn.Reason);
        }

        var again = LeadFigures.Of(r.Score, r.CmcCount, r.Ccf, r.Registration.RotationDeg, r.Registration.DxUm, r.Registration.DyUm, RegistrationOutcome.Of(r.Registration), r.AlgorithmVersion);
        var language = ApiTexts.Of(context);
        var images = d.Images.Select(i => new DiagnosticImageView(i.Name, PictureTitle(i, language), PictureDescription(i, r, d, language), i.WidthPx, i.HeightPx, $"{baseUrl}/{i.Name}.png")).ToArray();
        return TypedResults.Ok(new DiagnosticsView(
            lead is null ? null : LeadView.Of(lead, candidate), EvidenceView.Of(evidence), EvidenceView.Of(candidate), stored, again, SameFigures(stored, again),
            r.Forward.CmcCount, r.Forward.ValidCells, r.Backward.CmcCount, r.Backward.ValidCells, images, [.. d.Cells.Select(CellView.Of)], d.ExaggerationFactor, d.DifferenceRangeUm,
            d.AlgorithmVersion, ApiTexts.Format(context, "diagnostics.note")));
    }

    private static string PictureTitle(DiagnosticImage image, Language language) => ApiTexts.Catalog.Get(language, $"picture.{image.Name}.title");

    /// <summary>
    /// What a picture shows, in the caller's language, with the comparison's own figures. A region picture's English
    /// caption is the engine's, which also gives the region's area and share and where it was found from.
    /// </summary>
    private static string PictureDescription(DiagnosticImage image, ComparisonResult r, ComparisonDiagnostics d, Language language) => image.Name switch
    {
        "aligned" => ApiTexts.Catalog.Format(language, "picture.aligned.description", r.Registration.RotationDeg, r.Registration.DxUm, r.Registration.DyUm),
        "cells" => ApiTexts.Catalog.Format(language, "picture.cells.description", r.Options.Cmc.GridCells, r.Options.Cmc.CcfThreshold, r.Forward.CmcCount, r.Forward.ValidCells),
        "difference" => ApiTexts.Catalog.Format(language, "picture.difference.description", d.DifferenceRangeUm, d.Options.DifferenceQuantile),
        _ when ComparisonDiagnostics.RegionImageNames.Contains(image.Name, StringComparer.Ordinal) =>
            language == Language.English ? image.Description : ApiTexts.Catalog.Get(language, "picture.region.description"),
        "firing-pin" => ApiTexts.Catalog.Format(language, "picture.firing-pin.description", r.FiringPin.RotationDeg, r.FiringPin.Ncc, r.FiringPin.OverlapPoints),
        _ => ApiTexts.Catalog.Get(language, $"picture.{image.Name}.description"),
    };

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Picture(HttpContext context, ScanItem evidence, ScanItem candidate, string name, string stem, LeadDiagnostics diagnostics)
    {
        var drawn = await diagnostics.For(evidence, candidate);
        return drawn.Diagnostics?.Image(name) is { } image ? TypedResults.File(image.Png, "image/png", $"{stem}-{name}.png") : Unavailable(context, drawn.Reason);
    }

    private static ProblemHttpResult? UnknownPicture(HttpContext context, string name) =>
        ComparisonDiagnostics.ImageNames.Concat(ComparisonDiagnostics.RegionImageNames).Concat(ComparisonDiagnostics.FiringPinImageNames).Contains(name, StringComparer.Ordinal)
            ? null
            : ApiProblems.Field(context, StatusCodes.Status404NotFound, "title.no_such_picture", "name", "detail.no_such_picture", name, string.Join(", ", ComparisonDiagnostics.ImageNames.Concat(ComparisonDiagnostics.RegionImageNames).Concat(ComparisonDiagnostics.FiringPinImageNames)));

    /// <summary>
    /// The same comparison gives the same figures; after an upgrade of the matcher they may differ, and the page says so. A
    /// search's version names the comparison's versions among its own (signature and screen), so those are looked for in it.
    /// </summary>
    private static bool SameFigures(LeadFigures stored, LeadFigures again) =>
        again.AlgorithmVersion.Split(' ').All(part => stored.AlgorithmVersion.Split(' ').Contains(part, StringComparer.Ordinal))
        && Math.Abs(stored.Score - again.Score) < 1e-9 && stored.Cmc == again.Cmc;

    private static ProblemHttpResult NoSuchPair(HttpContext context, long a, long b) =>
        ApiProblems.Whole(context, StatusCodes.Status404NotFound, "title.no_such_pair", "detail.no_such_pair", a, b);

    private static ProblemHttpResult Unavailable(HttpContext context, string? reason) =>
        ApiProblems.Field(context, StatusCodes.Status409Conflict, "title.comparison_unavailable", "lead", "detail.comparison_unavailable", reason ?? ApiTexts.Format(context, "detail.unknown"));
}

/// <summary>A comparison's figures, as stored with the lead or batch result, or as made again; no pose when it could not be registered.</summary>
public sealed record LeadFigures(double Score, int Cmc, double Ccf, double? ThetaDeg, double? DxUm, double? DyUm, RegistrationOutcome Registration, string AlgorithmVersion)
{
    internal static LeadFigures Of(double score, int cmc, double ccf, double thetaDeg, double dxUm, double dyUm, RegistrationOutcome registration, string algorithmVersion) =>
        new(score, cmc, ccf, registration.Pose(thetaDeg), registration.Pose(dxUm), registration.Pose(dyUm), registration, algorithmVersion);
}

/// <summary>One picture's description and where to fetch it (with the same key).</summary>
public sealed record DiagnosticImageView(string Name, string Title, string Description, int WidthPx, int HeightPx, string Url);

/// <summary>One cell (<see cref="DiagnosticCell"/>) with null where it found no match: JSON has no NaN.</summary>
public sealed record CellView(
    string Direction, int Row, int Column, bool Found, bool Congruent, double? Ccf, double? RotationDeg, double CentreXUm, double CentreYUm, double? MatchXUm, double? MatchYUm)
{
    internal static CellView Of(DiagnosticCell c) => new(
        c.Direction, c.Row, c.Column, c.Found, c.Congruent, Finite(c.Ccf), Finite(c.RotationDeg), c.CentreXUm, c.CentreYUm, Finite(c.MatchXUm), Finite(c.MatchYUm));

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>
/// A scored pair's diagnostics: the lead (when a search made one), both items, the stored and remade figures, the cells of
/// both directions and the pictures.
/// </summary>
public sealed record DiagnosticsView(
    LeadView? Lead, EvidenceView Evidence, EvidenceView Candidate, LeadFigures Stored, LeadFigures Recomputed, bool SameAsStored,
    int ForwardCmc, int ForwardValidCells, int BackwardCmc, int BackwardValidCells, IReadOnlyList<DiagnosticImageView> Images, IReadOnlyList<CellView> Cells,
    double ExaggerationFactor, double DifferenceRangeUm, string DiagnosticsVersion, string Note);
