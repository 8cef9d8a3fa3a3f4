using System.Text.RegularExpressions;
using Ballistics.Api.Review;
using Ballistics.Reports.Texts;

namespace Ballistics.Api.Tests.Review;

/// <summary>Every text of the review page exists in both languages, and every key the page and its script name is in the catalogue.</summary>
[TestFixture]
public sealed partial class ReviewTextsTests
{
    private static string Resource(string name)
    {
        using var stream = typeof(ReviewPage).Assembly.GetManifestResourceStream($"Ballistics.Api.Review.Page.{name}")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Test]
    public void Catalog_EveryTextInBothLanguages_NoProblems() =>
        Assert.That(ReviewPage.Texts.Problems(), Is.Empty);

    [Test]
    public void Page_EveryKeyItNames_InTheCatalog()
    {
        var keys = DataText().Matches(Resource("review.html")).Select(m => m.Groups[1].Value).ToArray();

        Assert.That(keys, Has.Length.GreaterThan(40));
        Assert.That(keys.Where(k => !ReviewPage.Texts.Keys(Language.English).Contains(k)), Is.Empty);
    }

    [Test]
    public void Script_EveryKeyItNames_InTheCatalog()
    {
        var known = ReviewPage.Texts.Keys(Language.English);
        var namespaces = known.Select(k => k.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        // Every quoted literal shaped like a key of one of the catalogue's groups ('lead.shown', 'status.confirmed').
        var named = KeyLiteral().Matches(Resource("review.js")).Select(m => m.Groups[1].Value)
            .Where(k => namespaces.Contains(k.Split('.')[0])).Distinct().ToArray();

        Assert.That(named, Has.Length.GreaterThan(30));
        Assert.That(named.Where(k => !known.Contains(k)), Is.Empty);
        Assert.That(new[] { "candidate", "lead", "confirmed", "rejected" }.Select(s => $"status.{s}").Where(k => !known.Contains(k)), Is.Empty, "statuses are looked up by name");
    }

    [GeneratedRegex("""data-text(?:-[a-z-]+)?="([a-z_.]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DataText();

    [GeneratedRegex("""'([a-z_]+(?:\.[a-z_]+)+)'""")]
    private static partial Regex KeyLiteral();
}
