using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballistics.Ingest.Records;

/// <summary>
/// A stable id for a record's content, so that ingesting the same record twice (same file again, or the
/// same record in another file) can be recognised. It covers every normalised field and nothing about
/// where the record was read from.
/// </summary>
public static class RecordIdentity
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Lower-case hex SHA-256 of the kind and the record's canonical JSON.</summary>
    public static string ContentId(FirearmRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }
}
