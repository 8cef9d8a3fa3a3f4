using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Tests.Surfaces;

[TestFixture]
public sealed class RegionMaskTests
{
    [Test]
    public void IsInRegion_BackgroundColourIsOutside()
    {
        var mask = new RegionMask(2, 2, [0xffffff, 0, 0, 0x123456], 0, [new MaskAnnotation(0xffffff, "breech face")]);

        Assert.That(mask.IsInRegion(0, 0), Is.True);
        Assert.That(mask.IsInRegion(1, 0), Is.False);
        Assert.That(mask.IsInRegion(1, 1), Is.True);
        Assert.That(mask.RegionFraction(), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(mask.Row(1).ToArray(), Is.EqualTo(new uint[] { 0, 0x123456 }));
    }

    [Test]
    public void ContentEquals_ComparesColoursBackgroundAndAnnotations()
    {
        var a = new RegionMask(1, 2, [1, 2], 0, [new MaskAnnotation(1, "a")]);
        var same = new RegionMask(1, 2, [1, 2], 0, [new MaskAnnotation(1, "a")]);
        var otherLabel = new RegionMask(1, 2, [1, 2], 0, [new MaskAnnotation(1, "b")]);
        var otherBackground = new RegionMask(1, 2, [1, 2], 2, [new MaskAnnotation(1, "a")]);

        Assert.That(a.ContentEquals(same), Is.True);
        Assert.That(a.ContentEquals(otherLabel), Is.False);
        Assert.That(a.ContentEquals(otherBackground), Is.False);
    }

    [Test]
    public void Construct_WrongLength_Throws()
    {
        Assert.That(() => new RegionMask(2, 2, new uint[3], 0), Throws.ArgumentException);
    }
}
