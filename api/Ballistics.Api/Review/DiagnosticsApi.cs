using Ballistics.Api.Access;
using Ballistics.Api.Evidence;
using Ballistics.Engine.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api.Review;

/// <summary>
/// The pictures behind a lead's figures (<see cref="ComparisonDiagnostics"/>): what was compared, how it was aligned, which
/// cells agreed and where. Whoever may see the lead may see its pictures.
/// </summary>
public static class DiagnosticsApi
{
    public static IEndpointRouteBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/leads/{id:long}/diagnostics").WithTags("Leads").RequireAuthorization(EvidenceApi.ReadRoles);
        group.MapGet("/", Describe).WithName("GetLeadDiagnostics")
            .WithSummary("The lead's comparison made again: its figures beside the stored ones, every cell, and the pictures' addresses.");
        group.MapGet("/{name}.png", Picture).WithName("GetLeadDiagnosticsPicture")
            .WithSummary("One picture of the lead's comparison: reference, target, aligned, overlay, cells or difference.");
        return app;
    }

    private static async Task<Results<Ok<LeadDiagnosticsView>, ProblemHttpResult>> Describe(long id, HttpContext context, StoreAccess store, CorpusService corpus, SharingRules sharing, LeadDiagnostics diagnostics)
    {
        if (ReviewApi.Visible(id, context, store, corpus, sharing) is not var (lead, evidence, candidate))
        {
            return ReviewApi.NoSuchLead(id);
        }

        var drawn = await diagnostics.For(lead, evidence, candidate);
        if (drawn is not { Result: { } r, Diagnostics: { } d })
        {
            return Unavailable(context, drawn.Reason);
        }

        var stored = new LeadFigures(lead.Score, lead.Cmc, lead.Ccf, lead.ThetaDeg, lead.DxUm, lead.DyUm, lead.AlgorithmVersion);
        var again = new LeadFigures(r.Score, r.CmcCount, r.Ccf, r.Registration.RotationDeg, r.Registration.DxUm, r.Registration.DyUm, r.AlgorithmVersion);
        var images = d.Images.Select(i => new DiagnosticImageView(i.Name, i.Title, i.Description, i.WidthPx, i.HeightPx, $"/v1/leads/{id}/diagnostics/{i.Name}.png")).ToArray();
        var cells = d.Cells.Select(CellView.Of).ToArray();
        return TypedResults.Ok(new LeadDiagnosticsView(
            LeadView.Of(lead, candidate), EvidenceView.Of(evidence), EvidenceView.Of(candidate), stored, again, SameFigures(stored, again),
            r.Forward.CmcCount, r.Forward.ValidCells, r.Backward.CmcCount, r.Backward.ValidCells, images, cells, d.ExaggerationFactor, d.DifferenceRangeUm, d.AlgorithmVersion,
            "An investigative lead for a firearms examiner, not an identification."));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Picture(long id, string name, HttpContext context, StoreAccess store, CorpusService corpus, SharingRules sharing, LeadDiagnostics diagnostics)
    {
        if (!ComparisonDiagnostics.ImageNames.Contains(name, StringComparer.Ordinal))
        {
            return ApiProblems.Field(context, StatusCodes.Status404NotFound, "No such picture", "name", $"'{name}' is none of {string.Join(", ", ComparisonDiagnostics.ImageNames)}");
        }

        if (ReviewApi.Visible(id, context, store, corpus, sharing) is not var (lead, evidence, candidate))
        {
            return ReviewApi.NoSuchLead(id);
        }

        var drawn = await diagnostics.For(lead, evidence, candidate);
        return drawn.Diagnostics?.Image(name) is { } image ? TypedResults.File(image.Png, "image/png", $"lead-{id}-{name}.png") : Unavailable(context, drawn.Reason);
    }

    /// <summary>
    /// The same comparison gives the same figures; after an upgrade of the matcher they may differ, and the page says so. A
    /// search's version names the comparison's versions among its own (signature and screen), so those are looked for in it.
    /// </summary>
    private static bool SameFigures(LeadFigures stored, LeadFigures again) =>
        again.AlgorithmVersion.Split(' ').All(part => stored.AlgorithmVersion.Split(' ').Contains(part, StringComparer.Ordinal))
        && Math.Abs(stored.Score - again.Score) < 1e-9 && stored.Cmc == again.Cmc;

    private static ProblemHttpResult Unavailable(HttpContext context, string? reason) =>
        ApiProblems.Field(context, StatusCodes.Status409Conflict, "Comparison unavailable", "lead", $"the comparison cannot be made again: {reason ?? "unknown"}");
}

/// <summary>A comparison's figures, as stored with the lead or as made again.</summary>
public sealed record LeadFigures(double Score, int Cmc, double Ccf, double ThetaDeg, double DxUm, double DyUm, string AlgorithmVersion);

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

/// <summary>A lead's diagnostics: the stored and remade figures, the cells of both directions and the pictures.</summary>
public sealed record LeadDiagnosticsView(
    LeadView Lead, EvidenceView Evidence, EvidenceView Candidate, LeadFigures Stored, LeadFigures Recomputed, bool SameAsStored,
    int ForwardCmc, int ForwardValidCells, int BackwardCmc, int BackwardValidCells, IReadOnlyList<DiagnosticImageView> Images, IReadOnlyList<CellView> Cells,
    double ExaggerationFactor, double DifferenceRangeUm, string DiagnosticsVersion, string Note);
