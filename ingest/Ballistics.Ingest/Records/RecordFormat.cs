namespace Ballistics.Ingest.Records;

/// <summary>The record file formats read.</summary>
public enum RecordFormat
{
    /// <summary>Delimited text with a header row (comma, semicolon or tab).</summary>
    Csv,

    /// <summary>A JSON array of record objects (or objects one after another).</summary>
    Json,

    /// <summary>One JSON object per line.</summary>
    Ndjson,
}
