using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Normalization;

/// <summary>
/// Dates as record files write them: ISO (2023-04-03, 2023/04/03, 20230403, with or without a time),
/// numeric day and month in the file's declared order (MM/DD/YYYY for en-US, DD/MM/YYYY for es-MX),
/// and dates with a month name in English or Spanish ("3 de abril de 2023", "03-ABR-2023",
/// "April 3, 2023"). Without a declared order, a numeric date that reads two ways is an error: the
/// reason says so and names the flag, rather than picking one reading.
/// </summary>
internal static class DateReader
{
    private const int MinYear = 1800;

    /// <summary>Returns null and the date, or the reason the text is not a usable date.</summary>
    public static string? Read(ReadOnlySpan<char> text, DateLocale locale, AliasTable<int> months, out DateOnly date)
    {
        date = default;
        text = WithoutTime(text.Trim());
        Span<int> numbers = stackalloc int[4];
        Span<int> digits = stackalloc int[4];
        var count = 0;
        var month = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsAsciiDigit(text[i]))
            {
                var value = 0;
                while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 9)
                {
                    value = (value * 10) + (text[i++] - '0');
                }

                if (count == numbers.Length)
                {
                    return $"'{text}' is not a date";
                }

                numbers[count] = value;
                digits[count++] = i - start;
            }
            else if (char.IsLetter(text[i]))
            {
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                if (months.TryFind(word, out var named))
                {
                    if (month != 0)
                    {
                        return $"'{text}' names two months";
                    }

                    month = named;
                }
                else if (!IsFiller(word))
                {
                    return $"'{text}' is not a date ('{word}' is no month name)";
                }
            }
            else
            {
                i++;
            }
        }

        return month != 0 ? Named(text, month, numbers[..count], digits[..count], out date) : Numeric(text, locale, numbers[..count], digits[..count], out date);
    }

    private static string? Numeric(ReadOnlySpan<char> text, DateLocale locale, ReadOnlySpan<int> n, ReadOnlySpan<int> digits, out DateOnly date)
    {
        date = default;
        if (n.Length == 1 && digits[0] == 8)
        {
            // ISO 8601 basic form, 20230403.
            return Make(text, n[0] / 10000, n[0] / 100 % 100, n[0] % 100, out date);
        }

        if (n.Length != 3)
        {
            return $"'{text}' is not a date";
        }

        if (digits[0] == 4)
        {
            return Make(text, n[0], n[1], n[2], out date);
        }

        if (digits[2] != 4)
        {
            return digits[2] <= 2 ? $"'{text}' has a two-digit year; write the year in full" : $"'{text}' is not a date";
        }

        int a = n[0], b = n[1];
        switch (locale)
        {
            case DateLocale.EnUs:
                return Make(text, n[2], a, b, out date, " (en-US reads MM/DD/YYYY)");
            case DateLocale.EsMx:
                return Make(text, n[2], b, a, out date, " (es-MX reads DD/MM/YYYY)");
        }

        if (a == b || (a > 12 && b <= 12))
        {
            return Make(text, n[2], b, a, out date);
        }

        if (b > 12 && a <= 12)
        {
            return Make(text, n[2], a, b, out date);
        }

        return a > 12
            ? $"'{text}' is not a date (neither {a} nor {b} is a month)"
            : $"'{text}' is ambiguous: month/day ({Month(a)} {b}) or day/month ({Month(b)} {a}); declare the file's locale (en-US or es-MX)";
    }

    private static string? Named(ReadOnlySpan<char> text, int month, ReadOnlySpan<int> n, ReadOnlySpan<int> digits, out DateOnly date)
    {
        date = default;
        if (n.Length != 2)
        {
            return $"'{text}' is not a date (a day and a year should go with the month)";
        }

        var yearAt = digits[0] == 4 ? 0 : digits[1] == 4 ? 1 : -1;
        if (yearAt < 0)
        {
            return $"'{text}' has no four-digit year; write the year in full";
        }

        return Make(text, n[yearAt], month, n[1 - yearAt], out date);
    }

    private static string? Make(ReadOnlySpan<char> text, int year, int month, int day, out DateOnly date, string readAs = "")
    {
        date = default;
        if (year < MinYear || year > 9999)
        {
            return $"'{text}' has year {year}, before {MinYear}";
        }

        if (month is < 1 or > 12)
        {
            return $"'{text}' has month {month}, which does not exist{readAs}";
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return $"'{text}' has day {day}, which {Month(month)} {year} does not have{readAs}";
        }

        date = new DateOnly(year, month, day);
        return null;
    }

    /// <summary>The date part of a date written with a time (2023-04-03T10:15:00Z, 04/03/2023 10:15).</summary>
    private static ReadOnlySpan<char> WithoutTime(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon < 0)
        {
            return text;
        }

        var cut = text[..colon].LastIndexOfAny(' ', 'T');
        return cut > 0 ? text[..cut].TrimEnd() : text;
    }

    private static bool IsFiller(ReadOnlySpan<char> word) =>
        word.Equals("de", StringComparison.OrdinalIgnoreCase) || word.Equals("del", StringComparison.OrdinalIgnoreCase)
        || word.Equals("of", StringComparison.OrdinalIgnoreCase) || word.Equals("the", StringComparison.OrdinalIgnoreCase)
        || word.Equals("st", StringComparison.OrdinalIgnoreCase) || word.Equals("nd", StringComparison.OrdinalIgnoreCase)
        || word.Equals("rd", StringComparison.OrdinalIgnoreCase) || word.Equals("th", StringComparison.OrdinalIgnoreCase);

    private static string Month(int month) => month is >= 1 and <= 12
        ? System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)
        : month.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
