namespace Ballistics.Intelligence.Leads;

/// <summary>
/// How a search's candidate becomes a confirmed hit, as in NIBIN correlation review: a correlation reviewer promotes a
/// candidate to a lead (or rejects it); only a firearms examiner, after microscopic comparison of the evidence, confirms
/// a lead as a hit (or rejects it). A confirmed hit or a rejection is final here: undoing one is an examiner's new
/// report, not an edit.
/// </summary>
public static class LeadReview
{
    public const string Candidate = "candidate";
    public const string Lead = "lead";
    public const string Confirmed = "confirmed";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> Statuses { get; } = [Candidate, Lead, Confirmed, Rejected];

    /// <summary>Why <paramref name="role"/> may not move a lead from <paramref name="from"/> to <paramref name="to"/>; null when it may.</summary>
    public static ReviewRefusal? Check(string from, string to, string role)
    {
        if (!Statuses.Contains(to))
        {
            return new(ReviewRefusalKind.UnknownStatus, $"status: '{to}' is not one of {string.Join(", ", Statuses)}");
        }

        var allowed = (from, to) switch
        {
            (Candidate, Lead) => ["reviewer", "examiner"],
            (Candidate, Rejected) => ["reviewer", "examiner"],
            (Lead, Confirmed) => ["examiner"],
            (Lead, Rejected) => ["examiner"],
            _ => Array.Empty<string>(),
        };
        if (allowed.Length == 0)
        {
            return new(ReviewRefusalKind.NotANextStep, $"status: a {from} cannot become {to} (candidate → lead → confirmed, or rejected before confirmation)");
        }

        return allowed.Contains(role) ? null : new(ReviewRefusalKind.NotThisRole, $"a {role} may not make a {from} {to}: that is for {string.Join(" or ", allowed.Select(r => r + "s"))}");
    }
}

public enum ReviewRefusalKind
{
    /// <summary>The status asked for does not exist.</summary>
    UnknownStatus,

    /// <summary>The lead cannot go there from where it is.</summary>
    NotANextStep,

    /// <summary>The step exists but is another role's to take.</summary>
    NotThisRole,
}

/// <summary>Why a review step was refused.</summary>
public readonly record struct ReviewRefusal(ReviewRefusalKind Kind, string Message);
