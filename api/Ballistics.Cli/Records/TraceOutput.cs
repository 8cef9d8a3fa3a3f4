using System.Globalization;
using System.Text.Json;
using Ballistics.Intelligence.Tracing;

namespace Ballistics.Cli.Records;

/// <summary>
/// How `ballistics trace` prints a result: labelled lines and column tables for people, or one JSON
/// object with the same content (README.md lists the fields of both).
/// </summary>
internal static class TraceOutput
{
    private const int Label = 12;

    public static string Json(TraceResult r)
    {
        var q = r.Query;
        return JsonSerializer.Serialize(
            new
            {
                Status = r.IsCompleted ? "completed" : "not_completed",
                Outcome = TraceOutcomes.Name(r.Outcome),
                r.Detail,
                Request = q.RequestId is null ? null : new { q.TraceNumber, q.RecoveryDate },
                Firearm = new { q.Make, q.MakeCode, q.Serial, q.SerialKey, q.Obliterated },
                Chain = r.Chain.Select(s => new { Role = Role(s.Role), s.Name, s.Licence, s.Date }),
                TimeToCrimeDays = r.TimeToCrime?.Days,
                ShortTtc = r.TimeToCrime?.IsShort,
                MultipleSale = r.MultipleSale is { } m
                    ? new { m.Report, m.FirearmsOnReport, m.PurchaserFirearms, m.PurchasesWithinFiveBusinessDays, Indicated = m.Any }
                    : null,
                EarlierTraces = r.EarlierTraces.Select(t => new { t.TraceNumber, t.RecoveryDate, t.StateCode, t.Make, t.Serial, Link = Link(t.Link) }),
                Candidates = r.Candidates.Select(c => new { c.TransactionId, c.Model, c.Caliber, c.Serial, c.DealerFfl, c.RetailDate }),
            },
            CliJson.Options);
    }

    public static void Text(TraceResult r, TextWriter output)
    {
        var q = r.Query;
        Line(output, "status", $"{(r.IsCompleted ? "completed" : "not completed: " + TraceOutcomes.Name(r.Outcome).Replace('_', ' '))} ({r.Detail})");
        if (q.RequestId is not null)
        {
            Line(output, "request", $"{q.TraceNumber ?? "(no trace number)"}, recovered {Day(q.RecoveryDate)}");
        }

        Line(output, "firearm", $"{q.Make ?? "maker unknown"} ({q.MakeCode ?? "-"}), serial {q.Serial ?? (q.Obliterated ? "obliterated" : "unknown")} (key {q.SerialKey ?? "-"})");
        if (r.Chain.Count > 0)
        {
            Table(output, "chain", ["role", "date", "licence", "name"], r.Chain.Select(s => new[] { Role(s.Role), Day(s.Date), s.Licence ?? "-", s.Name ?? "-" }));
        }

        if (r.TimeToCrime is { } ttc)
        {
            Line(output, "ttc", $"{ttc.Days} days, {(ttc.IsShort ? "short" : "not short")} (short is under {TraceResolver.ShortTimeToCrimeYears} years)");
        }

        if (r.MultipleSale is { } m)
        {
            var report = m.Report is null ? "no multiple-sale report" : $"report {m.Report} with {m.FirearmsOnReport} firearm(s)";
            Line(output, "multiple", $"{report}; purchaser bought {m.PurchaserFirearms} firearm(s), {m.PurchasesWithinFiveBusinessDays} other(s) within {TraceResolver.MultipleSaleBusinessDays} business days");
        }

        if (!r.IsCompleted && r.Candidates.Count > 0)
        {
            Table(output, "candidates", ["transaction", "model", "caliber", "dealer_ffl", "retail_date"], r.Candidates.Select(c => new[] { c.TransactionId ?? "-", c.Model ?? "-", c.Caliber ?? "-", c.DealerFfl ?? "-", Day(c.RetailDate) }));
        }

        if (r.EarlierTraces.Count == 0)
        {
            Line(output, "earlier", "none");
            return;
        }

        Table(output, "earlier", ["recovered", "trace_number", "state", "link", "firearm"], r.EarlierTraces.Select(t => new[] { Day(t.RecoveryDate), t.TraceNumber ?? "-", t.StateCode ?? "-", Link(t.Link), $"{t.Make ?? "?"} {t.Serial ?? "?"}" }));
    }

    private static void Line(TextWriter output, string label, string text) => output.WriteLine(label.PadRight(Label) + text);

    /// <summary>A header row beside the label, then one row per item, each column as wide as its widest cell.</summary>
    private static void Table(TextWriter output, string label, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToArray();
        var widths = header.Select((_, c) => all.Max(row => row[c].Length)).ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            var cells = all[i].Select((cell, c) => c == widths.Length - 1 ? cell : cell.PadRight(widths[c]));
            output.WriteLine((i == 0 ? label : string.Empty).PadRight(Label) + string.Join("  ", cells));
        }
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string Role(ChainRole role) => role.ToString().ToLowerInvariant();

    private static string Link(TraceLink link) => link.ToString().ToLowerInvariant();
}
