using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Normalization;

/// <summary>
/// Countries to ISO 3166-1 and states to ISO 3166-2 from names in English or Spanish. A state named
/// without a country is looked up in both countries: found in one, that is its country; found in both
/// ("Mich."), the place is ambiguous and the reason asks for the country.
/// </summary>
internal sealed class PlaceResolver(NormalizationTables tables)
{
    /// <summary>Returns null and the ISO 3166-1 code, or the reason the text names no known country.</summary>
    public string? Country(ReadOnlySpan<char> text, out string? code)
    {
        if (tables.Countries.TryFind(text, out var found))
        {
            code = found;
            return null;
        }

        code = null;
        return $"'{text}' is not a known country";
    }

    /// <summary>Returns null and the ISO 3166-2 code (and the country it implies), or the reason.</summary>
    public string? State(ReadOnlySpan<char> text, string? country, out string? code)
    {
        code = null;
        switch (country)
        {
            case "MX":
                return tables.MexicanStates.TryFind(text, out code) ? null : $"'{text}' is not a state of Mexico";
            case "US":
                return tables.UsStates.TryFind(text, out code) ? null : $"'{text}' is not a state of the United States";
            case not null:
                return $"states are known for Mexico and the United States only, not for {country}";
        }

        var inMexico = tables.MexicanStates.TryFind(text, out var mx);
        var inUs = tables.UsStates.TryFind(text, out var us);
        if (inMexico && inUs)
        {
            return $"'{text}' may be {mx} or {us}; give the country";
        }

        code = inMexico ? mx : inUs ? us : null;
        return code is null ? $"'{text}' is not a known state of Mexico or the United States" : null;
    }
}
