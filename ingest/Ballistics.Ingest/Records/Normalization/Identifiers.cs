namespace Ballistics.Ingest.Records.Normalization;

/// <summary>Formats of the identifiers records carry: NCIC ORI, NCIC offense codes and ATF licence numbers.</summary>
internal static class Identifiers
{
    /// <summary>An ORI is nine letters and digits, the first two a state or country prefix (TX0570000).</summary>
    public static string? Ori(ReadOnlySpan<char> text, out string? ori)
    {
        ori = null;
        Span<char> buffer = stackalloc char[9];
        var n = Compact(text, buffer);
        if (n != 9 || !char.IsAsciiLetter(buffer[0]) || !char.IsAsciiLetter(buffer[1]))
        {
            return $"'{text}' is not an ORI (nine letters and digits, starting with two letters)";
        }

        ori = new string(buffer);
        return null;
    }

    /// <summary>An NCIC offense code is four digits (5212 for weapon offenses).</summary>
    public static string? CrimeCode(ReadOnlySpan<char> text, out string? code)
    {
        code = null;
        text = text.Trim();
        if (text.Length != 4 || text.ContainsAnyExceptInRange('0', '9'))
        {
            return $"'{text}' is not an NCIC offense code (four digits)";
        }

        code = new string(text);
        return null;
    }

    /// <summary>
    /// A federal firearms licence, X-XX-XXX-XX-XX-XXXXX: region, district, county, licence type,
    /// expiry (year digit and month letter), sequence. Written back with its dashes.
    /// </summary>
    public static string? Ffl(ReadOnlySpan<char> text, out string? ffl)
    {
        ffl = null;
        Span<char> c = stackalloc char[15];
        var n = Compact(text, c);
        var shaped = n == 15 && c[..9].IndexOfAnyExceptInRange('0', '9') < 0 && char.IsAsciiLetterUpper(c[9]) && c[10..].IndexOfAnyExceptInRange('0', '9') < 0;
        var type = shaped ? ((c[6] - '0') * 10) + (c[7] - '0') : 0;
        if (!shaped || type is < 1 or > 11)
        {
            return $"'{text}' is not an FFL number (X-XX-XXX-XX-XX-XXXXX, licence type 01 to 11)";
        }

        ffl = $"{c[0]}-{c[1..3]}-{c[3..6]}-{c[6..8]}-{c[8..10]}-{c[10..15]}";
        return null;
    }

    /// <summary>Upper-case letters and digits only; returns the count, or -1 when more than the buffer holds.</summary>
    private static int Compact(ReadOnlySpan<char> text, Span<char> buffer)
    {
        var n = 0;
        foreach (var ch in text)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                continue;
            }

            if (n == buffer.Length)
            {
                return -1;
            }

            buffer[n++] = char.ToUpperInvariant(ch);
        }

        return n;
    }
}
