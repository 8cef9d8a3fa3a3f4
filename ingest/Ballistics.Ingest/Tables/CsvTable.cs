using Sylvan.Data.Csv;

namespace Ballistics.Ingest.Tables;

/// <summary>One data row of a CSV table: its line in the file (the header is line 1) and its fields by column name.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string this[string column] => Fields.TryGetValue(column, out var v) ? v : string.Empty;
}

/// <summary>
/// A small CSV table as the CLI's list files use it (pair lists, scan manifests): a header naming the
/// columns, then rows. Parsing is Sylvan.Data.Csv's (RFC 4180); this type adds located errors.
/// </summary>
public sealed record CsvTable(string Source, IReadOnlyList<string> Columns, IReadOnlyList<CsvRow> Rows)
{
    /// <summary>Reads <paramref name="path"/>; fails naming the file when it is missing, empty, or lacks a required column.</summary>
    public static IngestResult<CsvTable> Read(string path, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(requiredColumns);
        if (!File.Exists(path))
        {
            return IngestResult<CsvTable>.Fail(new IngestError(IngestErrorKind.NotFound, path, null, "file not found"));
        }

        try
        {
            using var text = new StreamReader(path);
            using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
            var columns = new string[csv.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = csv.GetName(i).Trim();
            }

            if (columns.Length == 0 || columns.All(string.IsNullOrEmpty))
            {
                return IngestResult<CsvTable>.Fail(new IngestError(IngestErrorKind.MissingField, path, "line 1", "no header row"));
            }

            var missing = requiredColumns.Where(c => !columns.Contains(c, StringComparer.Ordinal)).ToArray();
            if (missing.Length > 0)
            {
                return IngestResult<CsvTable>.Fail(new IngestError(
                    IngestErrorKind.MissingField, path, "line 1", $"header lacks column(s) {string.Join(", ", missing)}; it has {string.Join(", ", columns)}"));
            }

            var rows = new List<CsvRow>();
            var line = 1;
            while (csv.Read())
            {
                line++;
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Length && i < csv.RowFieldCount; i++)
                {
                    fields[columns[i]] = csv.GetString(i).Trim();
                }

                if (fields.Values.All(string.IsNullOrEmpty))
                {
                    continue;
                }

                rows.Add(new CsvRow(line, fields));
            }

            return IngestResult<CsvTable>.Ok(new CsvTable(path, columns, rows));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            return IngestResult<CsvTable>.Fail(new IngestError(IngestErrorKind.InvalidValue, path, null, ex.Message));
        }
    }
}
