using Ballistics.Ingest.Records;

namespace Ballistics.Store.Records;

/// <summary>
/// Ingests one record file: each good record stored once (by content id), each bad one written to the
/// rejects with its located reasons, each good one with a warning to the warnings (same columns), committed in batches of whole records so a kill loses at most the
/// open batch and a rerun stores exactly what is missing.
/// </summary>
internal static class RecordIngestion
{
    /// <summary>
    /// Records per transaction. The content-id and serial indexes take random keys, so each commit rewrites
    /// a page per key touched: small batches rewrite the same pages over and over (150,000 transactions took
    /// 1.5 times as long in batches of 2,000 as of 20,000). A kill loses at most one batch of work, never
    /// part of a record.
    /// </summary>
    public const int DefaultBatchSize = 20_000;

    /// <remarks><c>progress</c> is told how far through the file reading has come, in per cent, as it moves.</remarks>
    public static IngestCounts Run(RecordFileReader reader, IRecordWriter writer, RecordProblemsFile rejects, RecordProblemsFile warnings, int batchSize = DefaultBatchSize, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int read = 0, stored = 0, duplicates = 0, rejected = 0, warned = 0, pending = 0;
        var shown = -1;
        while (reader.Next() is { } result)
        {
            read++;
            if (progress is not null && reader.PercentRead is { } percent && percent != shown)
            {
                progress.Report(shown = percent);
            }

            if (result.Record is not { } record)
            {
                rejects.Write(result);
                rejected++;
                continue;
            }

            if (result.Warnings.Count > 0)
            {
                warnings.Write(result.Source, result.Line, result.Warnings);
                warned++;
            }

            if (writer.TryAdd(record, RecordIdentity.ContentId(record), result.Source, result.Line))
            {
                stored++;
            }
            else
            {
                duplicates++;
            }

            if (++pending == batchSize)
            {
                writer.Commit();
                pending = 0;
            }
        }

        writer.Commit();
        if (progress is not null && shown != 100)
        {
            progress.Report(100);
        }

        return new IngestCounts(read, stored, duplicates, rejected) { Warned = warned };
    }
}
