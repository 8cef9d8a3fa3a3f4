using System.Reflection;
using Ballistics.Intelligence.Trafficking;
using Ballistics.Reports.Texts;
using Ballistics.Store;

namespace Ballistics.Reports;

/// <summary>A plot of a report: the PNG file name it is written under beside the page, its caption, and its bytes.</summary>
public sealed record ReportFigure(string FileName, string Caption, byte[] Png);

/// <summary>A report page (self-contained: its figures are embedded) and the same figures as files.</summary>
public sealed record RenderedReport(string Html, IReadOnlyList<ReportFigure> Figures);

/// <summary>Where a report's figures come from: the store as the reader should know it, its schema, and when.</summary>
public sealed record ReportSource(string Store, int SchemaVersion, DateTimeOffset GeneratedAt);

/// <summary>
/// The trafficking report for `ballistics report trafficking` and <c>GET /v1/reports/trafficking</c>: the
/// figures from the store, and the page with its plots. Aggregates only (<see cref="TraffickingSummary"/>).
/// </summary>
public static class TraffickingReport
{
    public const string FileName = "trafficking.html";

    /// <summary>Named on the page with the build, so a figure can be traced to the code that made it.</summary>
    public const string Version = "trafficking-report/1";

    /// <summary>What the figures are not, said at the top and the bottom of every report.</summary>
    public static string Disclaimer(Language language) => new ReportWords(language)["disclaimer"];

    public static TraffickingSummary Summarize(DataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return TraffickingAnalysis.Summarize(store.Trafficking.Facts(), store.Registry);
    }

    /// <summary>The page and its figures in <paramref name="language"/>; <paramref name="otherLanguageHref"/>, when given, is where the same report in the other language is, and the page links it.</summary>
    public static RenderedReport Render(TraffickingSummary summary, ReportSource source, Language language = Language.English, string? otherLanguageHref = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var w = new ReportWords(language);
        var figures = new List<ReportFigure>();
        void Add(string file, string caption, ScottPlot.Plot? plot)
        {
            if (plot is not null)
            {
                figures.Add(new ReportFigure(file, caption, TraffickingPlots.Png(plot)));
            }
        }

        Add("time-to-crime.png", w["fig.time_to_crime"], TraffickingPlots.TimeToCrime(summary.TimeToCrime, w));
        Add("recoveries-mx.png", w["fig.recoveries_mx"], TraffickingPlots.Recoveries(summary.Recoveries, "MX", w));
        Add("recoveries-us.png", w["fig.recoveries_us"], TraffickingPlots.Recoveries(summary.Recoveries, "US", w));
        Add("source-dealers.png", w["fig.source_dealers"], TraffickingPlots.SourceDealers(summary.SourceDealers, w));
        Add("source-states.png", w["fig.source_states"], TraffickingPlots.SourceStates(summary.SourceStates, w));
        Add("purchasers.png", w["fig.purchasers"], TraffickingPlots.PurchasersBySales(summary.MultipleSales, w));
        Add("networks.png", w["fig.networks"], TraffickingPlots.Networks(summary.Networks, w));
        Add("activity.png", w["fig.activity"], TraffickingPlots.Activity(summary.Activity, w));
        return new RenderedReport(TraffickingReportPage.Html(summary, source, figures, Build(), w, otherLanguageHref), figures);
    }

    private static string Build()
    {
        var assembly = typeof(TraffickingAnalysis).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return $"{Version}, Ballistics {version}";
    }
}
