using System.Text;
using System.Text.Json;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Reading;

/// <summary>
/// Fills a record from one JSON object. Nested objects are read by their dotted path first
/// ("possessor.name"), then by the last name alone ("firearm.serial" → serial), so flat and grouped
/// layouts both work; a list of scalars becomes one ';'-separated value. Invalid JSON marks the record.
/// </summary>
internal sealed class JsonRecordFields(AliasTable<RecordField> fields)
{
    private const int MaxDepth = 4;
    private const int MaxPath = 192;

    private static readonly ReadOnlyMemory<char> True = "true".AsMemory();
    private static readonly ReadOnlyMemory<char> False = "false".AsMemory();

    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);
    private byte[] _utf8 = new byte[4096];

    public IReadOnlyCollection<string> Ignored => _ignored;

    public void Fill(ReadOnlySpan<char> json, RawRecord record)
    {
        var max = Encoding.UTF8.GetMaxByteCount(json.Length);
        if (_utf8.Length < max)
        {
            _utf8 = new byte[max];
        }

        var length = Encoding.UTF8.GetBytes(json, _utf8);
        var reader = new Utf8JsonReader(_utf8.AsSpan(0, length), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                record.AddError(FieldError.WholeRecord, "not a JSON object");
                return;
            }

            Span<char> path = stackalloc char[MaxPath];
            ReadObject(ref reader, record, path, 0, 1);
            if (reader.Read())
            {
                record.AddError(FieldError.WholeRecord, "text after the end of the JSON object");
            }
        }
        catch (JsonException ex)
        {
            record.AddError(FieldError.WholeRecord, $"invalid JSON: {ex.Message}");
        }
    }

    private void ReadObject(ref Utf8JsonReader reader, RawRecord record, scoped Span<char> path, int pathLength, int depth)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var nameStart = pathLength == 0 ? 0 : pathLength + 1;
            var nameLength = reader.HasValueSequence ? -1 : Math.Min(reader.ValueSpan.Length, path.Length - nameStart);
            if (pathLength > 0)
            {
                path[pathLength] = '.';
            }

            var written = nameLength < 0 ? 0 : reader.CopyString(path.Slice(nameStart, nameLength));
            var end = nameStart + written;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when depth < MaxDepth:
                    ReadObject(ref reader, record, path, end, depth + 1);
                    break;
                case JsonTokenType.StartObject:
                    reader.Skip();
                    break;
                case JsonTokenType.StartArray:
                    if (Field(path[..end], nameStart) is { } listField)
                    {
                        record.Set(listField, ReadList(ref reader, record, RecordFields.Name(listField)));
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    if (Field(path[..end], nameStart) is { } field)
                    {
                        record.Set(field, Scalar(ref reader, record));
                    }

                    break;
            }
        }
    }

    private RecordField? Field(ReadOnlySpan<char> path, int nameStart)
    {
        if (fields.TryFind(path, out var field) || (nameStart > 0 && fields.TryFind(path[nameStart..], out field)))
        {
            return field;
        }

        var lookup = _ignored.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.Contains(path))
        {
            lookup.Add(path);
        }

        return null;
    }

    private static ReadOnlyMemory<char> Scalar(ref Utf8JsonReader reader, RawRecord record)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return True;
            case JsonTokenType.False:
                return False;
            case JsonTokenType.String:
                var text = record.Rent(reader.ValueSpan.Length);
                return text[..reader.CopyString(text.Span)];
            default:
                // Numbers (a serial or an id written without quotes) keep their digits as written.
                var digits = record.Rent(reader.ValueSpan.Length);
                return digits[..Encoding.UTF8.GetChars(reader.ValueSpan, digits.Span)];
        }
    }

    private static ReadOnlyMemory<char> ReadList(ref Utf8JsonReader reader, RawRecord record, string field)
    {
        var joined = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                record.AddError(field, "a list of objects or lists; a record holds one firearm and plain values");
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.Null)
            {
                joined.Append(joined.Length > 0 ? ";" : string.Empty).Append(Scalar(ref reader, record));
            }
        }

        return joined.ToString().AsMemory();
    }
}
