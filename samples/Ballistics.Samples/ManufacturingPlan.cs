namespace Ballistics.Samples;

/// <summary>Where a firearm sits in production: its group of consecutively made firearms and that group's make.</summary>
/// <param name="GroupNumber">1-based number of the group; firearms of a group share subclass marks.</param>
/// <param name="PositionInGroup">1-based place of the firearm in its group.</param>
/// <param name="GroupSize">Firearms in the group (2 or 3).</param>
/// <param name="MakeModel">Make and model of every firearm in the group.</param>
internal readonly record struct ProductionSlot(int GroupNumber, int PositionInGroup, int GroupSize, MakeModel MakeModel);

/// <summary>
/// Splits the firearm numbers 1, 2, 3, … into groups of 2 or 3 consecutively manufactured firearms, each group
/// of one make. The split depends on the seed alone, not on how many firearms a corpus asks for, so firearm
/// F0007 is the same gun in a corpus of 10 and of 1,000.
/// </summary>
internal static class ManufacturingPlan
{
    public static ProductionSlot Locate(int seed, int firearmNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firearmNumber);
        var rng = StableHash.Random(seed, RandomStream.ManufacturingPlan);
        var first = 1;
        for (var group = 1; ; group++)
        {
            var size = 2 + rng.Next(2);
            if (firearmNumber < first + size)
            {
                var make = StableHash.Random(seed, RandomStream.GroupMakeModel, group).Pick(MakeModelCatalogue.All);
                return new ProductionSlot(group, firearmNumber - first + 1, size, make);
            }

            first += size;
        }
    }
}
