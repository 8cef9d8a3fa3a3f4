using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class AliasKeyTests
{
    [TestCase("Smith & Wesson", "SMITHANDWESSON")]
    [TestCase("SMITH AND WESSON", "SMITHANDWESSON")]
    [TestCase("smith&wesson", "SMITHANDWESSON")]
    [TestCase("Sturm, Ruger & Co., Inc.", "STURMRUGER")]
    [TestCase("Colt's Mfg. Co.", "COLTS")]
    [TestCase("Productos Mendoza S.A. de C.V.", "PRODUCTOSMENDOZA")]
    [TestCase("CO", "CO")]
    public void Fold_MakerStyle_DropsPunctuationAndLegalSuffixes(string text, string key)
    {
        Assert.That(AliasKey.Fold(text, AliasStyle.Maker), Is.EqualTo(key));
    }

    [TestCase("9 mm Luger", "9LUGER")]
    [TestCase("9×19", "9X19")]
    [TestCase("Cal. .38 Super", "38SUPER")]
    [TestCase(".40 cal", "40")]
    [TestCase("calibre 12", "12")]
    [TestCase("7,62 x 39 mm", "762X39")]
    [TestCase("7mm Rem Mag", "7REMMAG")]
    public void Fold_CaliberStyle_DropsMillimetresAndCaliberLabels(string text, string key)
    {
        Assert.That(AliasKey.Fold(text, AliasStyle.Caliber), Is.EqualTo(key));
    }

    [TestCase("Nuevo León", "NUEVOLEON")]
    [TestCase("MICHOACÁN DE OCAMPO", "MICHOACANDEOCAMPO")]
    [TestCase("Número de serie", "NUMERODESERIE")]
    [TestCase("  s/n ", "SN")]
    public void Fold_PlainStyle_RemovesAccentsCaseAndSpaces(string text, string key)
    {
        Assert.That(AliasKey.Fold(text, AliasStyle.Plain), Is.EqualTo(key));
    }

    [Test]
    public void Fold_TooLongForTheKey_ReturnsMinusOne()
    {
        Span<char> key = stackalloc char[AliasKey.MaxLength];

        var length = AliasKey.Fold(new string('A', AliasKey.MaxLength + 1), key, AliasStyle.Plain);

        Assert.That(length, Is.EqualTo(-1));
    }
}
