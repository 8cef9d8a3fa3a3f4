using System.Reflection;

namespace Ballistics.Ingest.Records.Tables;

/// <summary>
/// One of the normalisation tables embedded in this assembly: tab-separated, '#' comment lines, a header
/// row naming the columns. The tables ship with the code, so a malformed one is a build defect and
/// throws at load (the table tests load them all) instead of coming back as a record error.
/// </summary>
internal static class TsvResource
{
    private const string Prefix = "Ballistics.Ingest.Records.Tables.";

    /// <summary>The data rows of <paramref name="name"/>, each with its line number, after checking the header is <paramref name="columns"/>.</summary>
    public static IReadOnlyList<(int Line, string[] Cells)> Read(string name, params string[] columns)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidDataException($"table {name} is not embedded in {typeof(TsvResource).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var rows = new List<(int, string[])>();
        var header = false;
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            var cells = text.Split('\t');
            if (!header)
            {
                if (!cells.SequenceEqual(columns, StringComparer.Ordinal))
                {
                    throw Bad(name, line, $"header is '{string.Join(", ", cells)}', expected '{string.Join(", ", columns)}'");
                }

                header = true;
                continue;
            }

            if (cells.Length != columns.Length)
            {
                throw Bad(name, line, $"{cells.Length} cells, expected {columns.Length}");
            }

            rows.Add((line, cells.Select(c => c.Trim()).ToArray()));
        }

        return header ? rows : throw Bad(name, line, "no header row");
    }

    /// <summary>The aliases of a row: its '|'-separated list plus, first, the row's own name.</summary>
    public static IEnumerable<string> Aliases(string name, string list) =>
        new[] { name }.Concat(list.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    public static InvalidDataException Bad(string name, int line, string message) => new($"table {name} line {line}: {message}");
}
