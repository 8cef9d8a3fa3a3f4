using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records;

/// <summary>
/// Keys that let records written by different people meet: the same purchaser in two sales, the same
/// model written "M&amp;P 9" and "M&amp;P9". Kept beside the model so every consumer folds the same way.
/// </summary>
public static class RecordKeys
{
    /// <summary>
    /// Who a person is for linking records: the identification document when given (the strongest link a
    /// record has), else the folded name with the date of birth; null when neither name nor document is known.
    /// </summary>
    public static string? Person(PersonRecord person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (Fold(person.Identification) is { } id)
        {
            return "id:" + id;
        }

        return Fold(person.Name) is { } name ? $"name:{name}|{person.DateOfBirth:yyyy-MM-dd}" : null;
    }

    /// <summary>A model name with case, accents, spaces and punctuation folded away; null when nothing is left.</summary>
    public static string? Model(string? model) => Fold(model);

    private static string? Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        Span<char> key = stackalloc char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            var letter = AliasKey.Letter(c);
            if (letter != '\0')
            {
                key[length++] = letter;
            }
        }

        return length == 0 ? null : new string(key[..length]);
    }
}
