using System.Collections.Frozen;
using System.Globalization;

namespace Ballistics.Intelligence.Linkage;

/// <summary>
/// Why a lead is worth following, as a reason code and the facts that fill it: the graph's <c>why</c> is its English
/// sentence, and a page in another language writes the same reason in its own words from the same facts (the reports'
/// catalogue has a text for every code, under <c>linkage.why.CODE</c>).
/// </summary>
public static class LeadReason
{
    /// <summary>Every reason and its English sentence; {0}, {1}… are the facts in order.</summary>
    public static FrozenDictionary<string, string> English { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hit_fired_by_this_firearm"] = "confirmed hit: {0} was fired by this firearm",
        ["hit_scan"] = "confirmed hit: {0}",
        ["lead_scan"] = "lead awaiting an examiner: {0}, score {1}",
        ["candidate_scan"] = "candidate to review: {0}, score {1}",
        ["hit_firearm"] = "confirmed hit: firearm {0}",
        ["lead_firearm"] = "lead awaiting an examiner: firearm {0}, score {1}",
        ["candidate_firearm"] = "candidate to review: firearm {0}, score {1}",
        ["hit_firearm_dealer"] = "confirmed hit: firearm {0} (sold by {2})",
        ["lead_firearm_dealer"] = "lead awaiting an examiner: firearm {0} (sold by {2}), score {1}",
        ["candidate_firearm_dealer"] = "candidate to review: firearm {0} (sold by {2}), score {1}",
        ["purchaser_firearm"] = "the purchaser also bought a {0} {1} ({2}) on {3}: trace it",
        ["time_to_crime"] = "time-to-crime {0} days (under {1} years): an indicator of trafficking",
        ["multiple_sale_report"] = "sold on multiple-sale report {0} with {1} firearms",
        ["multiple_sale_purchases"] = "the purchaser bought {0} firearms, {1} within {2} business days of this one",
        ["dealer_trace"] = "the same dealer sold a {0} ({1}) traced {2} in {3}",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A lead to follow whose <c>why</c> is the reason's English sentence.</summary>
    public static LeadToFollow Lead(string kind, string subject, string reason, params string?[] facts)
    {
        var values = facts.Select(f => f ?? string.Empty).ToArray();
        return new LeadToFollow(0, kind, subject, string.Format(CultureInfo.InvariantCulture, English[reason], values)) { Reason = reason, Facts = values };
    }
}
