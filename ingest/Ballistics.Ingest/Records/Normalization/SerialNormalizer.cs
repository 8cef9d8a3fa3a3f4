using Ballistics.Ingest.Records.Reading;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Normalization;

/// <summary>
/// Serial numbers in NCIC form. NCIC stores a serial without spaces, hyphens or symbols and converts
/// the letter O to zero (people and scanners confuse them); its matching ignores letters embedded
/// between digits, because records were once entered without them, while prefix and suffix letters
/// count. UNK, blank, "no serial" and obliterated are distinct answers, never an empty string.
/// </summary>
internal static class SerialNormalizer
{
    /// <summary>The NCIC SER field holds at most 20 characters.</summary>
    public const int MaxLength = 20;

    /// <summary>Returns null and the serial, or the reason the value is not one.</summary>
    public static string? Normalize(ReadOnlySpan<char> text, bool obliterated, NormalizationTables tables, AliasTable<RecordField> fields, out SerialNumber serial)
    {
        serial = SerialNumber.Unknown;
        text = WithoutLabel(text, fields);
        if (text.IsEmpty)
        {
            if (obliterated)
            {
                serial = new SerialNumber(SerialStatus.Obliterated, null, null);
                return null;
            }

            return "blank: give the serial, UNK when it is not known, or mark the serial obliterated";
        }

        if (tables.Words.TryFind(text, out var word) && (word & (WordMeaning.Unknown | WordMeaning.Obliterated | WordMeaning.NoSerial)) != 0)
        {
            serial = (word & WordMeaning.Obliterated) != 0 || obliterated ? new SerialNumber(SerialStatus.Obliterated, null, null)
                : (word & WordMeaning.Unknown) != 0 ? SerialNumber.Unknown
                : SerialNumber.None;
            return null;
        }

        Span<char> value = stackalloc char[MaxLength + 1];
        var length = 0;
        var unreadable = false;
        foreach (var raw in text)
        {
            var c = AliasKey.Letter(raw);
            if (c == '\0')
            {
                if (raw is not ('?' or '*'))
                {
                    continue;
                }

                // Characters an examiner could not restore; only an obliterated serial may hold them.
                unreadable = true;
                c = '?';
            }
            else if (c > 0x7F)
            {
                return $"'{text}' holds '{raw}', which is no letter or digit NCIC accepts";
            }

            if (length == MaxLength)
            {
                return $"'{text}' is longer than {MaxLength} characters once spaces and symbols are removed";
            }

            value[length++] = c == 'O' ? '0' : c;
        }

        var written = value[..length];
        if (length == 0)
        {
            return $"'{text}' holds no letters or digits";
        }

        if (unreadable && !obliterated)
        {
            return $"'{text}' has unreadable characters ('?' or '*') but the serial is not marked obliterated";
        }

        if (!written.ContainsAnyExcept('0'))
        {
            return $"'{text}' is zeros only, which NCIC does not accept as a serial";
        }

        var normalized = new string(written);
        serial = new SerialNumber(obliterated ? SerialStatus.Obliterated : SerialStatus.Present, normalized, unreadable ? null : MatchingKey(normalized));
        return null;
    }

    /// <summary>The serial with letters between digits dropped (369J257 → 369257); the same string when it has none.</summary>
    internal static string MatchingKey(string serial)
    {
        var firstDigit = serial.AsSpan().IndexOfAnyInRange('0', '9');
        var lastDigit = serial.AsSpan().LastIndexOfAnyInRange('0', '9');
        if (firstDigit < 0 || serial.AsSpan(firstDigit, lastDigit - firstDigit + 1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return serial;
        }

        Span<char> key = stackalloc char[serial.Length];
        var n = 0;
        for (var i = 0; i < serial.Length; i++)
        {
            if (i > firstDigit && i < lastDigit && !char.IsAsciiDigit(serial[i]))
            {
                continue;
            }

            key[n++] = serial[i];
        }

        return new string(key[..n]);
    }

    /// <summary>Drops a label written into the value itself ("S/N: 123", "Serie: 123", "#123").</summary>
    private static ReadOnlySpan<char> WithoutLabel(ReadOnlySpan<char> text, AliasTable<RecordField> fields)
    {
        text = text.Trim();
        var colon = text.IndexOf(':');
        if (colon > 0 && fields.TryFind(text[..colon], out var field) && field == RecordField.Serial)
        {
            text = text[(colon + 1)..].Trim();
        }

        return text.TrimStart('#').Trim();
    }
}
