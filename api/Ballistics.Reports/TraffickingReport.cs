using System.Reflection;
using Ballistics.Intelligence.Trafficking;
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

    public const string Disclaimer =
        "Traced firearms are not a random sample of the firearms used in crime, nor of the firearms sold. Trace data reflect "
        + "which firearms law enforcement recovered and chose to trace, and which of those traces could be completed: the "
        + "figures here describe the traces, seizures and leads on file, not the firearms market or crime as a whole.";

    public static TraffickingSummary Summarize(DataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return TraffickingAnalysis.Summarize(store.Trafficking.Facts(), store.Registry);
    }

    public static RenderedReport Render(TraffickingSummary summary, ReportSource source)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var figures = new List<ReportFigure>();
        void Add(string file, string caption, byte[]? png)
        {
            if (png is not null)
            {
                figures.Add(new ReportFigure(file, caption, png));
            }
        }

        Add("time-to-crime.png", "Time-to-crime by band", TraffickingPlots.TimeToCrime(summary.TimeToCrime));
        Add("recoveries-mx.png", "Recoveries in Mexico by state", TraffickingPlots.Recoveries(summary.Recoveries, "MX", "Mexico"));
        Add("recoveries-us.png", "Recoveries in the United States by state", TraffickingPlots.Recoveries(summary.Recoveries, "US", "the United States"));
        Add("source-dealers.png", "Source dealers", TraffickingPlots.SourceDealers(summary.SourceDealers));
        Add("source-states.png", "Source states", TraffickingPlots.SourceStates(summary.SourceStates));
        Add("purchasers.png", "Purchasers by firearms bought", TraffickingPlots.PurchasersBySales(summary.MultipleSales));
        Add("networks.png", "Linkage networks", TraffickingPlots.Networks(summary.Networks));
        Add("activity.png", "Leads and hits over time", TraffickingPlots.Activity(summary.Activity));
        return new RenderedReport(TraffickingReportPage.Html(summary, source, figures, Build()), figures);
    }

    private static string Build()
    {
        var assembly = typeof(TraffickingAnalysis).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return $"{Version}, Ballistics {version}";
    }
}
