using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Reading;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records;

/// <summary>
/// Reads a trace, seizure or transaction file (CSV, JSON or NDJSON; English or Spanish) and normalises
/// each record as it goes. Only a file that cannot be read at all fails as a whole; every record after
/// that comes back as a <see cref="RecordResult"/>, good or rejected with located reasons, in file order.
/// </summary>
public sealed class RecordFileReader : IDisposable
{
    private readonly IRecordSource _source;
    private readonly RecordNormalizer _normalizer;
    private readonly RawRecord _raw = new();

    private readonly Stream _stream;

    private RecordFileReader(string source, IRecordSource reader, RecordNormalizer normalizer, string encodingName, Stream stream)
    {
        Source = source;
        _source = reader;
        _normalizer = normalizer;
        EncodingName = encodingName;
        _stream = stream;
    }

    /// <summary>
    /// How far through the file reading has come, in per cent (read ahead by the text reader's buffer); null for a stream
    /// whose length is unknown.
    /// </summary>
    public int? PercentRead => _stream.CanSeek && _stream.Length > 0 ? (int)Math.Min(100, 100 * _stream.Position / _stream.Length) : null;

    /// <summary>The file's name as errors give it.</summary>
    public string Source { get; }

    /// <summary>How the file's bytes were read as text, and why (e.g. "UTF-8", "Windows-1252 (not valid UTF-8)"): printed with every run.</summary>
    public string EncodingName { get; }

    /// <summary>Columns or properties that name no field of this kind; a misspelt header shows up here.</summary>
    public IReadOnlyCollection<string> IgnoredColumns => _source.IgnoredColumns;

    /// <summary>Opens <paramref name="path"/>; the format comes from the extension (.csv .tsv .txt, .json, .ndjson .jsonl) or, failing that, the first character.</summary>
    public static IngestResult<RecordFileReader> Open(string path, RecordKind kind, NormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return IngestResult<RecordFileReader>.Fail(new IngestError(IngestErrorKind.NotFound, path, null, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read file: {ex.Message}"));
        }

        return Open(stream, path, FormatOf(path), kind, options);
    }

    /// <param name="stream">The file's bytes; the reader owns and disposes it.</param>
    /// <param name="source">Name used in errors.</param>
    /// <param name="format">The format; null to tell from the first character.</param>
    /// <param name="kind">The kind of record the file holds.</param>
    /// <param name="options">Date locale and the day after which dates are in the future.</param>
    public static IngestResult<RecordFileReader> Open(Stream stream, string source, RecordFormat? format, RecordKind kind, NormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        var tables = NormalizationTables.Default;
        var fields = tables.Fields(kind);
        var detected = RecordEncoding.Detect(stream, source);
        if (!detected.Success)
        {
            stream.Dispose();
            return IngestResult<RecordFileReader>.Fail(detected.Error);
        }

        var (encoding, encodingName) = detected.Value;
        var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        format ??= text.Peek() is '[' or '{' ? RecordFormat.Json : RecordFormat.Csv;
        IRecordSource reader;
        switch (format)
        {
            case RecordFormat.Csv:
                var csv = CsvRecordSource.Open(text, source, fields);
                if (!csv.Success)
                {
                    text.Dispose();
                    return IngestResult<RecordFileReader>.Fail(csv.Error);
                }

                reader = csv.Value;
                break;
            case RecordFormat.Ndjson:
                reader = new NdjsonRecordSource(text, fields);
                break;
            default:
                reader = new JsonRecordSource(text, fields);
                break;
        }

        return IngestResult<RecordFileReader>.Ok(new RecordFileReader(source, reader, new RecordNormalizer(kind, options ?? NormalizeOptions.Default, tables), encodingName, stream));
    }

    /// <summary>The next record, normalised; null at the end of the file.</summary>
    public RecordResult? Next() => _source.Read(_raw) ? _normalizer.Normalize(_raw, Source) : null;

    /// <summary>All remaining records, in file order.</summary>
    public IEnumerable<RecordResult> ReadAll()
    {
        while (Next() is { } result)
        {
            yield return result;
        }
    }

    public void Dispose() => _source.Dispose();

    private static RecordFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" or ".tsv" or ".txt" => RecordFormat.Csv,
        ".json" => RecordFormat.Json,
        ".ndjson" or ".jsonl" => RecordFormat.Ndjson,
        _ => null,
    };
}
