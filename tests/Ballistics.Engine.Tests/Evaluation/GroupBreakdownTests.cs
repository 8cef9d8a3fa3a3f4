using Ballistics.Engine.Evaluation;

namespace Ballistics.Engine.Tests.Evaluation;

[TestFixture]
public sealed class GroupBreakdownTests
{
    [Test]
    public void Compute_SiblingsOutscoreSameSource_SplitsTheAuc()
    {
        // Items 0–1 are one firearm, 2 its production sibling (group "g"), 3 another group, 4 of unknown group.
        string?[] groups = ["g", "g", "g", "h", null];
        ScoredPair[] pairs =
        [
            new(0, 1, 0.6, true),
            new(0, 2, 0.7, false), // a sibling above the same-source pair
            new(1, 2, 0.5, false),
            new(0, 3, 0.1, false),
            new(1, 3, 0.2, false),
            new(2, 4, 0.3, false),
            new(3, 4, 0.9, false), // unknown groups never count as shared
        ];

        var split = GroupBreakdown.Compute(pairs, groups);

        Assert.That(split.SameGroupPairs, Is.EqualTo(2));
        Assert.That(split.SameGroupAuc, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(split.OtherGroupsPairs, Is.EqualTo(4));
        Assert.That(split.OtherGroupsAuc, Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void Compute_NoSiblings_SameGroupAucIsNaN()
    {
        ScoredPair[] pairs = [new(0, 1, 0.6, true), new(0, 2, 0.1, false)];

        var split = GroupBreakdown.Compute(pairs, ["a", "a", "b"]);

        Assert.That(split.SameGroupPairs, Is.Zero);
        Assert.That(split.SameGroupAuc, Is.NaN);
        Assert.That(split.OtherGroupsAuc, Is.EqualTo(1).Within(1e-12));
    }
}
