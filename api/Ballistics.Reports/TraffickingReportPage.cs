using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ballistics.Intelligence.Tracing;
using Ballistics.Intelligence.Trafficking;
using Ballistics.Reports.Texts;

namespace Ballistics.Reports;

/// <summary>
/// The trafficking report as one HTML page with its plots embedded as data URIs, so the page is whole wherever it is
/// saved or sent. Every piece of text from the store (dealer names, licences, state codes) is HTML-encoded.
/// </summary>
internal static class TraffickingReportPage
{
    private const string Style =
        "body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:0.5em 0 1.5em}"
        + "th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}"
        + ".disclaimer{border:2px solid #c0392b;background:#fdf2f0;padding:0.8em 1em}.empty{color:#666;font-style:italic}"
        + "img{max-width:100%;display:block;margin:0.5em 0}dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}dd{margin:0}"
        + ".switch{float:right;margin:0}";

    public static string Html(TraffickingSummary s, ReportSource source, IReadOnlyList<ReportFigure> figures, string build, ReportWords w, string? otherLanguageHref = null)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(w.Language.Tag()).Append("\"><head><meta charset=\"utf-8\"><title>").Append(Encode(w["trafficking.page_title"])).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        if (otherLanguageHref is not null)
        {
            var other = w.Language == Language.English ? Language.Spanish : Language.English;
            html.Append("<p class=\"switch\"><a href=\"").Append(Encode(otherLanguageHref)).Append("\" hreflang=\"").Append(other.Tag()).Append("\">")
                .Append(Encode(w["trafficking.other_language"])).Append("</a></p>\n");
        }

        html.Append("<h1>").Append(Encode(w["trafficking.title"])).Append("</h1>\n<dl>");
        Fact(html, w["fact.generated"], source.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Fact(html, w["fact.store"], w.Format("fact.store_value", source.Store, source.SchemaVersion));
        Fact(html, w["fact.method"], w.Format("fact.method_value", build, TraceResolver.ShortTimeToCrimeYears));
        html.Append("</dl>\n<p class=\"disclaimer\"><strong>").Append(Encode(w["disclaimer.head"])).Append("</strong> ").Append(Encode(w["disclaimer"])).Append("</p>\n");
        html.Append("<p>").Append(Encode(w["aggregates"])).Append("</p>\n");

        if (s.IsEmpty)
        {
            Empty(html, w["empty.store"]);
            return html.Append("</body></html>\n").ToString();
        }

        html.Append("<h2>").Append(Encode(w["on_file"])).Append("</h2>\n");
        Table(html, [w["col.records"], w["col.count"]], [[w["col.trace_requests"], N(s.TraceRequests)], [w["col.seizure_reports"], N(s.SeizureReports)], [w["col.transactions"], N(s.Transactions)]]);
        Table(html, [w["col.trace_outcome"], w["col.trace_requests"]], s.Outcomes.Select(o => new[] { o.Name, N(o.Count) }));

        TimeToCrime(html, s.TimeToCrime, figures, w);
        Recoveries(html, s.Recoveries, figures, w);
        Sources(html, s, figures, w);
        MultipleSales(html, s.MultipleSales, figures, w);
        Networks(html, s.Networks, figures, w);
        Activity(html, s.Activity, figures, w);

        html.Append("<hr><p class=\"disclaimer\">").Append(Encode(w["disclaimer"])).Append("</p>\n");
        return html.Append("</body></html>\n").ToString();
    }

    private static void TimeToCrime(StringBuilder html, TimeToCrimeSummary ttc, IReadOnlyList<ReportFigure> figures, ReportWords w)
    {
        html.Append("<h2>").Append(Encode(w["ttc.heading"])).Append("</h2>\n");
        if (ttc.Known == 0)
        {
            Empty(html, w["ttc.empty"]);
            return;
        }

        html.Append("<p>").Append(Encode(w.Format("ttc.intro", N(ttc.Known)))).Append("</p>\n");
        Table(html, [w["col.measure"], w["col.value"]],
        [
            [w["ttc.median"], D(ttc.MedianDays)],
            [w["ttc.mean"], D(ttc.MeanDays)],
            [w.Format("ttc.short", TraceResolver.ShortTimeToCrimeYears), N(ttc.Short)],
            [w["ttc.share_short"], ttc.ShortShare is { } share ? share.ToString("0.0%", CultureInfo.InvariantCulture) : "–"],
        ]);
        Figure(html, figures, "time-to-crime.png");
        Table(html, [w["col.band"], w["col.from_days"], w["col.traced"]], ttc.Bands.Select((b, i) => new[] { w[$"band.{i}"], N(b.FromDays), N(b.Count) }));
    }

    private static void Recoveries(StringBuilder html, IReadOnlyList<RecoveryPlace> places, IReadOnlyList<ReportFigure> figures, ReportWords w)
    {
        html.Append("<h2>").Append(Encode(w["rec.heading"])).Append("</h2>\n");
        if (places.Count == 0)
        {
            Empty(html, w["rec.empty"]);
            return;
        }

        Figure(html, figures, "recoveries-mx.png");
        Figure(html, figures, "recoveries-us.png");
        Table(html, [w["col.country"], w["col.state_iso"], w["col.trace_requests"], w["col.seizure_reports"]],
            places.Select(p => new[] { p.Country ?? w["unknown"], p.StateCode ?? w["unknown"], N(p.TraceRequests), N(p.SeizureReports) }));
    }

    private static void Sources(StringBuilder html, TraffickingSummary s, IReadOnlyList<ReportFigure> figures, ReportWords w)
    {
        html.Append("<h2>").Append(Encode(w["src.heading"])).Append("</h2>\n");
        if (s.SourceDealers.Count == 0)
        {
            Empty(html, w["src.empty"]);
            return;
        }

        html.Append("<p>").Append(Encode(w["src.intro"])).Append("</p>\n");
        Figure(html, figures, "source-dealers.png");
        Table(html, [w["col.licence"], w["col.dealer"], w["col.state"], w["col.traced"], w["col.short_ttc"], w["col.median_days"]],
            s.SourceDealers.Select(d => new[] { d.Licence ?? w["unknown"], d.Name ?? w["unknown"], d.StateCode ?? w["unknown"], N(d.Traced), N(d.ShortTimeToCrime), D(d.MedianDays) }));
        Figure(html, figures, "source-states.png");
        Table(html, [w["col.state_iso"], w["col.traced"], w["col.short_ttc"]],
            s.SourceStates.Select(st => new[] { st.StateCode ?? w["unknown"], N(st.Traced), N(st.ShortTimeToCrime) }));
    }

    private static void MultipleSales(StringBuilder html, MultipleSaleSummary m, IReadOnlyList<ReportFigure> figures, ReportWords w)
    {
        html.Append("<h2>").Append(Encode(w["ms.heading"])).Append("</h2>\n");
        if (m.Purchasers == 0 && m.Reports == 0 && m.TracedToSale == 0)
        {
            Empty(html, w["ms.empty"]);
            return;
        }

        Figure(html, figures, "purchasers.png");
        Table(html, [w["col.firearms_bought"], w["col.purchasers"]], m.PurchasersBySales.Select(b => new[] { b.Name, N(b.Count) }));
        Table(html, [w["col.measure"], w["col.count"]],
        [
            [w["ms.purchasers"], N(m.Purchasers)],
            [w["ms.reports"], N(m.Reports)],
            [w["ms.firearms_on_reports"], N(m.FirearmsOnReports)],
            [w["ms.traced_to_sale"], N(m.TracedToSale)],
            [w["ms.traced_on_report"], N(m.TracedOnReport)],
            [w.Format("ms.traced_with_indicator", TraceResolver.MultipleSaleBusinessDays), N(m.TracedWithMultipleSaleIndicator)],
        ]);
    }

    private static void Networks(StringBuilder html, NetworkSummary n, IReadOnlyList<ReportFigure> figures, ReportWords w)
    {
        html.Append("<h2>").Append(Encode(w["net.heading"])).Append("</h2>\n");
        if (n.Networks.Count == 0)
        {
            Empty(html, n.ConfirmedHits == 0 ? w["net.empty_none"] : w.Format("net.empty_unjoined", N(n.ConfirmedHits)));
            return;
        }

        html.Append("<p>").Append(Encode(w.Format("net.intro", N(n.Networks.Count), N(n.ConfirmedHits), N(n.Networks.Count(x => x.CrossBorder))))).Append("</p>\n");
        Figure(html, figures, "networks.png");
        Table(html, [w["col.network"], w["col.incidents"], w["col.firearms"], w["col.hits"], w["col.countries"]],
            n.Networks.Select((x, i) => new[] { N(i + 1), N(x.Incidents), N(x.Firearms), N(x.Hits), x.Countries.Count == 0 ? w["unknown"] : string.Join(", ", x.Countries) }));
    }

    private static void Activity(StringBuilder html, ActivitySummary a, IReadOnlyList<ReportFigure> figures, ReportWords w)
    {
        html.Append("<h2>").Append(Encode(w["act.heading"])).Append("</h2>\n");
        if (a.Periods.Count == 0)
        {
            Empty(html, w["act.empty"]);
            return;
        }

        html.Append("<p>").Append(Encode(w.Format("act.intro", w.Period(a.Period), N(a.LeadsStored), N(a.LeadsPromoted), N(a.HitsConfirmed)))).Append("</p>\n");
        Figure(html, figures, "activity.png");
        Table(html, [w.Format("col.period_from", w.Period(a.Period)), w["col.leads_stored"], w["col.made_leads"], w["col.confirmed_hits"]],
            a.Periods.Select(p => new[] { p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(p.LeadsStored), N(p.LeadsPromoted), N(p.HitsConfirmed) }));
    }

    private static void Figure(StringBuilder html, IReadOnlyList<ReportFigure> figures, string file)
    {
        if (figures.FirstOrDefault(f => f.FileName == file) is { } figure)
        {
            html.Append("<img alt=\"").Append(Encode(figure.Caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(figure.Png)).Append("\">\n");
        }
    }

    private static void Table(StringBuilder html, string[] headers, IEnumerable<string[]> rows)
    {
        html.Append("<table><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Fact(StringBuilder html, string name, string value) => html.Append("<dt>").Append(Encode(name)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>");

    private static void Empty(StringBuilder html, string why) => html.Append("<p class=\"empty\">").Append(Encode(why)).Append("</p>\n");

    // Markup characters escaped, letters kept as they are: a Spanish page reads "tráfico" in its source, not "tr&#225;fico".
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–";
}
