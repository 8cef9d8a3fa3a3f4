namespace Ballistics.Ingest.Records.Normalization;

/// <summary>Free-text fields (model, agency, names) as stored: trimmed, runs of white space made one space.</summary>
internal static class TextValue
{
    public static string? Tidy(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = text[i] == ' ' ? text[i + 1] != ' ' : !char.IsWhiteSpace(text[i]);
        }

        if (clean)
        {
            return new string(text);
        }

        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                buffer[n++] = ' ';
                space = false;
            }

            buffer[n++] = c;
        }

        return new string(buffer[..n]);
    }
}
