namespace Ballistics.Ingest.Records.Tables;

/// <summary>
/// Folds a written value into the key the alias tables are matched on, so that "Smith &amp; Wesson, Inc.",
/// "SMITH AND WESSON" and "smith&amp;wesson" meet on one key. Table aliases and record values go through the
/// same fold, so a table can be written the way people write the values. Works in caller-provided
/// space: the hot path folds every value of every record.
/// </summary>
internal static class AliasKey
{
    /// <summary>Longer values are no alias of anything in the tables.</summary>
    public const int MaxLength = 96;

    private const int MaxTokens = 24;

    private static readonly string[] LegalSuffixes =
        ["INC", "CO", "CORP", "CORPORATION", "COMPANY", "LLC", "LTD", "LIMITED", "SA", "SPA", "SRL", "SL", "GMBH", "AG", "KG", "CV", "DE", "SAS", "MFG", "MANUFACTURING", "AND", "Y"];

    /// <summary>Folds <paramref name="text"/> into <paramref name="key"/>; returns the key's length, or -1 when it does not fit.</summary>
    public static int Fold(ReadOnlySpan<char> text, Span<char> key, AliasStyle style)
    {
        Span<int> tokenStarts = stackalloc int[MaxTokens];
        var tokens = 0;
        var length = 0;
        var inToken = false;
        foreach (var raw in text)
        {
            if (raw is '.' or '\'' or '’')
            {
                // Inside abbreviations ("S.A.", "Colt's") these join letters rather than separate words.
                continue;
            }

            if (raw == '&')
            {
                if (!Append("AND", key, ref length, tokenStarts, ref tokens, startsToken: true))
                {
                    return -1;
                }

                inToken = false;
                continue;
            }

            var c = Letter(raw);
            if (c == '\0')
            {
                inToken = false;
                continue;
            }

            if (length >= key.Length)
            {
                return -1;
            }

            if (!inToken && tokens < MaxTokens)
            {
                tokenStarts[tokens++] = length;
            }

            inToken = true;
            key[length++] = c;
        }

        return style switch
        {
            AliasStyle.Maker => DropLegalSuffixes(key, length, tokenStarts[..tokens]),
            AliasStyle.Caliber => DropCaliberNoise(key, length),
            _ => length,
        };
    }

    /// <summary>Folds into a new string, for building tables; the hot path uses the span overload.</summary>
    public static string Fold(string text, AliasStyle style)
    {
        Span<char> key = stackalloc char[MaxLength];
        var length = Fold(text, key, style);
        return length < 0 ? throw new ArgumentException($"'{text}' is longer than {MaxLength} characters once folded", nameof(text)) : new string(key[..length]);
    }

    /// <summary>The upper-case ASCII letter or digit a character folds to, or '\0' for a separator.</summary>
    internal static char Letter(char c)
    {
        if (c is >= 'A' and <= 'Z' or >= '0' and <= '9')
        {
            return c;
        }

        if (c is >= 'a' and <= 'z')
        {
            return (char)(c - 32);
        }

        if (c < 0x80)
        {
            return '\0';
        }

        return c switch
        {
            'á' or 'à' or 'â' or 'ä' or 'ã' or 'å' or 'Á' or 'À' or 'Â' or 'Ä' or 'Ã' or 'Å' => 'A',
            'é' or 'è' or 'ê' or 'ë' or 'ě' or 'É' or 'È' or 'Ê' or 'Ë' or 'Ě' => 'E',
            'í' or 'ì' or 'î' or 'ï' or 'Í' or 'Ì' or 'Î' or 'Ï' => 'I',
            'ó' or 'ò' or 'ô' or 'ö' or 'õ' or 'ø' or 'Ó' or 'Ò' or 'Ô' or 'Ö' or 'Õ' or 'Ø' => 'O',
            'ú' or 'ù' or 'û' or 'ü' or 'ů' or 'Ú' or 'Ù' or 'Û' or 'Ü' or 'Ů' => 'U',
            'ñ' or 'Ñ' or 'ň' or 'Ň' => 'N',
            'ç' or 'Ç' or 'č' or 'Č' or 'ć' or 'Ć' => 'C',
            'š' or 'Š' or 'ś' or 'Ś' => 'S',
            'ž' or 'Ž' or 'ź' or 'Ź' or 'ż' or 'Ż' => 'Z',
            'ř' or 'Ř' => 'R',
            'ý' or 'Ý' or 'ÿ' => 'Y',
            'ł' or 'Ł' => 'L',
            'ß' => 'S',
            // Calibers are written 9×19 as often as 9x19.
            '×' => 'X',
            _ => char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : '\0',
        };
    }

    private static bool Append(string word, Span<char> key, ref int length, Span<int> tokenStarts, ref int tokens, bool startsToken)
    {
        if (length + word.Length > key.Length)
        {
            return false;
        }

        if (startsToken && tokens < MaxTokens)
        {
            tokenStarts[tokens++] = length;
        }

        word.AsSpan().CopyTo(key[length..]);
        length += word.Length;
        return true;
    }

    private static int DropLegalSuffixes(Span<char> key, int length, ReadOnlySpan<int> tokenStarts)
    {
        // The first word is the name itself ("CO" alone, "AG" alone); only what follows it can be a suffix.
        for (var t = tokenStarts.Length - 1; t >= 1; t--)
        {
            var token = key[tokenStarts[t]..length];
            if (!IsLegalSuffix(token))
            {
                break;
            }

            length = tokenStarts[t];
        }

        return length;
    }

    private static bool IsLegalSuffix(ReadOnlySpan<char> token)
    {
        foreach (var suffix in LegalSuffixes)
        {
            if (token.SequenceEqual(suffix))
            {
                return true;
            }
        }

        return false;
    }

    private static int DropCaliberNoise(Span<char> key, int length)
    {
        // "mm" after a number: "9 mm" = "9mm" = "9".
        var write = 0;
        for (var read = 0; read < length; read++)
        {
            if (key[read] == 'M' && read + 1 < length && key[read + 1] == 'M' && read > 0 && char.IsAsciiDigit(key[read - 1]))
            {
                read++;
                continue;
            }

            key[write++] = key[read];
        }

        length = write;
        ReadOnlySpan<string> labels = ["CALIBRE", "CALIBER", "CAL"];
        foreach (var label in labels)
        {
            if (length > label.Length && key[..length].StartsWith(label) && !char.IsAsciiLetter(key[label.Length]))
            {
                key[label.Length..length].CopyTo(key);
                length -= label.Length;
                break;
            }
        }

        foreach (var label in labels)
        {
            if (length > label.Length && key[..length].EndsWith(label) && char.IsAsciiDigit(key[length - label.Length - 1]))
            {
                length -= label.Length;
                break;
            }
        }

        return length;
    }
}
