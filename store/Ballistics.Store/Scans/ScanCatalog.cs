using System.Data.Common;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Access;
using Ballistics.Store.Database;

namespace Ballistics.Store.Scans;

/// <summary>
/// The rows of the corpus: items, their metadata and stage-1 codes.
/// <para>
/// Concurrency: one database connection serves the corpus, and a connection runs one command at a time; searches fetch
/// candidates from several threads and an index loader reads beside them. So every call takes the catalogue's lock for
/// the whole of its use of the connection, reader included: nothing is streamed out of it (the index loader reads a
/// page of rows at a time, <see cref="SignaturePage"/>), and no caller holds the lock while it does engine work.
/// </para>
/// </summary>
internal sealed class ScanCatalog(DbConnection connection, StoreDialect dialect)
{
    private readonly SqlScanCatalog _rows = new(connection, dialect);
    private readonly Lock _lock = new();

    public long Count()
    {
        lock (_lock)
        {
            return _rows.Count();
        }
    }

    public long LastId()
    {
        lock (_lock)
        {
            return _rows.LastId();
        }
    }

    public ScanItem? Get(long id)
    {
        lock (_lock)
        {
            return _rows.Get(id);
        }
    }

    public ScanItem? FindBySha(string sha256)
    {
        lock (_lock)
        {
            return _rows.FindBySha(sha256);
        }
    }

    public IReadOnlyList<ScanItem> OfFirearm(string firearmId)
    {
        lock (_lock)
        {
            return _rows.OfFirearm(firearmId);
        }
    }

    public IReadOnlyList<ScanItem> OfIncident(string incidentId)
    {
        lock (_lock)
        {
            return _rows.OfIncident(incidentId);
        }
    }

    public IReadOnlyList<ScanItem> All()
    {
        lock (_lock)
        {
            return _rows.All();
        }
    }

    /// <summary>The content hashes of every item.</summary>
    public HashSet<string> Hashes()
    {
        lock (_lock)
        {
            return _rows.Hashes();
        }
    }

    /// <summary>An item's stage-1 code as stored, with the signature version that wrote it.</summary>
    public (string Version, byte[] Code)? Signature(long id)
    {
        lock (_lock)
        {
            return _rows.Signature(id);
        }
    }

    /// <summary>Up to <paramref name="limit"/> items of one shard after <paramref name="afterId"/>, with their codes, in id order.</summary>
    public List<(ScanItem Item, byte[] Signature)> SignaturePage(long afterId, int shard, int shards, int limit)
    {
        lock (_lock)
        {
            return _rows.WithSignatures(afterId, shard, shards, limit);
        }
    }

    /// <summary>An item's stage-1 code made again, with the preprocessing and signature versions that made it.</summary>
    public void UpdateSignature(long id, string preprocessVersion, string signatureVersion, byte[] signature)
    {
        lock (_lock)
        {
            _rows.UpdateSignature(id, preprocessVersion, signatureVersion, signature);
        }
    }

    /// <summary>The item's row (and its audit entry) in one transaction; null when its content is already on file.</summary>
    /// <remarks>
    /// <paramref name="firingPinShape"/>: the firing pin's shape class measured in the scan; null when it holds no firing
    /// pin. <paramref name="modality"/>: what the file holds (<see cref="Engine.Matching.Modalities"/>).
    /// </remarks>
    public long? Add(string sha256, string fileName, long byteCount, ScanItemMetadata metadata, string? firingPinShape, string modality, string preprocessVersion, string signatureVersion, byte[] signature, DateTimeOffset addedAt, Func<long, AuditEvent>? audit)
    {
        lock (_lock)
        {
            return _rows.Add(sha256, fileName, byteCount, metadata, firingPinShape, modality, preprocessVersion, signatureVersion, signature, addedAt, audit);
        }
    }
}
