using System.Globalization;
using System.Net;
using System.Text;
using Ballistics.Intelligence.Tracing;
using Ballistics.Intelligence.Trafficking;

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
        + "img{max-width:100%;display:block;margin:0.5em 0}dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}dd{margin:0}";

    public static string Html(TraffickingSummary s, ReportSource source, IReadOnlyList<ReportFigure> figures, string build)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Trafficking report</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>Firearms trafficking report</h1>\n<dl>");
        Fact(html, "generated", source.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Fact(html, "store", $"{source.Store} (schema version {source.SchemaVersion})");
        Fact(html, "method", $"{build}; each trace request resolved as `ballistics trace --request` resolves it; short time-to-crime under {TraceResolver.ShortTimeToCrimeYears} years; networks from leads an examiner confirmed");
        html.Append("</dl>\n<p class=\"disclaimer\"><strong>Not a random sample.</strong> ").Append(Encode(TraffickingReport.Disclaimer)).Append("</p>\n");
        html.Append("<p>Aggregates only: no purchaser, possessor, serial number, person key or address appears in this report; purchasers are counted, never named. "
            + "Dealers are named by federal firearms licence and business name, which are public business records.</p>\n");

        if (s.IsEmpty)
        {
            html.Append("<p class=\"empty\">The store holds no trace requests, seizure reports, transactions or leads: there is nothing to report yet.</p>\n");
            return html.Append("</body></html>\n").ToString();
        }

        html.Append("<h2>On file</h2>\n");
        Table(html, ["records", "count"], [["trace requests", N(s.TraceRequests)], ["seizure reports", N(s.SeizureReports)], ["firearm transactions", N(s.Transactions)]]);
        Table(html, ["trace outcome", "trace requests"], s.Outcomes.Select(o => new[] { o.Name, N(o.Count) }));

        TimeToCrime(html, s.TimeToCrime, figures);
        Recoveries(html, s.Recoveries, figures);
        Sources(html, s, figures);
        MultipleSales(html, s.MultipleSales, figures);
        Networks(html, s.Networks, figures);
        Activity(html, s.Activity, figures);

        html.Append("<hr><p class=\"disclaimer\">").Append(Encode(TraffickingReport.Disclaimer)).Append("</p>\n");
        return html.Append("</body></html>\n").ToString();
    }

    private static void TimeToCrime(StringBuilder html, TimeToCrimeSummary ttc, IReadOnlyList<ReportFigure> figures)
    {
        html.Append("<h2>Time-to-crime</h2>\n");
        if (ttc.Known == 0)
        {
            Empty(html, "No completed trace has both a retail sale date and a recovery date.");
            return;
        }

        html.Append("<p>Days from the first retail sale to the recovery, over the ").Append(N(ttc.Known)).Append(" completed traces that know both dates.</p>\n");
        Table(html, ["measure", "value"],
        [
            ["median (days)", D(ttc.MedianDays)],
            ["mean (days)", D(ttc.MeanDays)],
            [$"short: under {TraceResolver.ShortTimeToCrimeYears} years", N(ttc.Short)],
            ["share short", ttc.ShortShare is { } share ? share.ToString("0.0%", CultureInfo.InvariantCulture) : "–"],
        ]);
        Figure(html, figures, "time-to-crime.png");
        Table(html, ["band", "from (days)", "traced firearms"], ttc.Bands.Select(b => new[] { b.Label, N(b.FromDays), N(b.Count) }));
    }

    private static void Recoveries(StringBuilder html, IReadOnlyList<RecoveryPlace> places, IReadOnlyList<ReportFigure> figures)
    {
        html.Append("<h2>Recoveries by state</h2>\n");
        if (places.Count == 0)
        {
            Empty(html, "No trace request or seizure report on file.");
            return;
        }

        Figure(html, figures, "recoveries-mx.png");
        Figure(html, figures, "recoveries-us.png");
        Table(html, ["country", "state (ISO 3166-2)", "trace requests", "seizure reports"],
            places.Select(p => new[] { p.Country ?? "unknown", p.StateCode ?? "unknown", N(p.TraceRequests), N(p.SeizureReports) }));
    }

    private static void Sources(StringBuilder html, TraffickingSummary s, IReadOnlyList<ReportFigure> figures)
    {
        html.Append("<h2>Source dealers and states</h2>\n");
        if (s.SourceDealers.Count == 0)
        {
            Empty(html, "No trace request was traced to a dealer.");
            return;
        }

        html.Append("<p>The dealers that sold the firearms traced to a sale; the state is the licence's (its district), the transactions on file give no dealer address.</p>\n");
        Figure(html, figures, "source-dealers.png");
        Table(html, ["licence (FFL)", "dealer", "state", "traced firearms", "short time-to-crime", "median days"],
            s.SourceDealers.Select(d => new[] { d.Licence ?? "unknown", d.Name ?? "unknown", d.StateCode ?? "unknown", N(d.Traced), N(d.ShortTimeToCrime), D(d.MedianDays) }));
        Figure(html, figures, "source-states.png");
        Table(html, ["state (ISO 3166-2)", "traced firearms", "short time-to-crime"],
            s.SourceStates.Select(st => new[] { st.StateCode ?? "unknown", N(st.Traced), N(st.ShortTimeToCrime) }));
    }

    private static void MultipleSales(StringBuilder html, MultipleSaleSummary m, IReadOnlyList<ReportFigure> figures)
    {
        html.Append("<h2>Purchasers with multiple sales</h2>\n");
        if (m.Purchasers == 0 && m.Reports == 0 && m.TracedToSale == 0)
        {
            Empty(html, "No retail sale to a known purchaser on file.");
            return;
        }

        Figure(html, figures, "purchasers.png");
        Table(html, ["firearms bought", "purchasers"], m.PurchasersBySales.Select(b => new[] { b.Name, N(b.Count) }));
        Table(html, ["measure", "count"],
        [
            ["purchasers on file", N(m.Purchasers)],
            ["multiple-sale reports (ATF 3310.4)", N(m.Reports)],
            ["firearms on those reports", N(m.FirearmsOnReports)],
            ["traced firearms traced to a sale", N(m.TracedToSale)],
            ["… sold on a multiple-sale report", N(m.TracedOnReport)],
            [$"… with a multiple-sale indicator (a report, or another purchase within {TraceResolver.MultipleSaleBusinessDays} business days)", N(m.TracedWithMultipleSaleIndicator)],
        ]);
    }

    private static void Networks(StringBuilder html, NetworkSummary n, IReadOnlyList<ReportFigure> figures)
    {
        html.Append("<h2>Linkage networks</h2>\n");
        if (n.Networks.Count == 0)
        {
            Empty(html, n.ConfirmedHits == 0 ? "No confirmed hit on file." : $"{N(n.ConfirmedHits)} confirmed hits, none joining two incidents or firearms.");
            return;
        }

        html.Append("<p>Incidents and seized firearms joined by hits an examiner confirmed: ").Append(N(n.Networks.Count)).Append(" networks from ")
            .Append(N(n.ConfirmedHits)).Append(" confirmed hits, ").Append(N(n.Networks.Count(x => x.CrossBorder))).Append(" of them across the border.</p>\n");
        Figure(html, figures, "networks.png");
        Table(html, ["network", "incidents", "firearms", "hits", "countries"],
            n.Networks.Select((x, i) => new[] { N(i + 1), N(x.Incidents), N(x.Firearms), N(x.Hits), x.Countries.Count == 0 ? "unknown" : string.Join(", ", x.Countries) }));
    }

    private static void Activity(StringBuilder html, ActivitySummary a, IReadOnlyList<ReportFigure> figures)
    {
        html.Append("<h2>Leads and hits over time</h2>\n");
        if (a.Periods.Count == 0)
        {
            Empty(html, "No lead on file.");
            return;
        }

        html.Append("<p>Per ").Append(Encode(a.Period)).Append(": ").Append(N(a.LeadsStored)).Append(" leads stored by searches, ")
            .Append(N(a.LeadsPromoted)).Append(" made leads by a reviewer, ").Append(N(a.HitsConfirmed)).Append(" confirmed by an examiner.</p>\n");
        Figure(html, figures, "activity.png");
        Table(html, [$"{a.Period} from", "leads stored", "made leads", "confirmed hits"],
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

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–";
}
