namespace Ballistics.Intelligence.Trafficking;

/// <summary>
/// Leads stored, made leads and confirmed per period: weeks (from Monday) while the events span at most
/// <see cref="WeeksUpToDays"/> days, months beyond — a year of weekly bars is already hard to read. Every period from the
/// first event's to the last's is listed, empty ones included, so a plot's gaps are real.
/// </summary>
internal static class ActivityTimeline
{
    public const int WeeksUpToDays = 182;

    public static ActivitySummary Of(IReadOnlyList<DayCount> stored, IReadOnlyList<DayCount> promoted, IReadOnlyList<DayCount> confirmed)
    {
        var days = stored.Concat(promoted).Concat(confirmed).Select(d => d.Day).ToArray();
        if (days.Length == 0)
        {
            return new ActivitySummary("week", [], 0, 0, 0);
        }

        var first = days.Min();
        var last = days.Max();
        var weekly = last.DayNumber - first.DayNumber <= WeeksUpToDays;
        DateOnly Start(DateOnly day) => weekly ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : new DateOnly(day.Year, day.Month, 1);
        DateOnly Next(DateOnly start) => weekly ? start.AddDays(7) : start.AddMonths(1);
        Dictionary<DateOnly, int> ByPeriod(IReadOnlyList<DayCount> counts) =>
            counts.GroupBy(c => Start(c.Day)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

        var s = ByPeriod(stored);
        var p = ByPeriod(promoted);
        var c = ByPeriod(confirmed);
        var periods = new List<ActivityPeriod>();
        for (var start = Start(first); start <= last; start = Next(start))
        {
            periods.Add(new ActivityPeriod(start, s.GetValueOrDefault(start), p.GetValueOrDefault(start), c.GetValueOrDefault(start)));
        }

        return new ActivitySummary(weekly ? "week" : "month", periods, stored.Sum(d => d.Count), promoted.Sum(d => d.Count), confirmed.Sum(d => d.Count));
    }
}
