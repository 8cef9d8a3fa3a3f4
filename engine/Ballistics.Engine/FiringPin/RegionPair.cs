namespace Ballistics.Engine.FiringPin;

/// <summary>
/// Whether one region of two scans can be compared at all: both found, or the comparison's status and the reason
/// naming the scan (A or B) that lacks it — absent when either scan does not hold the region, else failed.
/// </summary>
internal static class RegionPair
{
    /// <summary>Null when both regions were found; else the status and reason a comparison of them reports.</summary>
    public static (RegionComparisonStatus Status, string Reason)? NotComparable(FiringPinStatus a, string? reasonA, FiringPinStatus b, string? reasonB)
    {
        if (a == FiringPinStatus.Found && b == FiringPinStatus.Found)
        {
            return null;
        }

        var reason = string.Join("; ", new[] { ("A", a, reasonA), ("B", b, reasonB) }.Where(s => s.Item2 != FiringPinStatus.Found).Select(s => $"{s.Item1}: {s.Item3}"));
        return (a == FiringPinStatus.Absent || b == FiringPinStatus.Absent ? RegionComparisonStatus.Absent : RegionComparisonStatus.Failed, reason);
    }
}
