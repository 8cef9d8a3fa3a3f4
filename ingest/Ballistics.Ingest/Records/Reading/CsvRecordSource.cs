using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Reading;

/// <summary>
/// RFC 4180 records with a header row; the delimiter (comma, semicolon as Spanish-locale spreadsheets
/// write, or tab) is taken from the header. Written here rather than on Sylvan (which the table readers
/// use) because a record file must survive its bad rows: an unterminated quote is reported on its own
/// line and reading goes on at the next line, and every record keeps its physical line number.
/// </summary>
internal sealed class CsvRecordSource : IRecordSource
{
    /// <summary>A quoted field may run over this many lines before its quote is taken to be unterminated.</summary>
    private const int MaxRecordLines = 32;

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly RecordField?[] _columns;
    private readonly Queue<string> _pushedBack = new();
    private readonly List<string> _ignored;
    private readonly List<(int Start, int Length, bool Escaped)> _cells = [];
    private int _line;

    private CsvRecordSource(TextReader reader, char delimiter, RecordField?[] columns, List<string> ignored, int headerLine)
    {
        _reader = reader;
        _delimiter = delimiter;
        _columns = columns;
        _ignored = ignored;
        _line = headerLine;
    }

    public IReadOnlyCollection<string> IgnoredColumns => _ignored;

    /// <summary>Reads the header; fails when there is none or when no column names a field of <paramref name="fields"/>.</summary>
    public static IngestResult<CsvRecordSource> Open(TextReader reader, string source, AliasTable<RecordField> fields)
    {
        var line = 0;
        string? header;
        do
        {
            header = reader.ReadLine();
            line++;
        }
        while (header is not null && string.IsNullOrWhiteSpace(header));

        if (header is null)
        {
            return Fail(source, "line 1", IngestErrorKind.MissingField, "empty file: no header row");
        }

        header = header.TrimStart('\uFEFF');
        var delimiter = Delimiter(header);
        var cells = new List<(int Start, int Length, bool Escaped)>();
        if (!Split(header, delimiter, cells))
        {
            return Fail(source, $"line {line}", IngestErrorKind.InvalidValue, "header has an unterminated quoted name");
        }

        var columns = new RecordField?[cells.Count];
        var ignored = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            var name = Unquote(header, cells[i]).Trim();
            if (fields.TryFind(name, out var field))
            {
                columns[i] = field;
            }
            else if (name.Length > 0)
            {
                ignored.Add(name);
            }
        }

        if (columns.All(c => c is null))
        {
            return Fail(source, $"line {line}", IngestErrorKind.MissingField, $"no column of the header names a record field ({string.Join(", ", ignored)})");
        }

        return IngestResult<CsvRecordSource>.Ok(new CsvRecordSource(reader, delimiter, columns, ignored, line));
    }

    public bool Read(RawRecord record)
    {
        while (true)
        {
            var text = NextLine();
            if (text is null)
            {
                return false;
            }

            // Blank lines, and the all-empty rows spreadsheets leave below the data, are no records.
            if (!string.IsNullOrWhiteSpace(text) && !IsEmptyRow(text))
            {
                return Read(text, record);
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private bool IsEmptyRow(string text)
    {
        foreach (var c in text)
        {
            if (c != _delimiter && c != '"' && !char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private bool Read(string text, RawRecord record)
    {
        var first = _line;
        record.Reset(first);
        var extra = new List<string>(0);
        while (!Split(text, _delimiter, _cells))
        {
            var more = extra.Count < MaxRecordLines ? NextLine() : null;
            if (more is null)
            {
                // Give back the lines the open quote swallowed: they are most likely records of their own.
                foreach (var swallowed in extra)
                {
                    _pushedBack.Enqueue(swallowed);
                }

                _line = first;
                record.AddError(FieldError.WholeRecord, "unterminated quoted field");
                return true;
            }

            extra.Add(more);
            text = text + "\n" + more;
        }

        if (_cells.Count != _columns.Length)
        {
            record.AddError(FieldError.WholeRecord, $"{_cells.Count} fields, the header has {_columns.Length}");
            return true;
        }

        var memory = text.AsMemory();
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columns[i] is { } field)
            {
                record.Set(field, Value(memory, _cells[i], record));
            }
        }

        return true;
    }

    private string? NextLine()
    {
        _line++;
        return _pushedBack.Count > 0 ? _pushedBack.Dequeue() : _reader.ReadLine();
    }

    /// <summary>The delimiter the header uses most outside quotes; comma when it names a single column.</summary>
    private static char Delimiter(string header)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /// <summary>Splits one record's text into cells; false when a quoted cell is still open at the end.</summary>
    private static bool Split(string text, char delimiter, List<(int Start, int Length, bool Escaped)> cells)
    {
        cells.Clear();
        var pos = 0;
        while (true)
        {
            if (pos < text.Length && text[pos] == '"')
            {
                var start = pos + 1;
                var escaped = false;
                var i = start;
                while (true)
                {
                    var quote = text.IndexOf('"', i);
                    if (quote < 0)
                    {
                        return false;
                    }

                    if (quote + 1 < text.Length && text[quote + 1] == '"')
                    {
                        escaped = true;
                        i = quote + 2;
                        continue;
                    }

                    // Text between the closing quote and the delimiter is kept (lenient, as spreadsheets write it).
                    var end = text.IndexOf(delimiter, quote + 1);
                    end = end < 0 ? text.Length : end;
                    if (end > quote + 1)
                    {
                        escaped = true;
                    }

                    cells.Add((start, end - start, escaped));
                    pos = end;
                    break;
                }
            }
            else
            {
                var end = text.IndexOf(delimiter, pos);
                end = end < 0 ? text.Length : end;
                cells.Add((pos, end - pos, false));
                pos = end;
            }

            if (pos >= text.Length)
            {
                return true;
            }

            pos++;
            if (pos == text.Length)
            {
                cells.Add((pos, 0, false));
                return true;
            }
        }
    }

    private static ReadOnlyMemory<char> Value(ReadOnlyMemory<char> text, (int Start, int Length, bool Escaped) cell, RawRecord record)
    {
        var raw = text.Slice(cell.Start, cell.Length);
        if (!cell.Escaped)
        {
            // A cleanly quoted cell ends with its closing quote.
            return raw.Length > 0 && cell.Start > 0 && text.Span[cell.Start - 1] == '"' ? raw[..^1] : raw;
        }

        var target = record.Rent(raw.Length);
        var n = Unescape(raw.Span, target.Span);
        return target[..n];
    }

    private static string Unquote(string text, (int Start, int Length, bool Escaped) cell)
    {
        var raw = text.AsSpan(cell.Start, cell.Length);
        var isQuoted = cell.Start > 0 && text[cell.Start - 1] == '"';
        if (!isQuoted)
        {
            return raw.ToString();
        }

        Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        return buffer[..Unescape(raw, buffer)].ToString();
    }

    /// <summary>The content of a quoted cell (opening quote already skipped): doubled quotes halved, the closing quote dropped.</summary>
    private static int Unescape(ReadOnlySpan<char> raw, Span<char> target)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '"')
            {
                if (i + 1 < raw.Length && raw[i + 1] == '"')
                {
                    target[n++] = '"';
                    i++;
                }

                continue;
            }

            target[n++] = raw[i];
        }

        return n;
    }

    private static IngestResult<CsvRecordSource> Fail(string source, string location, IngestErrorKind kind, string message) =>
        IngestResult<CsvRecordSource>.Fail(new IngestError(kind, source, location, message));
}
