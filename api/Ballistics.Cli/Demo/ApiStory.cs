using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ballistics.Api;
using Ballistics.Intelligence.Linkage;
using Ballistics.Ingest.Records;
using Ballistics.Reports.Linkage;
using Ballistics.Reports.Texts;
using Ballistics.Samples;
using Ballistics.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ballistics.Cli.Demo;

/// <summary>
/// The demo's story through the HTTP API, on a fresh store: the corpus's crime-scene cartridge cases are submitted by
/// the labs of their incidents; a pistol seized in Mexico is test-fired and its test fires submitted; its leads are
/// reviewed and the best confirmed; its seizure is reported, and its trace resolves to the US dealer and the purchaser;
/// the linkage graph and its ranked leads are printed and written as JSON and HTML.
/// </summary>
internal static class ApiStory
{
    private static readonly JsonSerializerOptions Json = ApiJson.Client();

    public static async Task<int> Run(string corpusDir, string storeRoot, TextWriter output, TextWriter error)
    {
        var storeDir = Path.Combine(storeRoot, "demo", "story-store");
        var outDir = Path.Combine(storeRoot, "demo", "story");
        if (Directory.Exists(storeDir))
        {
            Directory.Delete(storeDir, recursive: true);
        }

        Directory.CreateDirectory(outDir);
        var records = Path.Combine(corpusDir, LinkedRecords.Folder);
        var seizures = File.ReadLines(Path.Combine(records, LinkedRecords.SeizuresFile)).Skip(1).Select(l => l.Split(',')).Where(f => f.Length == 12).ToArray();
        var sales = File.ReadLines(Path.Combine(records, LinkedRecords.TransactionsFile)).Skip(1).Select(l => l.Split(',')).ToArray();
        // The pistol: seized in Mexico and sold on a multiple-sale report if any was (a straw purchase), else the first seized in Mexico.
        var straw = sales.Where(s => s[^1].Length > 0).Select(s => s[1]).ToHashSet();
        var pistol = seizures.Where(s => s[7] == "MX").OrderBy(s => straw.Contains(s[1]) ? 0 : 1).FirstOrDefault();
        if (pistol is null)
        {
            error.WriteLine("error: the corpus has no seizure in Mexico to tell the story with");
            return 1;
        }

        var firearm = pistol[11].Split('_')[0];
        var seizedId = $"SEIZED-{firearm}";
        string lab, labUs, reviewer, examiner, investigator;
        using (var store = DataStore.Open(storeDir, create: true).Value)
        {
            lab = store.Keys.Add("lab", pistol[10], "MX", "demo MX lab").Key;
            labUs = store.Keys.Add("lab", "ATF NIBIN National Correlation Center", "US", "demo US lab").Key;
            reviewer = store.Keys.Add("reviewer", pistol[10], "MX", "demo reviewer").Key;
            examiner = store.Keys.Add("examiner", pistol[10], "MX", "demo examiner").Key;
            investigator = store.Keys.Add("investigator", pistol[10], "MX", "demo investigator").Key;
            using var reader = RecordFileReader.Open(Path.Combine(records, LinkedRecords.TransactionsFile), RecordKind.Transaction).Value;
            var counts = store.Ingest(reader, Path.Combine(outDir, "transactions.rejects.csv"));
            output.WriteLine($"  fresh store {Path.GetFullPath(storeDir)}: 5 API keys, {counts.Stored} US firearm sales on file");
        }

        var app = ApiHost.Build([$"--{ApiHost.StoreSetting}={Path.GetFullPath(storeDir)}", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            output.WriteLine($"  API listening at {address} (documentation at {address}/docs)");
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            // The console speaks English, whatever country a key is from; linkage.es.html says it in Spanish.
            http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
            HttpRequestMessage As(string key, HttpMethod method, string path, HttpContent? content = null)
            {
                var request = new HttpRequestMessage(method, path) { Content = content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                return request;
            }

            // 1. The crime-scene cartridge cases of every incident, each submitted by a lab of the incident's country.
            foreach (var s in seizures)
            {
                var exhibit = s[11];
                var mexican = s[7] == "MX";
                var metadata = new Dictionary<string, string> { ["incident_id"] = s[0], ["date"] = s[6], ["caliber"] = s[4] };
                metadata[mexican ? "mx_state" : "us_state"] = s[8];
                if (mexican)
                {
                    metadata["mx_municipality"] = s[9];
                }

                using var response = await http.SendAsync(As(mexican ? lab : labUs, HttpMethod.Post, "/v1/evidence", Upload(Path.Combine(corpusDir, "scans", exhibit + ".x3p"), exhibit + ".x3p", metadata)));
                if (!response.IsSuccessStatusCode)
                {
                    error.WriteLine($"error: evidence {exhibit}: {await response.Content.ReadAsStringAsync()}");
                    return 1;
                }
            }

            output.WriteLine($"  {seizures.Length} crime-scene cartridge cases submitted ({string.Join(", ", seizures.Select(s => $"{s[0]} {s[7]}-{s[8]}").Distinct())})");

            // 2. The pistol seized in Mexico, test-fired twice.
            long? firstLead = null;
            foreach (var fire in new[] { "fire02", "fire03" })
            {
                var path = Path.Combine(corpusDir, "scans", $"{firearm}_{fire}.x3p");
                var metadata = new Dictionary<string, string> { ["kind"] = "test_fire", ["firearm_id"] = seizedId, ["exhibit_id"] = $"{seizedId}-TF{fire[^1]}" };
                using var response = await http.SendAsync(As(lab, HttpMethod.Post, "/v1/evidence", Upload(path, Path.GetFileName(path), metadata)));
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (!response.IsSuccessStatusCode)
                {
                    error.WriteLine($"error: test fire {fire}: {body.RootElement}");
                    return 1;
                }

                // The best lead to evidence of a crime scene (a second test fire finds the first one too).
                var leads = body.RootElement.GetProperty("leads").EnumerateArray().ToArray();
                var best = leads.First(l => l.GetProperty("candidate_firearm_id").GetString() != seizedId);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  test fire {seizedId}-TF{fire[^1]}: {leads.Length} leads; best crime-scene lead {best.GetProperty("candidate_exhibit_id").GetString()} (incident {best.GetProperty("candidate_incident_id").GetString()}) score {best.GetProperty("score").GetDouble():0.000}"));
                firstLead ??= best.GetProperty("id").GetInt64();
            }

            // 3. Review: the correlation reviewer looks at the lead's pictures (as the review page at /review shows them), makes
            // the best candidate a lead; the examiner confirms it at the microscope.
            using (var described = await http.SendAsync(As(reviewer, HttpMethod.Get, $"/v1/leads/{firstLead}/diagnostics")))
            {
                using var diagnostics = JsonDocument.Parse(await described.Content.ReadAsStringAsync());
                if (!described.IsSuccessStatusCode)
                {
                    error.WriteLine($"error: diagnostics of lead {firstLead}: {diagnostics.RootElement}");
                    return 1;
                }

                var pictures = Path.Combine(outDir, $"lead-{firstLead}");
                Directory.CreateDirectory(pictures);
                foreach (var image in diagnostics.RootElement.GetProperty("images").EnumerateArray())
                {
                    using var png = await http.SendAsync(As(reviewer, HttpMethod.Get, image.GetProperty("url").GetString()!));
                    await File.WriteAllBytesAsync(Path.Combine(pictures, image.GetProperty("name").GetString() + ".png"), await png.Content.ReadAsByteArrayAsync());
                }

                var root = diagnostics.RootElement;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lead {firstLead} pictures ({root.GetProperty("forward_cmc").GetInt32()} of {root.GetProperty("forward_valid_cells").GetInt32()} cells congruent, {(root.GetProperty("same_as_stored").GetBoolean() ? "the stored figures remade exactly" : "figures differ from the stored ones")}): {Path.GetFullPath(pictures)} (the review page shows them: `ballistics serve --store {Path.GetFullPath(storeDir)}`, then /review)"));
            }

            // The review itself.
            foreach (var (key, status, note) in new[] { (reviewer, "lead", "breech-face marks agree in the correlation review"), (examiner, "confirmed", "identified by comparison microscopy") })
            {
                using var response = await http.SendAsync(As(key, HttpMethod.Post, $"/v1/leads/{firstLead}/review", JsonContent.Create(new { status, note })));
                output.WriteLine($"  lead {firstLead} → {status}: {(int)response.StatusCode}");
            }

            // 4. The seizure report, listing the test fires, and the linkage it opens.
            var seizure = new Dictionary<string, string>
            {
                ["folio del evento"] = pistol[0], ["serie"] = pistol[1], ["marca"] = pistol[2], ["modelo"] = pistol[3], ["calibre"] = pistol[4], ["tipo de arma"] = pistol[5],
                ["fecha de aseguramiento"] = pistol[6], ["pais"] = pistol[7], ["entidad federativa"] = pistol[8], ["municipio"] = pistol[9], ["casquillos"] = $"{seizedId}-TF2;{seizedId}-TF3",
            };
            using (var response = await http.SendAsync(As(lab, HttpMethod.Post, "/v1/seizures", JsonContent.Create(seizure))))
            {
                output.WriteLine($"  seizure of the {pistol[2]} {pistol[3]} ({pistol[1]}) at {pistol[0]}, {pistol[8]}: {(int)response.StatusCode}");
            }

            using var linkageRequest = As(investigator, HttpMethod.Get, $"/v1/firearms/{seizedId}/linkage");
            linkageRequest.Headers.Add("Case-Number", $"{pistol[0]}-LINK");
            linkageRequest.Headers.Add("Purpose", "post-seizure linkage of a seized firearm");
            using var linkage = await http.SendAsync(linkageRequest);
            var text = await linkage.Content.ReadAsStringAsync();
            if (!linkage.IsSuccessStatusCode)
            {
                error.WriteLine($"error: linkage: {text}");
                return 1;
            }

            var graph = JsonSerializer.Deserialize<LinkageGraph>(text, Json)!;
            output.WriteLine($"  linkage of {seizedId}: {graph.Nodes.Count} nodes, {graph.Edges.Count} edges; leads to follow:");
            foreach (var lead in graph.Leads)
            {
                output.WriteLine($"    {lead.Rank}. [{lead.Kind}] {lead.Why}");
            }

            var jsonPath = Path.Combine(outDir, "linkage.json");
            var htmlPath = Path.Combine(outDir, "linkage.html");
            var spanishPath = Path.Combine(outDir, "linkage.es.html");
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(graph, Json));
            // The page in English and in Spanish, each with a link to the other.
            await File.WriteAllTextAsync(htmlPath, LinkagePage.Html(graph, Language.English, Path.GetFileName(spanishPath)));
            await File.WriteAllTextAsync(spanishPath, LinkagePage.Html(graph, Language.Spanish, Path.GetFileName(htmlPath)));
            output.WriteLine($"  wrote {Path.GetFullPath(jsonPath)}, {Path.GetFullPath(htmlPath)} and {Path.GetFileName(spanishPath)} beside it");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static MultipartFormDataContent Upload(string path, string name, Dictionary<string, string> metadata)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        content.Add(new StringContent(JsonSerializer.Serialize(metadata)), "metadata");
        return content;
    }
}
