namespace Ballistics.Samples.Tests;

[TestFixture]
public sealed class MakeModelCatalogueTests
{
    [Test]
    public void All_CoverEveryTextureAndBothFiringPinShapes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MakeModelCatalogue.All.Select(m => m.Texture).Distinct(), Is.EquivalentTo(Enum.GetValues<BreechFaceTexture>()));
            Assert.That(MakeModelCatalogue.All.Select(m => m.FiringPin).Distinct(), Is.EquivalentTo(Enum.GetValues<FiringPinShape>()));
            Assert.That(MakeModelCatalogue.All.Select(m => m.Caliber), Has.All.EqualTo("9mm Luger"));
            Assert.That(MakeModelCatalogue.All.Select(m => m.Name).Distinct().Count(), Is.EqualTo(MakeModelCatalogue.All.Count));
        });
    }

    [Test]
    public void All_FiringPinHolesFitInsideThePrimer()
    {
        foreach (var model in MakeModelCatalogue.All)
        {
            Assert.Multiple(() =>
            {
                Assert.That(Math.Max(model.ApertureHalfWidthUm, model.ApertureHalfHeightUm), Is.InRange(600.0, 1_000.0), model.Name);
                Assert.That(model.CraterHalfWidthUm, Is.LessThan(model.ApertureHalfWidthUm), model.Name);
                Assert.That(model.CraterHalfHeightUm, Is.LessThan(model.ApertureHalfHeightUm), model.Name);
            });
        }
    }
}
