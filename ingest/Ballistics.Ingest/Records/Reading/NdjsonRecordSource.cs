using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Reading;

/// <summary>One JSON object per line; a broken line is that line's error and the next line reads as usual.</summary>
internal sealed class NdjsonRecordSource(TextReader reader, AliasTable<RecordField> fields) : IRecordSource
{
    private readonly JsonRecordFields _fields = new(fields);
    private int _line;

    public IReadOnlyCollection<string> IgnoredColumns => _fields.Ignored;

    public bool Read(RawRecord record)
    {
        while (reader.ReadLine() is { } text)
        {
            _line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            record.Reset(_line);
            _fields.Fill(text, record);
            return true;
        }

        return false;
    }

    public void Dispose() => reader.Dispose();
}
