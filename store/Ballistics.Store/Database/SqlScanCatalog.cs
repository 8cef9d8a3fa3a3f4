using System.Data.Common;
using System.Globalization;
using Ballistics.Ingest.Scans;
using Ballistics.Store.Access;
using Ballistics.Store.Scans;

namespace Ballistics.Store.Database;

/// <summary>
/// The <c>scan_item</c> table: one row per distinct original file, inserted in its own transaction after its blob is in
/// place, so a kill leaves every item whole or absent. Readers stream rows; the signature column is read only by the
/// index loader.
/// </summary>
internal sealed class SqlScanCatalog(DbConnection connection, StoreDialect dialect)
{
    private const string Columns =
        "id, sha256, file_name, byte_count, exhibit_id, kind, lab, agency, country, firearm_id, incident_id, caliber, "
        + "firing_pin_class, breech_face_class, event_date, us_state, mx_state, mx_municipality, added_at, "
        + "preprocess_version, signature_version, firing_pin_shape, modality, pixel_size_um, lighting";

    /// <summary>How many <see cref="Columns"/> there are: a query's next column is at this index.</summary>
    private const int ColumnCount = 25;

    public HashSet<string> Hashes()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sha256 FROM scan_item";
        using var reader = command.ExecuteReader();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            hashes.Add(reader.GetString(0));
        }

        return hashes;
    }

    public long Count() => DbCommands.Scalar(connection, "SELECT count(*) FROM scan_item");

    public long LastId() => DbCommands.Scalar(connection, "SELECT coalesce(max(id), 0) FROM scan_item");

    /// <summary>Inserts one item; returns its id, or null when a file of the same content is already on file.</summary>
    /// <remarks><paramref name="audit"/>: The audit entry of the item stored (given its id), committed with the row; nothing when the file was on file already.</remarks>
    public long? Add(string sha256, string fileName, long byteCount, ScanItemMetadata m, string? firingPinShape, string modality, string preprocessVersion, string signatureVersion, byte[] signature, DateTimeOffset addedAt, Func<long, AuditEvent>? audit)
    {
        using var transaction = connection.BeginTransaction();
        // Ids must commit in order: a correlation job takes every item up to the largest id it saw when it started, and
        // an item given a smaller id by another process that commits later would never be searched.
        dialect.LockForWrite(connection, transaction, "scan_item");
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO scan_item (sha256, file_name, byte_count, exhibit_id, kind, lab, agency, country, firearm_id, incident_id, caliber, "
            + "firing_pin_class, breech_face_class, event_date, us_state, mx_state, mx_municipality, added_at, preprocess_version, signature_version, signature, firing_pin_shape, "
            + "modality, pixel_size_um, lighting) "
            + "VALUES (@sha, @file, @bytes, @exhibit, @kind, @lab, @agency, @country, @firearm, @incident, @caliber, @pin, @face, @date, @us, @mx, @muni, @added, @pv, @sv, @sig, @shape, "
            + "@modality, @pixel, @lighting) "
            + "ON CONFLICT (sha256) DO NOTHING RETURNING id";
        command.With("@sha", sha256);
        command.With("@file", fileName);
        command.With("@bytes", byteCount);
        command.With("@exhibit", m.ExhibitId);
        command.With("@kind", KindText(m.Kind));
        command.With("@lab", (object?)m.Lab ?? DBNull.Value);
        command.With("@agency", (object?)m.Agency ?? DBNull.Value);
        command.With("@country", (object?)m.Country ?? DBNull.Value);
        command.With("@firearm", (object?)m.FirearmId ?? DBNull.Value);
        command.With("@incident", (object?)m.IncidentId ?? DBNull.Value);
        command.With("@caliber", (object?)m.Caliber ?? DBNull.Value);
        command.With("@pin", (object?)m.FiringPinClass ?? DBNull.Value);
        command.With("@face", (object?)m.BreechFaceClass ?? DBNull.Value);
        command.With("@date", m.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value);
        command.With("@us", (object?)m.UsState ?? DBNull.Value);
        command.With("@mx", (object?)m.MxState ?? DBNull.Value);
        command.With("@muni", (object?)m.MxMunicipality ?? DBNull.Value);
        command.With("@added", addedAt.ToString("O", CultureInfo.InvariantCulture));
        command.With("@pv", preprocessVersion);
        command.With("@sv", signatureVersion);
        command.With("@sig", signature);
        command.With("@shape", (object?)firingPinShape ?? DBNull.Value);
        command.With("@modality", modality);
        command.With("@pixel", m.PixelSizeUm is { } um ? um : DBNull.Value);
        command.With("@lighting", m.Lighting is { } light ? Engine.Surfaces.ImageLightingNames.Name(light) : DBNull.Value);
        var id = command.ExecuteScalar() as long?;
        if (id is { } added && audit is not null)
        {
            AuditLog.AppendWithin(connection, dialect, transaction, audit(added));
        }

        transaction.Commit();
        return id;
    }

    public void UpdateSignature(long id, string preprocessVersion, string signatureVersion, byte[] signature)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE scan_item SET preprocess_version = @pv, signature_version = @sv, signature = @sig WHERE id = @id";
        command.With("@pv", preprocessVersion);
        command.With("@sv", signatureVersion);
        command.With("@sig", signature);
        command.With("@id", id);
        command.ExecuteNonQuery();
    }

    public ScanItem? FindBySha(string sha256) => Single("sha256", sha256);

    public ScanItem? Get(long id) => Single("id", id);

    private ScanItem? Single(string key, object value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM scan_item WHERE {key} = @key";
        command.With("@key", value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Item(reader) : null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> items after <paramref name="afterId"/> with their stored signatures, in id order
    /// (the index loader reads the corpus a page at a time).
    /// </summary>
    public List<(ScanItem Item, byte[] Signature)> WithSignatures(long afterId, int shard, int shards, int limit)
    {
        using var command = connection.CreateCommand();
        // The shard's rows only, chosen by the database: a shard loading its part reads no one else's signatures.
        command.CommandText = $"SELECT {Columns}, signature FROM scan_item WHERE id > @after AND id % @shards = @shard ORDER BY id LIMIT @limit";
        command.With("@after", afterId);
        command.With("@shards", (long)shards);
        command.With("@shard", (long)shard);
        command.With("@limit", (long)limit);
        using var reader = command.ExecuteReader();
        var page = new List<(ScanItem, byte[])>();
        while (reader.Read())
        {
            page.Add((Item(reader), (byte[])reader.GetValue(ColumnCount)));
        }

        return page;
    }

    /// <summary>An item's stage-1 code as stored, with the signature version that wrote it.</summary>
    public (string Version, byte[] Code)? Signature(long id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT signature_version, signature FROM scan_item WHERE id = @id";
        command.With("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }

    /// <summary>The items of one firearm (its test fires, and evidence already attributed to it), in id order.</summary>
    public IReadOnlyList<ScanItem> OfFirearm(string firearmId) => Where("firearm_id", firearmId);

    /// <summary>The items found at one incident, in id order.</summary>
    public IReadOnlyList<ScanItem> OfIncident(string incidentId) => Where("incident_id", incidentId);

    private List<ScanItem> Where(string column, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM scan_item WHERE {column} = @f ORDER BY id";
        command.With("@f", value);
        using var reader = command.ExecuteReader();
        var items = new List<ScanItem>();
        while (reader.Read())
        {
            items.Add(Item(reader));
        }

        return items;
    }

    /// <summary>Every item (without its signature), in id order.</summary>
    public IReadOnlyList<ScanItem> All()
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM scan_item ORDER BY id";
        using var reader = command.ExecuteReader();
        var items = new List<ScanItem>();
        while (reader.Read())
        {
            items.Add(Item(reader));
        }

        return items;
    }

    public static string KindText(ScanItemKind kind) => kind == ScanItemKind.TestFire ? "test_fire" : "evidence";

    private static ScanItem Item(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var metadata = new ScanItemMetadata
        {
            ExhibitId = r.GetString(4),
            Kind = r.GetString(5) == "test_fire" ? ScanItemKind.TestFire : ScanItemKind.Evidence,
            Lab = Text(6),
            Agency = Text(7),
            Country = Text(8),
            FirearmId = Text(9),
            IncidentId = Text(10),
            Caliber = Text(11),
            FiringPinClass = Text(12),
            BreechFaceClass = Text(13),
            Date = Text(14) is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            UsState = Text(15),
            MxState = Text(16),
            MxMunicipality = Text(17),
            PixelSizeUm = r.IsDBNull(23) ? null : r.GetDouble(23),
            Lighting = Engine.Surfaces.ImageLightingNames.TryParse(Text(24), out var light) && light != Engine.Surfaces.ImageLighting.Unknown ? light : null,
        };
        return new ScanItem(
            r.GetInt64(0),
            r.GetString(1),
            r.GetString(2),
            r.GetInt64(3),
            metadata,
            DateTimeOffset.Parse(r.GetString(18), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            r.GetString(19),
            r.GetString(20),
            Text(21),
            r.GetString(22));
    }
}
