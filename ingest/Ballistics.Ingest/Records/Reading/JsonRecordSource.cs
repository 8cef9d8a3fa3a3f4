using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Reading;

/// <summary>
/// A JSON document holding an array of record objects (or one object, or objects one after another).
/// The objects are cut apart by a string-aware brace scan before each is parsed, so an object with a bad
/// token fails alone; a record's line is the line its opening brace stands on.
/// </summary>
internal sealed class JsonRecordSource : IRecordSource
{
    private readonly string _text;
    private readonly JsonRecordFields _fields;
    private int _pos;
    private int _line = 1;
    private int _lineCountedTo;

    public JsonRecordSource(TextReader reader, AliasTable<RecordField> fields)
    {
        _text = reader.ReadToEnd();
        reader.Dispose();
        _fields = new JsonRecordFields(fields);
        SkipSeparators();
        if (_pos < _text.Length && _text[_pos] == '[')
        {
            _pos++;
        }
    }

    public IReadOnlyCollection<string> IgnoredColumns => _fields.Ignored;

    public bool Read(RawRecord record)
    {
        SkipSeparators();
        if (_pos >= _text.Length || _text[_pos] == ']')
        {
            return false;
        }

        record.Reset(LineAt(_pos));
        if (_text[_pos] != '{')
        {
            // Not an object: report it and go on from the next object that starts on a later line.
            record.AddError(FieldError.WholeRecord, $"expected a JSON object, found '{_text[_pos]}'");
            _pos = NextObjectLine(_pos);
            return true;
        }

        var end = ObjectEnd(_pos);
        if (end < 0)
        {
            record.AddError(FieldError.WholeRecord, "unterminated JSON object (a brace or quote is not closed)");
            _pos = NextObjectLine(_pos);
            return true;
        }

        _fields.Fill(_text.AsSpan(_pos, end - _pos), record);
        _pos = end;
        return true;
    }

    public void Dispose()
    {
    }

    private void SkipSeparators()
    {
        while (_pos < _text.Length && (char.IsWhiteSpace(_text[_pos]) || _text[_pos] == ',' || _text[_pos] == '\uFEFF'))
        {
            _pos++;
        }
    }

    /// <summary>Where reading resumes after a broken object: the next line whose first character is an opening brace.</summary>
    private int NextObjectLine(int from)
    {
        for (var i = _text.IndexOf('\n', from); i >= 0; i = _text.IndexOf('\n', i + 1))
        {
            var j = i + 1;
            while (j < _text.Length && _text[j] is ' ' or '\t' or '\r')
            {
                j++;
            }

            if (j < _text.Length && _text[j] == '{')
            {
                return j;
            }
        }

        return _text.Length;
    }

    /// <summary>The position after the brace closing the object that opens at <paramref name="start"/>, or -1.</summary>
    private int ObjectEnd(int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < _text.Length; i++)
        {
            var c = _text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                else if (c == '\n')
                {
                    // JSON strings hold no raw line breaks: the quote was never closed.
                    return -1;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }

    private int LineAt(int position)
    {
        _line += _text.AsSpan(_lineCountedTo, position - _lineCountedTo).Count('\n');
        _lineCountedTo = position;
        return _line;
    }
}
