using System.Text;

namespace Ballistics.Samples;

/// <summary>RFC 4180 CSV text: comma separated, fields quoted only when they must be, LF line ends, UTF-8 without BOM.</summary>
internal static class Csv
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static string Field(string value)
    {
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first)
            {
                text.Append(',');
            }

            text.Append(Field(f));
            first = false;
        }

        text.Append('\n');
    }

    /// <summary>Splits one CSV line back into fields; the inverse of <see cref="AppendLine"/> for a single line.</summary>
    public static IReadOnlyList<string> ParseLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
