using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballistics.Store.Database;

/// <summary>
/// Where a store's rows live, as its data folder says: <c>store.json</c> naming a PostgreSQL database
/// (<c>{"engine": "postgres", "connection": "Host=…;Database=…"}</c>), else <c>ballistics.db</c> in the folder. The folder
/// keeps the originals and caches either way, so a shared store's folder is shared storage too. The connection string
/// follows Npgsql's keywords; keep passwords out of it (PGPASSWORD or a .pgpass file, which Npgsql reads).
/// </summary>
internal sealed record StoreLocation(string Folder, StoreEngine Engine, string? ConnectionString)
{
    public const string FileName = "store.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    /// <summary>The location the folder names, or why its <c>store.json</c> cannot be read.</summary>
    public static (StoreLocation? Location, string? Error) Of(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (new StoreLocation(folder, StoreEngine.Sqlite, null), null);
        }

        try
        {
            var file = JsonSerializer.Deserialize<LocationFile>(File.ReadAllText(path), Json);
            return file switch
            {
                { Engine: StoreEngine.Postgres, Connection: { Length: > 0 } connection } => (new StoreLocation(folder, StoreEngine.Postgres, connection), null),
                { Engine: StoreEngine.Postgres } => (null, $"{path}: field connection: the PostgreSQL connection string is missing"),
                { Engine: StoreEngine.Sqlite } => (new StoreLocation(folder, StoreEngine.Sqlite, null), null),
                _ => (null, $"{path}: field engine: missing (sqlite or postgres)"),
            };
        }
        catch (JsonException ex)
        {
            return (null, $"{path}: not a store description: {ex.Message}");
        }
    }

    /// <summary>Makes <paramref name="folder"/> a store whose rows live in the PostgreSQL database of <paramref name="connectionString"/>.</summary>
    public static void WritePostgres(string folder, string connectionString)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(new LocationFile(StoreEngine.Postgres, connectionString), Json));
    }

    private sealed record LocationFile(StoreEngine? Engine, string? Connection);
}
