using Ballistics.Engine.Comparison;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Scans;

namespace Ballistics.Api.Evidence;

/// <summary>
/// An evidence item as the API shows it: <c>firing_pin_class</c> as the submitter declared it, <c>firing_pin_shape</c> as
/// measured in the scan (circular, elliptical, rectangular; null when it holds no firing-pin impression); <c>modality</c>
/// what it holds (<c>3d</c> a topography, <c>2d</c> a photograph, with the <c>pixel_size_um</c> and <c>lighting</c> its
/// submitter stated, null when the file gave its pixel size or the light is not known).
/// </summary>
public sealed record EvidenceView(
    long Id, string ExhibitId, string Kind, string? Lab, string? Agency, string? Country, string? IncidentId, string? FirearmId, string? Caliber,
    string? FiringPinClass, string? FiringPinShape, string? BreechFaceClass, DateOnly? Date, string? UsState, string? MxState, string? MxMunicipality, string FileName,
    string Sha256, DateTimeOffset AddedAt, string Modality, double? PixelSizeUm, string? Lighting)
{
    internal static EvidenceView Of(ScanItem item)
    {
        var m = item.Metadata;
        return new EvidenceView(
            item.Id, m.ExhibitId, m.Kind == ScanItemKind.TestFire ? "test_fire" : "evidence", m.Lab, m.Agency, m.Country, m.IncidentId, m.FirearmId, m.Caliber,
            m.FiringPinClass, item.FiringPinShape, m.BreechFaceClass, m.Date, m.UsState, m.MxState, m.MxMunicipality, item.FileName, item.Sha256, item.AddedAt,
            item.Modality, m.PixelSizeUm, m.Lighting is { } light ? ImageLightingNames.Name(light) : null);
    }
}

/// <summary>
/// A lead as the API shows it: the comparison's figures, the review status and what the candidate belongs to. A pair
/// that could not be registered has <c>registration.status</c> "failed" with the reason, and no pose (θ, dx, dy null).
/// <c>score</c> fuses each region's own score: <c>score_bf</c> the breech face's, <c>score_fp</c> the firing pin's and
/// <c>score_shear</c> the aperture shear's (null when that region was not compared; null on leads stored before the
/// regions were scored). <c>modality</c> is the candidate's: photographs are searched among photographs and topographies
/// among topographies, and a topography searched among photographs (<c>POST /v1/evidence/{id}/photograph-search</c>) has
/// those leads too, compared as photographs; scores of the two kinds are never ranked on one list.
/// </summary>
public sealed record LeadView(
    long Id, int Rank, long CandidateId, string CandidateExhibitId, double Score, double? ScoreBf, double? ScoreFp, double? ScoreShear, double Similarity, int Cmc, double Ccf, double? ThetaDeg,
    double? DxUm, double? DyUm, RegistrationOutcome Registration, string Status, string? CandidateIncidentId, string? CandidateFirearmId, string? CandidateCountry,
    string? CandidateAgency, string AlgorithmVersion, string Modality)
{
    internal static LeadView Of(StoredLead lead, ScanItem candidate)
    {
        var registration = RegistrationOutcome.Of(lead.RegistrationFailure);
        return new(
            lead.Id, lead.Rank, lead.CandidateId, candidate.Metadata.ExhibitId, lead.Score, lead.ScoreBf, lead.ScoreFp, lead.ScoreShear, lead.Similarity, lead.Cmc, lead.Ccf, registration.Pose(lead.ThetaDeg),
            registration.Pose(lead.DxUm), registration.Pose(lead.DyUm), registration, lead.Status, candidate.Metadata.IncidentId, candidate.Metadata.FirearmId,
            candidate.Metadata.Country, candidate.Metadata.Agency, lead.AlgorithmVersion, candidate.Modality);
    }
}

/// <summary>
/// What the search did, and among which items (<c>modality</c>: the query's own, 3d or 2d, or 3d-2d for a topography
/// rendered to be searched among photographs); absent when a submitted item already had leads.
/// </summary>
public sealed record SearchSummary(int Searched, int Screened, int Compared, double StageOneMs, double StageTwoMs, string AlgorithmVersion, string Modality);

/// <summary>The answer to a submission: the item and its ranked leads.</summary>
public sealed record EvidenceWithLeads(EvidenceView Evidence, IReadOnlyList<LeadView> Leads, SearchSummary? Search);
