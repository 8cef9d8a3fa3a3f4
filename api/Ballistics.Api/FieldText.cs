using System.Text.Json;

namespace Ballistics.Api;

/// <summary>The one rule for a text value a client sends in a field: bounded in length and decoded cleanly.</summary>
internal static class FieldText
{
    /// <summary>Longest value of any one field: serials, names and places are far shorter; a megabyte is not a field.</summary>
    public const int MaxChars = 512;

    /// <summary>
    /// The text of a JSON value as a field holds it (a string as it is, anything else as written) and why it is refused,
    /// if it is (a key of the API's texts and what fills it). A string escaping half a surrogate pair cannot become text
    /// at all: refused, not thrown.
    /// </summary>
    public static (string? Text, (string Key, object?[] Args)? Problem) Of(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return (value.GetRawText(), null);
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return (null, ("detail.half_surrogate", []));
        }

        return (text, Problem(text));
    }

    /// <summary>Why <paramref name="value"/> is refused (a key of the API's texts and what fills it), or null when it is fine.</summary>
    public static (string Key, object?[] Args)? Problem(string value) =>
        value.Length > MaxChars ? ("detail.too_long", [MaxChars, value.Length])
        // U+FFFD is what a decoder puts where bytes were not UTF-8: the sender's text was lost on the way.
        : value.Contains('\uFFFD', StringComparison.Ordinal) ? ("detail.not_utf8", [])
        : null;
}
