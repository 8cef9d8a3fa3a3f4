namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class ManufacturingPlanTests
{
    [Test]
    public void Locate_GroupsHoldTwoOrThreeConsecutiveFirearmsOfOneMake()
    {
        var slots = Enumerable.Range(1, 120).Select(n => ManufacturingPlan.Locate(5, n)).ToList();

        Assert.Multiple(() =>
        {
            foreach (var group in slots.GroupBy(s => s.GroupNumber).SkipLast(1))
            {
                Assert.That(group.Count(), Is.InRange(2, 3), $"group {group.Key}");
                Assert.That(group.Select(s => s.PositionInGroup), Is.EqualTo(Enumerable.Range(1, group.Count())));
                Assert.That(group.Select(s => s.MakeModel).Distinct().Count(), Is.EqualTo(1));
                Assert.That(group.First().GroupSize, Is.EqualTo(group.Count()));
            }

            Assert.That(slots.Select(s => s.GroupNumber), Is.Ordered, "consecutive firearms, consecutive groups");
            Assert.That(slots.Select(s => s.MakeModel.Name).Distinct().Count(), Is.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public void Locate_DependsOnTheSeed()
    {
        var a = Enumerable.Range(1, 40).Select(n => ManufacturingPlan.Locate(1, n)).ToList();
        var b = Enumerable.Range(1, 40).Select(n => ManufacturingPlan.Locate(2, n)).ToList();

        Assert.That(b, Is.Not.EqualTo(a));
    }
}
