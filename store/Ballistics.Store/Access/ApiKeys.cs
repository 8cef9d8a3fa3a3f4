using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ballistics.Store.Database;

namespace Ballistics.Store.Access;

/// <summary>An API key as the store keeps it: never the key itself, only what it grants.</summary>
public sealed record ApiKeyInfo(long Id, string Prefix, string Role, string Agency, string Country, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>A key just made: <see cref="Key"/> is shown once and then exists only with its holder.</summary>
public sealed record NewApiKey(ApiKeyInfo Info, string Key);

/// <summary>
/// The API's keys. A key is 32 random bytes (256 bits) in URL-safe base64 behind <c>bk_</c>; the store keeps its
/// SHA-256. A slow password hash buys nothing here: it protects guessable secrets, and a 256-bit random key cannot be
/// guessed, while every request must be checked quickly.
/// </summary>
public sealed class ApiKeys
{
    public static IReadOnlyList<string> Roles { get; } = ["lab", "reviewer", "examiner", "investigator", "analyst", "admin"];

    public static IReadOnlyList<string> Countries { get; } = ["US", "MX"];

    private const string KeyPrefix = "bk_";

    private readonly DbConnection _connection;

    internal ApiKeys(DbConnection connection) => _connection = connection;

    /// <summary>Makes a key for a role of an agency in a country.</summary>
    /// <exception cref="ArgumentException">A role, agency or country that is not allowed; the message names the field.</exception>
    public NewApiKey Add(string role, string agency, string country, string? label = null)
    {
        if (!Roles.Contains(role))
        {
            throw new ArgumentException($"role: '{role}' is not one of {string.Join(", ", Roles)}", nameof(role));
        }

        if (string.IsNullOrWhiteSpace(agency) || agency.Length > 200)
        {
            throw new ArgumentException("agency: must name the agency (1 to 200 characters)", nameof(agency));
        }

        if (!Countries.Contains(country))
        {
            throw new ArgumentException($"country: '{country}' is not US or MX", nameof(country));
        }

        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var prefix = key[..(KeyPrefix.Length + 6)];
        var created = DateTimeOffset.UtcNow;
        using var insert = _connection.CreateCommand();
        insert.CommandText = "INSERT INTO api_key (key_hash, prefix, role, agency, country, label, created_at) VALUES (@h, @p, @r, @a, @c, @l, @t) RETURNING id";
        insert.With("@h", Hash(key));
        insert.With("@p", prefix);
        insert.With("@r", role);
        insert.With("@a", agency.Trim());
        insert.With("@c", country);
        insert.With("@l", (object?)label ?? DBNull.Value);
        insert.With("@t", created.ToString("O", CultureInfo.InvariantCulture));
        var id = (long)insert.ExecuteScalar()!;
        return new NewApiKey(new ApiKeyInfo(id, prefix, role, agency.Trim(), country, label, created, null), key);
    }

    public IReadOnlyList<ApiKeyInfo> List()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"{Select} ORDER BY id";
        return Read(command);
    }

    /// <summary>Revokes a key; false when there is no such key. Revoking twice keeps the first time.</summary>
    public bool Revoke(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE api_key SET revoked_at = coalesce(revoked_at, @t) WHERE id = @id";
        command.With("@t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.With("@id", id);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The key a caller presented, if it is on file and not revoked.</summary>
    public ApiKeyInfo? Authenticate(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = $"{Select} WHERE key_hash = @h AND revoked_at IS NULL";
        command.With("@h", Hash(presented));
        return Read(command) is [var key] ? key : null;
    }

    private const string Select = "SELECT id, prefix, role, agency, country, label, created_at, revoked_at FROM api_key";

    private static List<ApiKeyInfo> Read(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKeyInfo>();
        while (reader.Read())
        {
            keys.Add(new ApiKeyInfo(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                reader.IsDBNull(7) ? null : DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture)));
        }

        return keys;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
