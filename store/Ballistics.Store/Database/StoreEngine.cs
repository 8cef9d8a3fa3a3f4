namespace Ballistics.Store.Database;

/// <summary>The database a store's rows live in: the embedded default, or a shared server.</summary>
public enum StoreEngine
{
    /// <summary><c>ballistics.db</c> in the data folder (one machine).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database named by the data folder's <c>store.json</c> (many processes and machines).</summary>
    Postgres,
}
