namespace Ballistics.Samples;

/// <summary>How hard a synthetic corpus is to match.</summary>
public enum Difficulty
{
    /// <summary>Individual marks dominate, transfer is strong, noise and dropouts are light, three ammunition brands.</summary>
    Easy,

    /// <summary>
    /// Consecutively made firearms share much of their marks (subclass), transfer is weaker, partial contact is
    /// common, noise and dropouts are heavier and five ammunition brands vary more from round to round.
    /// </summary>
    Hard,
}
