using System.Globalization;
using System.Text;
using Ballistics.Intelligence.Leads;
using Ballistics.Intelligence.Linkage;
using Ballistics.Intelligence.Tracing;
using Ballistics.Reports.Texts;

namespace Ballistics.Reports.Linkage;

/// <summary>
/// The post-seizure linkage as one SVG picture an investigator reads at a glance: the sale and trace chain left of the
/// root, the test fires, the evidence their leads and hits reach and its scenes to the right (<see cref="LinkageLayout"/>).
/// Nodes are drawn by kind, scenes by country, masked people as masked; hits, leads, candidates and rejected candidates
/// each by their own line, with the score beside it. Self-contained (no script, no external reference), so it is safe
/// in an &lt;img&gt;, inline in a page and as a file.
/// </summary>
public static class LinkagePicture
{
    private const int ColumnWidth = 300;
    private const int NodeWidth = 196;
    private const int NodeHeight = 46;
    private const int RowGap = 62;
    private const int Margin = 16;
    private const int HeaderHeight = 30;
    private const int LegendRowHeight = 26;
    private const int LabelChars = 27;

    private static readonly string[] NodeKinds = ["firearm", "test_fire", "evidence", "incident", "dealer", "purchaser", "firearm_sold"];
    private static readonly string[] Statuses = [LeadReview.Confirmed, LeadReview.Lead, LeadReview.Candidate, LeadReview.Rejected];

    public static string Svg(LinkageGraph graph, Language language)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var w = new ReportWords(language);
        var places = LinkageLayout.Place(graph);
        var nodes = graph.Nodes.Where(n => places.ContainsKey(n.Id)).ToArray();
        var minColumn = places.Values.Select(p => p.Column).DefaultIfEmpty(0).Min();
        var maxColumn = places.Values.Select(p => p.Column).DefaultIfEmpty(0).Max();
        var rows = places.Values.GroupBy(p => p.Column).ToDictionary(g => g.Key, g => g.Count());
        var tallest = rows.Values.DefaultIfEmpty(1).Max();
        var width = (2 * Margin) + ((maxColumn - minColumn) * ColumnWidth) + NodeWidth;
        var legend = Legend(graph, nodes, w);
        var legendRows = (int)Math.Ceiling(legend.Count / (double)Math.Max(1, (width - (2 * Margin)) / 190));
        var height = HeaderHeight + (tallest * RowGap) + (legendRows * LegendRowHeight) + (2 * Margin);

        (double X, double Y) TopLeft(NodePlace p) =>
            (Margin + ((p.Column - minColumn) * ColumnWidth), HeaderHeight + Margin + (p.Row * RowGap) + ((tallest - rows[p.Column]) * RowGap / 2.0));

        var svg = new StringBuilder(16 * 1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"linkage-title\" font-family=\"system-ui, sans-serif\" font-size=\"12\">")
            .Append("<title id=\"linkage-title\">").Append(Xml(w.Format("linkage.title", graph.Root))).Append("</title>")
            .Append("<defs><pattern id=\"masked\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#bbbbbb\" stroke-width=\"3\"/></pattern></defs>")
            .Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");

        // Which side is which, over the columns left and right of the root.
        if (minColumn < 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{Margin + 10}\" fill=\"#555555\" font-weight=\"600\">← {Xml(w["linkage.sale_side"])}</text>");
        }

        if (maxColumn > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - Margin}\" y=\"{Margin + 10}\" fill=\"#555555\" font-weight=\"600\" text-anchor=\"end\">{Xml(w["linkage.ballistic_side"])} →</text>");
        }

        foreach (var edge in graph.Edges.Where(e => places.ContainsKey(e.From) && places.ContainsKey(e.To)))
        {
            var (a, b) = (places[edge.From], places[edge.To]);
            // Drawn from the node nearer the left to the one nearer the right; side by side in one column, looped out to the right.
            if (a.Column > b.Column)
            {
                (a, b) = (b, a);
            }

            var (ax, ay) = TopLeft(a);
            var (bx, by) = TopLeft(b);
            var (x1, y1) = (ax + NodeWidth, ay + (NodeHeight / 2.0));
            var (x2, y2) = a.Column == b.Column ? (bx + NodeWidth, by + (NodeHeight / 2.0)) : (bx, by + (NodeHeight / 2.0));
            var bend = a.Column == b.Column ? x1 + 40 : (x1 + x2) / 2;
            var (stroke, strokeWidth, dash) = EdgeStyle(edge.Status);
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M {x1:0.#} {y1:0.#} C {bend:0.#} {y1:0.#}, {bend:0.#} {y2:0.#}, {x2:0.#} {y2:0.#}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth:0.#}\"{dash}>")
                .Append("<title>").Append(Xml(EdgeTitle(edge, w))).Append("</title></path>");
            // Scores beside hits, leads and candidates worth following; weaker candidates' are in the tables (and the line's title).
            if (edge.Score is { } score && (edge.Status is not LeadReview.Candidate || score >= LinkageBuilder.CandidateScoreToFollow) && edge.Status is not LeadReview.Rejected)
            {
                var label = string.Create(CultureInfo.InvariantCulture, $"{score:0.00} {StatusWord(edge.Status, w)}");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(x1 + x2) / 2:0.#}\" y=\"{((y1 + y2) / 2) - 4:0.#}\" text-anchor=\"middle\" fill=\"{stroke}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" font-size=\"11\">{Xml(label)}</text>");
            }
        }

        foreach (var node in nodes)
        {
            var (x, y) = TopLeft(places[node.Id]);
            var masked = node.Label == PersonalDataMask.Masked;
            var (fill, stroke, ink, radius) = NodeStyle(node.Kind, node.Facts.GetValueOrDefault("country"), masked, node.Id == graph.Root);
            var facts = string.Join("; ", node.Facts.Where(f => f.Value is not null).Select(f => $"{f.Key}: {f.Value}"));
            var label = masked ? w["linkage.masked"] : node.Label;
            svg.Append(CultureInfo.InvariantCulture, $"<g data-node=\"{Xml(node.Id)}\" data-kind=\"{Xml(node.Kind)}\"{(masked ? " data-masked=\"true\"" : string.Empty)}>")
                .Append("<title>").Append(Xml(facts.Length == 0 ? label : $"{label} — {facts}")).Append("</title>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"{radius}\" fill=\"{(masked ? "url(#masked)" : fill)}\" stroke=\"{stroke}\" stroke-width=\"{(node.Id == graph.Root ? 3 : 1.5):0.#}\"{(masked ? " stroke-dasharray=\"4 3\"" : string.Empty)}/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10:0.#}\" y=\"{y + 17:0.#}\" fill=\"{ink}\" font-size=\"10.5\" opacity=\"0.8\">{Xml(KindWord(node.Kind, w))}{Xml(Where(node))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10:0.#}\" y=\"{y + 35:0.#}\" fill=\"{ink}\" font-weight=\"600\"{(masked ? " font-style=\"italic\"" : string.Empty)}>{Xml(Shorten(label))}</text>")
                .Append("</g>");
        }

        var legendTop = HeaderHeight + Margin + (tallest * RowGap) + 8;
        var perRow = Math.Max(1, (width - (2 * Margin)) / 190);
        for (var i = 0; i < legend.Count; i++)
        {
            var (lx, ly) = (Margin + ((i % perRow) * 190), legendTop + ((i / perRow) * LegendRowHeight));
            svg.Append(legend[i](lx, ly));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>One legend entry per node kind and per lead status the graph holds, each drawn as it is in the graph.</summary>
    private static List<Func<int, int, string>> Legend(LinkageGraph graph, LinkageNode[] nodes, ReportWords w)
    {
        var entries = new List<Func<int, int, string>>();
        foreach (var kind in NodeKinds.Where(k => nodes.Any(n => n.Kind == k)))
        {
            var (fill, stroke, _, radius) = NodeStyle(kind, country: null, masked: false, root: false);
            entries.Add((x, y) => string.Create(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{y}\" width=\"26\" height=\"16\" rx=\"{Math.Min(radius, 8)}\" fill=\"{fill}\" stroke=\"{stroke}\"/><text x=\"{x + 32}\" y=\"{y + 12}\" fill=\"#333333\">{Xml(KindWord(kind, w))}</text>"));
        }

        if (nodes.Any(n => n.Label == PersonalDataMask.Masked))
        {
            entries.Add((x, y) => string.Create(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{y}\" width=\"26\" height=\"16\" fill=\"url(#masked)\" stroke=\"#888888\" stroke-dasharray=\"4 3\"/><text x=\"{x + 32}\" y=\"{y + 12}\" fill=\"#333333\">{Xml(w["linkage.masked_legend"])}</text>"));
        }

        foreach (var status in Statuses.Where(s => graph.Edges.Any(e => e.Status == s)))
        {
            var (stroke, strokeWidth, dash) = EdgeStyle(status);
            entries.Add((x, y) => string.Create(CultureInfo.InvariantCulture,
                $"<line x1=\"{x}\" y1=\"{y + 8}\" x2=\"{x + 26}\" y2=\"{y + 8}\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth:0.#}\"{dash}/><text x=\"{x + 32}\" y=\"{y + 12}\" fill=\"#333333\">{Xml(StatusWord(status, w))}</text>"));
        }

        return entries;
    }

    private static (string Fill, string Stroke, string Ink, int Radius) NodeStyle(string kind, string? country, bool masked, bool root) => kind switch
    {
        _ when masked => ("#eeeeee", "#888888", "#444444", 4),
        "firearm" => (root ? "#2d3436" : "#636e72", "#2d3436", "#ffffff", 2),
        "test_fire" => ("#dfe6e9", "#636e72", "#2d3436", 8),
        "evidence" => ("#ffeaa7", "#e17055", "#2d3436", 8),
        "incident" => country switch
        {
            "MX" => ("#d8f3ea", "#1b9e77", "#123d31", 22),
            "US" => ("#e6e4f5", "#7570b3", "#2b2860", 22),
            _ => ("#eeeeee", "#999999", "#333333", 22),
        },
        "dealer" => ("#dff0fb", "#2c7fb8", "#153e5c", 4),
        "purchaser" => ("#fdebd0", "#b9770e", "#4d3206", 4),
        "firearm_sold" => ("#f4f4f4", "#2d3436", "#2d3436", 2),
        _ => ("#f4f4f4", "#999999", "#333333", 4),
    };

    private static (string Stroke, double Width, string Dash) EdgeStyle(string? status) => status switch
    {
        LeadReview.Confirmed => ("#1e8449", 4, string.Empty),
        LeadReview.Lead => ("#d35400", 2.5, string.Empty),
        LeadReview.Candidate => ("#7f8c8d", 1.5, " stroke-dasharray=\"6 4\""),
        LeadReview.Rejected => ("#c0392b", 1.5, " stroke-dasharray=\"2 4\" opacity=\"0.7\""),
        _ => ("#b2bec3", 1.5, string.Empty),
    };

    private static string KindWord(string kind, ReportWords w) =>
        ReportWords.Catalog.All(w.Language).TryGetValue($"linkage.kind.{kind}", out var word) ? word : kind;

    private static string StatusWord(string? status, ReportWords w) =>
        status is not null && ReportWords.Catalog.All(w.Language).TryGetValue($"linkage.status.{status}", out var word) ? word : status ?? string.Empty;

    private static string EdgeTitle(LinkageEdge edge, ReportWords w) =>
        string.Create(CultureInfo.InvariantCulture, $"{edge.From} → {edge.To}: {edge.Kind}{(edge.Status is null ? string.Empty : $", {StatusWord(edge.Status, w)}")}{(edge.Score is { } s ? $", {s:0.000}" : string.Empty)}");

    /// <summary>The country beside a scene or a scan, so both sides of the border read at a glance.</summary>
    private static string Where(LinkageNode node) =>
        (node.Facts.GetValueOrDefault("country"), node.Facts.GetValueOrDefault("region")) switch
        {
            // Regions are ISO 3166-2 codes (MX-BCN), which name the country already.
            (_, { Length: > 0 } region) => $" · {region}",
            ({ Length: > 0 } country, _) => $" · {country}",
            _ => string.Empty,
        };

    private static string Shorten(string text) => text.Length <= LabelChars ? text : string.Concat(text.AsSpan(0, LabelChars - 1), "…");

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text);
}
