using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class PlaceResolverTests
{
    private static readonly PlaceResolver Places = new(NormalizationTables.Default);

    [TestCase("Jalisco", "MX-JAL")]
    [TestCase("Nuevo Leon", "MX-NLE")]
    [TestCase("Ciudad de México", "MX-CMX")]
    [TestCase("Distrito Federal", "MX-CMX")]
    [TestCase("Edomex", "MX-MEX")]
    [TestCase("Querétaro de Arteaga", "MX-QUE")]
    [TestCase("Texas", "US-TX")]
    [TestCase("Tejas", "US-TX")]
    [TestCase("Nuevo México", "US-NM")]
    [TestCase("Carolina del Norte", "US-NC")]
    [TestCase("US-AZ", "US-AZ")]
    [TestCase("mx-sin", "MX-SIN")]
    public void State_WithoutCountry_FoundInOneCountry(string text, string code)
    {
        var error = Places.State(text, null, out var found);

        Assert.That(error, Is.Null);
        Assert.That(found, Is.EqualTo(code));
    }

    [Test]
    public void State_InBothCountriesWithoutCountry_IsAmbiguous()
    {
        var error = Places.State("Mich.", null, out var found);

        Assert.That(found, Is.Null);
        Assert.That(error, Does.Contain("MX-MIC").And.Contain("US-MI").And.Contain("give the country"));
    }

    [TestCase("Mich.", "MX", "MX-MIC")]
    [TestCase("Mich.", "US", "US-MI")]
    [TestCase("México", "MX", "MX-MEX")]
    public void State_WithCountry_TheCountryDecides(string text, string country, string code)
    {
        var error = Places.State(text, country, out var found);

        Assert.That(error, Is.Null);
        Assert.That(found, Is.EqualTo(code));
    }

    [Test]
    public void State_OfTheOtherCountry_IsAnError()
    {
        var error = Places.State("Texas", "MX", out _);

        Assert.That(error, Is.EqualTo("'Texas' is not a state of Mexico"));
    }

    [TestCase("México", "MX")]
    [TestCase("EE.UU.", "US")]
    [TestCase("Estados Unidos de América", "US")]
    [TestCase("Guatemala", "GT")]
    public void Country_NameInEitherLanguage_IsoCode(string text, string code)
    {
        var error = Places.Country(text, out var found);

        Assert.That(error, Is.Null);
        Assert.That(found, Is.EqualTo(code));
    }
}
