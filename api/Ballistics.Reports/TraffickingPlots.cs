using System.Globalization;
using Ballistics.Intelligence.Trafficking;
using Ballistics.Reports.Texts;
using ScottPlot;

namespace Ballistics.Reports;

/// <summary>
/// The trafficking report's plots, drawn with ScottPlot (<see cref="Png"/> renders one); each is null when it would have nothing to show (the
/// page says so in words instead). Nothing is plotted that the tables beside it do not already show as counts.
/// </summary>
internal static class TraffickingPlots
{
    private const int Width = 900;
    private const int Height = 420;

    /// <summary>How many dealers, states and networks a plot shows at most; the tables list them all.</summary>
    public const int MostShown = 20;

    private static readonly Color ShortColour = Color.FromHex("#c0392b");
    private static readonly Color LongColour = Color.FromHex("#2c7fb8");
    private static readonly Color Mexico = Color.FromHex("#1b9e77");
    private static readonly Color UnitedStates = Color.FromHex("#7570b3");
    private static readonly Color Other = Color.FromHex("#999999");

    public static Plot? TimeToCrime(TimeToCrimeSummary ttc, ReportWords w)
    {
        if (ttc.Known == 0)
        {
            return null;
        }

        var plot = NewPlot(w.Format("plot.ttc.title", ttc.Known, ttc.MedianDays?.ToString("0", CultureInfo.InvariantCulture)));
        var bars = ttc.Bands.Select((b, i) => new Bar { Position = i, Value = b.Count, FillColor = b.Short ? ShortColour : LongColour }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. ttc.Bands.Select((_, i) => (double)i)], [.. ttc.Bands.Select((_, i) => w[$"band.{i}"])]);
        plot.YLabel(w["plot.ttc.y"]);
        WholeNumbers(plot.Axes.Left);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["plot.ttc.short"], FillColor = ShortColour });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["plot.ttc.long"], FillColor = LongColour });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>Recoveries in one country's states: trace requests (the firearms traced) and seizure reports side by side.</summary>
    public static Plot? Recoveries(IReadOnlyList<RecoveryPlace> places, string country, ReportWords w)
    {
        var here = places.Where(p => p.Country == country).Take(MostShown).ToArray();
        if (here.Length == 0)
        {
            return null;
        }

        var plot = NewPlot(w[$"plot.rec.title_{country.ToLowerInvariant()}"]);
        var bars = new List<Bar>();
        for (var i = 0; i < here.Length; i++)
        {
            var y = here.Length - 1 - i;
            bars.Add(new Bar { Position = y + 0.2, Value = here[i].TraceRequests, FillColor = LongColour, Size = 0.38 });
            bars.Add(new Bar { Position = y - 0.2, Value = here[i].SeizureReports, FillColor = Other, Size = 0.38 });
        }

        plot.Add.Bars(bars).Horizontal = true;
        plot.Axes.Left.SetTicks([.. here.Select((_, i) => (double)(here.Length - 1 - i))], [.. here.Select(p => p.StateCode ?? w["unknown"])]);
        plot.XLabel(w["plot.rec.x"]);
        WholeNumbers(plot.Axes.Bottom);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["col.trace_requests"], FillColor = LongColour });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["col.seizure_reports"], FillColor = Other });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Margins(left: 0);
        return plot;
    }

    public static Plot? SourceDealers(IReadOnlyList<SourceDealer> dealers, ReportWords w) =>
        Ranked(w["plot.src.dealers"], [.. dealers.Select(d => (d.Licence ?? d.Name ?? w["unknown"], d.Traced, d.ShortTimeToCrime))], w);

    public static Plot? SourceStates(IReadOnlyList<SourceState> states, ReportWords w) =>
        Ranked(w["plot.src.states"], [.. states.Select(s => (s.StateCode ?? w["unknown"], s.Traced, s.ShortTimeToCrime))], w);

    public static Plot? PurchasersBySales(MultipleSaleSummary sales, ReportWords w)
    {
        if (sales.Purchasers == 0)
        {
            return null;
        }

        var plot = NewPlot(w.Format("plot.ms.title", sales.Purchasers));
        plot.Add.Bars(sales.PurchasersBySales.Select((b, i) => new Bar { Position = i, Value = b.Count, FillColor = i == 0 ? LongColour : ShortColour }).ToList());
        plot.Axes.Bottom.SetTicks([.. sales.PurchasersBySales.Select((_, i) => (double)i)], [.. sales.PurchasersBySales.Select(b => b.Name)]);
        plot.XLabel(w["plot.ms.x"]);
        plot.YLabel(w["plot.ms.y"]);
        WholeNumbers(plot.Axes.Left);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>
    /// The networks as graphs, largest first, each in a cell of a grid with its nodes on a circle: incidents as circles,
    /// firearms as squares, coloured by country. No labels: the nodes are anonymous by design.
    /// </summary>
    public static Plot? Networks(NetworkSummary networks, ReportWords w)
    {
        if (networks.Networks.Count == 0)
        {
            return null;
        }

        var shown = Math.Min(networks.Networks.Count, MostShown);
        var plot = NewPlot(shown < networks.Networks.Count
            ? w.Format("plot.net.title_some", shown, networks.Networks.Count)
            : w.Format("plot.net.title_all", networks.Networks.Count, networks.ConfirmedHits));
        var columns = (int)Math.Ceiling(Math.Sqrt(shown * 2.0));
        var position = new (double X, double Y)[networks.Nodes.Count];
        for (var n = 0; n < shown; n++)
        {
            var members = networks.Nodes.Select((node, i) => (node, i)).Where(m => m.node.Network == n).ToArray();
            var (cx, cy) = (n % columns, -(n / columns));
            for (var k = 0; k < members.Length; k++)
            {
                var angle = (2 * Math.PI * k / members.Length) + (Math.PI / 2);
                position[members[k].i] = (cx + (0.35 * Math.Cos(angle)), cy + (0.35 * Math.Sin(angle)));
            }
        }

        foreach (var link in networks.Links.Where(l => networks.Nodes[l.From].Network < shown))
        {
            var line = plot.Add.Line(position[link.From].X, position[link.From].Y, position[link.To].X, position[link.To].Y);
            line.LineColor = Colors.Gray;
            line.LineWidth = Math.Min(1 + link.Hits, 5);
        }

        foreach (var (node, i) in networks.Nodes.Select((node, i) => (node, i)).Where(m => m.node.Network < shown))
        {
            var shape = node.Kind == "firearm" ? MarkerShape.FilledSquare : MarkerShape.FilledCircle;
            plot.Add.Marker(position[i].X, position[i].Y, shape, 12, CountryColour(node.Country));
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["plot.net.incident"], MarkerStyle = new MarkerStyle(MarkerShape.FilledCircle, 10, Other) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["plot.net.firearm"], MarkerStyle = new MarkerStyle(MarkerShape.FilledSquare, 10, Other) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["country.MX"], FillColor = Mexico });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["country.US"], FillColor = UnitedStates });
        // Beside the grid, not over it: a corner of the grid may hold a network.
        plot.ShowLegend(Edge.Right);
        plot.Axes.Frameless();
        plot.Axes.Title.IsVisible = true;
        plot.HideGrid();
        plot.Axes.SetLimits(-0.6, columns - 0.4, -((shown - 1) / columns) - 0.6, 0.6);
        return plot;
    }

    public static Plot? Activity(ActivitySummary activity, ReportWords w)
    {
        if (activity.Periods.Count == 0)
        {
            return null;
        }

        var period = w.Period(activity.Period);
        var plot = NewPlot(w.Format("plot.act.title", period));
        var xs = activity.Periods.Select(p => p.Start.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        // Searches store tens of candidates for each one a reviewer takes up: the reviews get an axis of their own, on the right.
        foreach (var (label, values, colour, right) in new[]
        {
            (w["plot.act.stored"], activity.Periods.Select(p => (double)p.LeadsStored).ToArray(), Other, false),
            (w["plot.act.promoted"], activity.Periods.Select(p => (double)p.LeadsPromoted).ToArray(), LongColour, true),
            (w["plot.act.confirmed"], activity.Periods.Select(p => (double)p.HitsConfirmed).ToArray(), ShortColour, true),
        })
        {
            var series = plot.Add.Scatter(xs, values, colour);
            series.LegendText = label;
            series.LineWidth = 2;
            series.MarkerSize = 6;
            if (right)
            {
                series.Axes.YAxis = plot.Axes.Right;
            }
        }

        // Counts from zero on both axes, in whole numbers: a single busy week must not read as a trend.
        var leftMax = Math.Max(1, activity.Periods.Max(p => p.LeadsStored));
        var rightMax = Math.Max(1, activity.Periods.Max(p => Math.Max(p.LeadsPromoted, p.HitsConfirmed)));
        plot.Axes.SetLimitsY(0, leftMax * 1.15, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, rightMax * 1.15, plot.Axes.Right);
        WholeNumbers(plot.Axes.Left);
        WholeNumbers(plot.Axes.Right);
        if (xs.Length <= 16)
        {
            // Few periods: one tick for each, named by its first day, and half a period of room either side.
            var span = xs.Length > 1 ? xs[1] - xs[0] : 7;
            plot.Axes.Bottom.SetTicks(xs, [.. activity.Periods.Select(p => p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
            plot.Axes.SetLimitsX(xs[0] - (span / 2), xs[^1] + (span / 2));
        }
        else
        {
            var dates = plot.Axes.DateTimeTicksBottom();
            dates.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }

        plot.Axes.Left.Label.Text = w.Format("plot.act.left", period);
        plot.Axes.Right.Label.Text = w.Format("plot.act.right", period);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Horizontal bars of traced firearms per name, most first, the short time-to-crime share darker.</summary>
    private static Plot? Ranked(string title, (string Name, int Traced, int Short)[] rows, ReportWords w)
    {
        var top = rows.Take(MostShown).ToArray();
        if (top.Length == 0)
        {
            return null;
        }

        var plot = NewPlot(rows.Length > top.Length ? w.Format("plot.ranked.of", title, top.Length, rows.Length) : title);
        var bars = new List<Bar>();
        for (var i = 0; i < top.Length; i++)
        {
            var y = top.Length - 1 - i;
            bars.Add(new Bar { Position = y, Value = top[i].Traced, FillColor = LongColour });
            bars.Add(new Bar { Position = y, Value = top[i].Short, FillColor = ShortColour });
        }

        plot.Add.Bars(bars).Horizontal = true;
        plot.Axes.Left.SetTicks([.. top.Select((_, i) => (double)(top.Length - 1 - i))], [.. top.Select(r => r.Name)]);
        plot.XLabel(w["plot.ranked.x"]);
        WholeNumbers(plot.Axes.Bottom);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["plot.ranked.all"], FillColor = LongColour });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = w["plot.ranked.short"], FillColor = ShortColour });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Margins(left: 0);
        return plot;
    }

    private static Color CountryColour(string? country) => country switch
    {
        "MX" => Mexico,
        "US" => UnitedStates,
        _ => Other,
    };

    /// <summary>An axis of counts: ticks at whole numbers only (a count of 2.5 firearms is no count).</summary>
    private static void WholeNumbers(ScottPlot.IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title);
        return plot;
    }

    public static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
