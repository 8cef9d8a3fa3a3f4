namespace Ballistics.Ingest.Records.Reading;

/// <summary>A record file's reader for one format; it never throws on a bad record, it marks the record.</summary>
internal interface IRecordSource : IDisposable
{
    /// <summary>Column or property names found in the file that map to no field (a misspelt header shows here).</summary>
    IReadOnlyCollection<string> IgnoredColumns { get; }

    /// <summary>Fills <paramref name="record"/> with the next record; false at the end of the file.</summary>
    bool Read(RawRecord record);
}
