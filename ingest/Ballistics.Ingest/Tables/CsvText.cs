using System.Text;

namespace Ballistics.Ingest.Tables;

/// <summary>
/// Writing RFC 4180 CSV as every table of the project does: comma separated, fields quoted only when they must
/// be, LF line ends, UTF-8 without BOM. Reading goes through <see cref="CsvTable"/>.
/// </summary>
public static class CsvText
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The field as written: quoted when it holds a comma, quote or line break, or starts or ends with space.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Appends one record and its line end.</summary>
    public static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fields);
        text.AppendJoin(',', fields.Select(Field)).Append('\n');
    }
}
