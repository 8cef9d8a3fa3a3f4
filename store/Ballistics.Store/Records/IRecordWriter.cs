using Ballistics.Ingest.Records;

namespace Ballistics.Store.Records;

/// <summary>
/// Writes validated records into a store in batches of whole records. Nothing added is visible or
/// durable until <see cref="Commit"/>; disposing without it drops the open batch, never part of a record.
/// </summary>
internal interface IRecordWriter : IDisposable
{
    /// <summary>Adds the record unless one with the same content id is stored; true when it was added.</summary>
    bool TryAdd(FirearmRecord record, string contentId, string source, int line);

    /// <summary>Makes every record added since the last commit durable, all together.</summary>
    void Commit();
}
