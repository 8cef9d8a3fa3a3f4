using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ballistics.Engine.Diagnostics;
using Ballistics.Engine.Matching;

namespace Ballistics.Cli.Matching;

/// <summary>
/// `compare A B --diagnostics DIR`: the comparison's pictures as PNG files, a page that shows them with the figures beside
/// them (index.html, openable from the folder without a server), and diagnostics.json with every cell.
/// </summary>
internal static class DiagnosticsFolder
{
    public const string PageName = "index.html";
    public const string JsonName = "diagnostics.json";

    public static IReadOnlyList<string> Write(string folder, string a, string b, ComparisonResult result, ComparisonDiagnostics diagnostics)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var image in diagnostics.Images)
        {
            var path = Path.Combine(folder, image.Name + ".png");
            CliFiles.WriteAtomically(path, image.Png);
            written.Add(path);
        }

        var json = new
        {
            comparison = ResultJson.From(a, b, result),
            diagnostics = new
            {
                images = diagnostics.Images.Select(i => new { i.Name, File = i.Name + ".png", i.Title, i.Description, i.WidthPx, i.HeightPx }),
                diagnostics.Cells,
                diagnostics.ExaggerationFactor,
                diagnostics.DifferenceRangeUm,
                diagnostics.Options,
                diagnostics.AlgorithmVersion,
            },
        };
        var jsonPath = Path.Combine(folder, JsonName);
        // Cells without a match carry NaN, which JSON cannot: the CLI's options write it as a string.
        CliFiles.WriteAtomically(jsonPath, JsonSerializer.Serialize(json, CliJson.Options));
        written.Add(jsonPath);

        var pagePath = Path.Combine(folder, PageName);
        CliFiles.WriteAtomically(pagePath, Page(a, b, result, diagnostics));
        written.Add(pagePath);
        return written;
    }

    private static string Page(string a, string b, ComparisonResult r, ComparisonDiagnostics d)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Comparison: ").Append(E(Path.GetFileName(a))).Append(" / ").Append(E(Path.GetFileName(b))).Append("</title>\n")
            .Append("<style>body{font:15px system-ui,sans-serif;margin:24px;background:#16191c;color:#e6e6e6}figure{margin:0 0 28px}img{max-width:100%;border:1px solid #444}")
            .Append("figcaption{max-width:70em;color:#bbb}table{border-collapse:collapse;margin:12px 0 24px}td,th{padding:3px 12px;border-bottom:1px solid #333;text-align:left}")
            .Append(".note{color:#f0c36d}</style></head><body>\n");
        html.Append("<h1>Breech-face comparison</h1>\n<table>");
        Row(html, "reference (A)", a);
        Row(html, "target (B)", b);
        Row(html, "lead score", r.Score.ToString("0.000", c));
        Row(html, "congruent matching cells", string.Format(c, "{0} (A→B {1} of {2}, B→A {3} of {4})", r.CmcCount, r.Forward.CmcCount, r.Forward.ValidCells, r.Backward.CmcCount, r.Backward.ValidCells));
        Row(html, "correlation after alignment", r.Ccf.ToString("0.000", c));
        Row(html, "registration", r.Registration.Registered
            ? string.Format(c, "θ {0:0.0}°, dx {1:0.0} µm, dy {2:0.0} µm", r.Registration.RotationDeg, r.Registration.DxUm, r.Registration.DyUm)
            : $"failed: {r.Registration.FailureReason} (the aligned pictures show the scans as they lie, not aligned)");
        Row(html, "relief exaggeration", d.ExaggerationFactor.ToString("0.#", c) + "×");
        Row(html, "algorithms", d.AlgorithmVersion);
        html.Append("</table>\n<p class=\"note\">").Append(E(ResultJson.LeadNote)).Append("</p>\n");
        foreach (var image in d.Images)
        {
            html.Append("<figure><h2>").Append(E(image.Title)).Append("</h2><img src=\"").Append(E(image.Name)).Append(".png\" width=\"").Append(image.WidthPx.ToString(c))
                .Append("\" alt=\"").Append(E(image.Title)).Append("\"><figcaption>").Append(E(image.Description)).Append("</figcaption></figure>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
