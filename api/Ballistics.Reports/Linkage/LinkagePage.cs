using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ballistics.Intelligence.Linkage;
using Ballistics.Reports.Texts;

namespace Ballistics.Reports.Linkage;

/// <summary>
/// The post-seizure linkage as one self-contained page: the leads to follow, the graph drawn (<see cref="LinkagePicture"/>),
/// and beneath it every node and edge as tables, for whoever needs the figures or cannot see the picture.
/// </summary>
public static class LinkagePage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:2em}"
        + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#eee}"
        + ".picture{border:1px solid #ddd;padding:.5em;margin-bottom:2em}.picture svg{max-width:100%;height:auto}.switch{float:right}";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page in <paramref name="language"/>; <paramref name="otherLanguageHref"/>, when given, is where the same page in the other language is.</summary>
    public static string Html(LinkageGraph graph, Language language, string? otherLanguageHref = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph = LinkageTexts.InLanguage(graph, language);
        var w = new ReportWords(language);
        var html = new StringBuilder(32 * 1024);
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{language.Tag()}\"><head><meta charset=\"utf-8\"><title>{E(w.Format("linkage.title", graph.Root))}</title><style>{Style}</style></head><body>");
        if (otherLanguageHref is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a class=\"switch\" href=\"{E(otherLanguageHref)}\" hreflang=\"{(language == Language.English ? Language.Spanish : Language.English).Tag()}\">{E(w["linkage.other_language"])}</a>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(w.Format("linkage.title", graph.Root))}</h1><p>{E(w["linkage.caveat"])}</p>")
            .Append(CultureInfo.InvariantCulture, $"<h2>{E(w["linkage.leads"])}</h2>");
        Table(html, [w["linkage.col.rank"], w["linkage.col.kind"], w["linkage.col.subject"], w["linkage.col.why"]],
            graph.Leads.Select(l => new[] { l.Rank.ToString(CultureInfo.InvariantCulture), l.Kind, l.Subject, l.Why }));
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(w["linkage.picture"])}</h2><div class=\"picture\">").Append(LinkagePicture.Svg(graph, language)).Append("</div>")
            .Append(CultureInfo.InvariantCulture, $"<h2>{E(w["linkage.nodes"])}</h2>");
        Table(html, [w["linkage.col.id"], w["linkage.col.kind"], w["linkage.col.label"], w["linkage.col.facts"]],
            graph.Nodes.Select(n => new[] { n.Id, n.Kind, n.Label, string.Join("; ", n.Facts.Where(f => f.Value is not null).Select(f => $"{f.Key}: {f.Value}")) }));
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(w["linkage.edges"])}</h2>");
        Table(html, [w["linkage.col.from"], w["linkage.col.to"], w["linkage.col.kind"], w["linkage.col.score"], w["linkage.col.status"]],
            graph.Edges.Select(e => new[] { e.From, e.To, e.Kind, e.Score?.ToString("0.000", CultureInfo.InvariantCulture) ?? string.Empty, e.Status ?? string.Empty }));
        return html.Append("</body></html>").ToString();
    }

    private static void Table(StringBuilder html, string[] headers, IEnumerable<string[]> rows)
    {
        html.Append("<table><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static string E(string text) => Encoder.Encode(text);
}
