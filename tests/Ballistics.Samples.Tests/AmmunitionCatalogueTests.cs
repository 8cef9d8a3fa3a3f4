namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class AmmunitionCatalogueTests
{
    [Test]
    public void For_HardDifficulty_FiresMoreBrands()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AmmunitionCatalogue.For(Difficulty.Easy).Select(b => b.Name), Is.EqualTo(new[] { "Federal", "Remington", "Winchester" }));
            Assert.That(AmmunitionCatalogue.For(Difficulty.Hard), Has.Count.EqualTo(5));
        });
    }

    [Test]
    public void Find_IgnoresCase()
    {
        Assert.That(AmmunitionCatalogue.Find("sellier & bellot"), Is.SameAs(AmmunitionCatalogue.SellierBellot));
    }

    [Test]
    public void Brands_SofterPrimers_TakeMoreOfTheBreechFace()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AmmunitionCatalogue.Federal.Transfer, Is.GreaterThan(AmmunitionCatalogue.Cci.Transfer));
            Assert.That(AmmunitionCatalogue.Federal.SmoothingUm, Is.LessThan(AmmunitionCatalogue.Cci.SmoothingUm));
            Assert.That(AmmunitionCatalogue.Federal.CraterDepthMaxUm, Is.GreaterThan(AmmunitionCatalogue.Cci.CraterDepthMaxUm));
        });
    }

    [Test]
    public void ChooseFor_EasyCorpus_UsesAllThreeCommonBrands()
    {
        var chosen = Enumerable.Range(1, 30).Select(n => AmmunitionCatalogue.ChooseFor(3, n, 1, Difficulty.Easy).Name).Distinct();

        Assert.That(chosen, Is.EquivalentTo(new[] { "Federal", "Remington", "Winchester" }));
    }
}
