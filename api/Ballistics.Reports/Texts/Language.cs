namespace Ballistics.Reports.Texts;

/// <summary>The languages the pages, reports and API texts are written in: the two countries' users'.</summary>
public enum Language
{
    /// <summary>United States English (en-US).</summary>
    English,

    /// <summary>Mexican Spanish (es-MX).</summary>
    Spanish,
}

/// <summary>
/// Which language to answer in. Chosen by tag rather than through <see cref="System.Globalization.CultureInfo"/>: the
/// build runs with invariant globalization (no ICU on the servers), and numbers, dates and codes stay invariant in both
/// languages anyway (Mexico writes a decimal point, as the United States does).
/// </summary>
public static class Languages
{
    public static IReadOnlyList<Language> All { get; } = [Language.English, Language.Spanish];

    /// <summary>The BCP 47 tag a page declares and a response's Content-Language carries.</summary>
    public static string Tag(this Language language) => language == Language.Spanish ? "es-MX" : "en-US";

    /// <summary>The two-letter code the resource files are named by (<c>report.es.json</c>).</summary>
    public static string Code(this Language language) => language == Language.Spanish ? "es" : "en";

    /// <summary>The language of a tag by its primary subtag (<c>es</c>, <c>es-MX</c>, <c>es-419</c>, <c>EN-gb</c>), or null when neither.</summary>
    public static Language? FromTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', 2)[0];
        return primary.Equals("es", StringComparison.OrdinalIgnoreCase) ? Language.Spanish
            : primary.Equals("en", StringComparison.OrdinalIgnoreCase) ? Language.English
            : null;
    }

    /// <summary>A country's default: Spanish for Mexico, English for the United States and anyone else.</summary>
    public static Language ForCountry(string? country) =>
        string.Equals(country, "MX", StringComparison.OrdinalIgnoreCase) ? Language.Spanish : Language.English;

    /// <summary>
    /// The first of <paramref name="accepted"/> (an Accept-Language list, best quality first; a quality of 0 refuses) in a
    /// language we write, else the country's default.
    /// </summary>
    public static Language Choose(IEnumerable<(string Tag, double Quality)> accepted, string? country)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        foreach (var (tag, _) in accepted.Where(a => a.Quality > 0).OrderByDescending(a => a.Quality))
        {
            if (FromTag(tag) is { } language)
            {
                return language;
            }
        }

        return ForCountry(country);
    }
}
