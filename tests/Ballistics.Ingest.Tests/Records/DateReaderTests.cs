using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class DateReaderTests
{
    private static (string? Error, DateOnly Date) Read(string text, DateLocale locale = DateLocale.Unspecified)
    {
        var error = DateReader.Read(text, locale, NormalizationTables.Default.Months, out var date);
        return (error, date);
    }

    [TestCase("2023-04-03")]
    [TestCase("2023/04/03")]
    [TestCase("2023-4-3")]
    [TestCase("20230403")]
    [TestCase("2023-04-03T22:15:00Z")]
    [TestCase("3 de abril de 2023")]
    [TestCase("03-ABR-2023")]
    [TestCase("April 3, 2023")]
    [TestCase("3rd April 2023")]
    [TestCase("2023-Apr-03")]
    public void Read_UnambiguousForm_SameDayWithoutLocale(string text)
    {
        var (error, date) = Read(text);

        Assert.That(error, Is.Null);
        Assert.That(date, Is.EqualTo(new DateOnly(2023, 4, 3)));
    }

    [TestCase("04/03/2023", DateLocale.EnUs, 2023, 4, 3)]
    [TestCase("04/03/2023", DateLocale.EsMx, 2023, 3, 4)]
    [TestCase("04.03.2023 10:15", DateLocale.EsMx, 2023, 3, 4)]
    [TestCase("4-3-2023", DateLocale.EnUs, 2023, 4, 3)]
    public void Read_NumericDayAndMonth_FollowsTheDeclaredLocale(string text, DateLocale locale, int year, int month, int day)
    {
        var (error, date) = Read(text, locale);

        Assert.That(error, Is.Null);
        Assert.That(date, Is.EqualTo(new DateOnly(year, month, day)));
    }

    [TestCase("13/04/2023", 2023, 4, 13)]
    [TestCase("04/13/2023", 2023, 4, 13)]
    [TestCase("05/05/2023", 2023, 5, 5)]
    public void Read_OnlyOneReadingIsADate_TakesItWithoutLocale(string text, int year, int month, int day)
    {
        var (error, date) = Read(text);

        Assert.That(error, Is.Null);
        Assert.That(date, Is.EqualTo(new DateOnly(year, month, day)));
    }

    [Test]
    public void Read_AmbiguousWithoutLocale_IsAnErrorNamingBothReadings()
    {
        var (error, _) = Read("04/03/2023");

        Assert.That(error, Does.Contain("ambiguous").And.Contain("April 3").And.Contain("March 4").And.Contain("en-US or es-MX"));
    }

    [TestCase("13/04/2023", DateLocale.EnUs, "month 13")]
    [TestCase("04/31/2023", DateLocale.EsMx, "month 31")]
    [TestCase("2023-02-29", DateLocale.Unspecified, "day 29")]
    [TestCase("03/04/23", DateLocale.EsMx, "two-digit year")]
    [TestCase("3 de abril", DateLocale.Unspecified, "not a date")]
    [TestCase("mañana", DateLocale.Unspecified, "no month name")]
    [TestCase("1750-01-01", DateLocale.Unspecified, "before 1800")]
    [TestCase("2023-04", DateLocale.Unspecified, "not a date")]
    public void Read_NotADate_ReasonSaysWhy(string text, DateLocale locale, string reason)
    {
        var (error, _) = Read(text, locale);

        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void Read_LeapDay_IsAccepted()
    {
        var (error, date) = Read("29/02/2024", DateLocale.EsMx);

        Assert.That(error, Is.Null);
        Assert.That(date, Is.EqualTo(new DateOnly(2024, 2, 29)));
    }
}
