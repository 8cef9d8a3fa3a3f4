using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ballistics.Cli.Corpus;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Corpus;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Ingest.Tables;
using Ballistics.Cli.Matching;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Scans;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics search Q.x3p [--top N] [--caliber C] [--store DIR] [--json]`: the ranked leads for one scan among the
/// items on file — stage 1 over every signature the filters keep, stage 2 the full comparison of the best
/// <c>--candidates</c>.
/// </summary>
internal static class SearchCommand
{
    public const string Header = "rank,item_id,exhibit_id,score,score_bf,score_fp,score_shear,similarity,cmc,theta_deg,dx_um,dy_um,incident_id,firearm_id,status";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var query = new Argument<string>("query") { Description = "the x3p scan, or PNG/TIFF photograph, to search for: a photograph is searched among photographs, a scan among scans" };
        var pixelSize = ScanFileOptions.PixelSizeOption();
        var lighting = ScanFileOptions.LightingOption();
        var asPhotograph = new Option<bool>("--as-photograph")
        {
            Description = "search the photographs on file with an x3p scan: the scan is rendered as a photograph under --lighting (a ring light when unknown) and compared as one",
        };
        var top = new Option<int>("--top") { DefaultValueFactory = _ => 10, Description = "leads to print (default 10)" };
        var filters = FilterOptions.Create();
        var candidates = new Option<int>("--candidates") { DefaultValueFactory = _ => CorpusSearchOptions.Default.Candidates, Description = "stage-1 candidates re-ranked in stage 2 (default 200)" };
        var full = StoreVerbs.FullOption();
        var store = StoreVerbs.StoreOption();
        var json = new Option<bool>("--json") { Description = "print {\"query\": …, \"leads\": […]} instead of a table" };
        var command = new Command("search", "Rank the items on file by how strongly they match a scan: signature scan, then full comparison of the best candidates.")
        {
            query, top, candidates, full, store, json, pixelSize, lighting, asPhotograph,
        };
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            if (filters.Parse(parse, error) is not { } filter)
            {
                return 2;
            }

            var read = new QueryReading(parse.GetValue(pixelSize), ScanFileOptions.Lighting(parse.GetValue(lighting)), parse.GetValue(asPhotograph));
            return Run(parse.GetValue(query)!, parse.GetValue(top), parse.GetValue(candidates), filter, parse.GetValue(store)!, parse.GetValue(json), output, error, parse.GetValue(full), read);
        });
        return command;
    }

    /// <summary>How the query file is read: a photograph's pixel size and light as stated, and whether a scan is searched among photographs.</summary>
    internal sealed record QueryReading(double? PixelSizeUm = null, Engine.Surfaces.ImageLighting Lighting = Engine.Surfaces.ImageLighting.Unknown, bool AsPhotograph = false);

    internal static int Run(string queryPath, int top, int candidates, SearchFilter filter, string storePath, bool json, TextWriter output, TextWriter error, int? full = null, QueryReading? reading = null)
    {
        reading ??= new QueryReading();
        if (top <= 0 || candidates <= 0 || full <= 0)
        {
            error.WriteLine($"error: --top, --candidates and --full must be positive (got {top}, {candidates} and {full})");
            return 2;
        }

        // Read once: parsed here, hashed below to know whether the query is itself on file.
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(queryPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {queryPath}: cannot read the file: {ex.Message}");
            return 1;
        }

        var read = SurfaceFiles.Read(bytes, queryPath, SurfaceFileOptions.Default with { ImagePixelSizeUm = reading.PixelSizeUm, ImageLighting = reading.Lighting });
        if (!read.Success)
        {
            error.WriteLine($"error: {read.Error}");
            return 1;
        }

        using var store = StoreVerbs.OpenStore(storePath, create: false, error);
        if (store is null)
        {
            return 1;
        }

        var session = CliCorpus.Open(store);
        Engine.Preprocessing.PreparedScan prepared;
        try
        {
            prepared = reading.AsPhotograph && read.Value.Kind == Engine.Surfaces.SurfaceKind.Topography
                ? session.Matcher.PrepareAsPhotograph(read.Value, reading.Lighting)
                : session.Matcher.Prepare(read.Value);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"error: {queryPath}: cannot prepare the breech face: {ex.Message}");
            return 1;
        }

        // A query already on file is not its own lead.
        var self = store.Scans.FindByContent(bytes);
        var result = session.Run(prepared, filter, new CorpusSearchOptions { Candidates = candidates, FullComparisons = Math.Max(full ?? CorpusSearchOptions.DefaultFullComparisons, top) }, self?.Id);
        if (result.StageOne.Count == 0 && session.Search.Codes(prepared).Count == 0)
        {
            error.WriteLine($"error: {queryPath}: too little breech face around the firing pin for a search signature");
            return 1;
        }

        foreach (var (itemId, reason) in result.Skipped)
        {
            error.WriteLine($"warning: candidate {itemId} not compared: {reason}");
        }

        var leads = result.Leads.Take(top).Select(l => LeadRow.Of(l, store.Scans.Get(l.ItemId))).ToArray();
        if (json)
        {
            var document = new
            {
                Query = new
                {
                    File = queryPath,
                    ItemId = self?.Id,
                    Modality = ModalityOf(prepared),
                    Searched = result.Searched,
                    Candidates = result.StageOne.Count,
                    Screened = result.Screened,
                    Compared = result.Leads.Count,
                    Filter = filter,
                    StageOneMs = Math.Round(result.StageOneMs, 2),
                    StageTwoMs = Math.Round(result.StageTwoMs, 1),
                    AlgorithmVersion = result.AlgorithmVersion,
                },
                Leads = leads,
            };
            output.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
            return 0;
        }

        output.WriteLine(Header);
        foreach (var lead in leads)
        {
            output.WriteLine(lead.ToCsv());
        }

        var screened = result.Screened > 0 ? $"{result.Screened} screened at their likely poses, " : string.Empty;
        error.WriteLine($"{result.Searched} items on file, searched among the {(ModalityOf(prepared) == Modalities.Photograph ? "photographs (2d)" : "topographies (3d)")}{(prepared.Surface.Metadata.RenderedFrom is null ? string.Empty : " with the scan rendered as a photograph")}, {result.StageOne.Count} candidates by signature ({result.StageOneMs:0.0} ms), {screened}{result.Leads.Count} compared in full ({result.StageTwoMs / 1000:0.00} s); {result.AlgorithmVersion}");
        return 0;
    }

    /// <summary>Which items a query is searched among (<see cref="CorpusSearch.FilterFor"/>): a photograph's, or a rendered scan's, are photographs.</summary>
    private static string ModalityOf(Engine.Preprocessing.PreparedScan query) =>
        query.Kind == Engine.Surfaces.SurfaceKind.Intensity2D ? Modalities.Photograph : Modalities.Topography;
}

/// <summary>One lead as printed: the search's numbers and the candidate's identity on file.</summary>
internal sealed record LeadRow(
    int Rank,
    long ItemId,
    string ExhibitId,
    double Score,
    double ScoreBf,
    double? ScoreFp,
    double? ScoreShear,
    double Similarity,
    int Cmc,
    double Ccf,
    double? ThetaDeg,
    double? DxUm,
    double? DyUm,
    RegistrationOutcome Registration,
    string? IncidentId,
    string? FirearmId,
    string? Kind,
    string? Caliber,
    string? FiringPinShape,
    string? Country)
{
    public static LeadRow Of(Lead lead, ScanItem? item)
    {
        var r = lead.Comparison.Registration;
        var registration = RegistrationOutcome.Of(r);
        var m = item?.Metadata;
        return new LeadRow(
            lead.Rank,
            lead.ItemId,
            m?.ExhibitId ?? string.Empty,
            Math.Round(lead.Score, 4),
            Math.Round(lead.Comparison.ScoreBf, 4),
            lead.Comparison.ScoreFp is { } fp ? Math.Round(fp, 4) : null,
            lead.Comparison.ScoreShear is { } shear ? Math.Round(shear, 4) : null,
            Math.Round(lead.Similarity, 4),
            lead.Comparison.CmcCount,
            Math.Round(lead.Comparison.Ccf, 4),
            registration.Pose(Math.Round(r.RotationDeg, 2)),
            registration.Pose(Math.Round(r.DxUm, 1)),
            registration.Pose(Math.Round(r.DyUm, 1)),
            registration,
            m?.IncidentId,
            m?.FirearmId,
            m is null ? null : m.Kind == ScanItemKind.TestFire ? "test_fire" : "evidence",
            m?.Caliber,
            item?.FiringPinShape,
            m?.Country);
    }

    public string ToCsv() => string.Join(',', new[]
    {
        I(Rank), I(ItemId), Csv(ExhibitId), F(Score, "0.0000"), F(ScoreBf, "0.0000"), F(ScoreFp, "0.0000"), F(ScoreShear, "0.0000"), F(Similarity, "0.0000"), I(Cmc), F(ThetaDeg, "0.00"), F(DxUm, "0.0"), F(DyUm, "0.0"), Csv(IncidentId), Csv(FirearmId),
        Csv(Registration.CsvStatus),
    });

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string? text) => text is null ? string.Empty : CsvText.Field(text);
}
