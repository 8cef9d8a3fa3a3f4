using Ballistics.Store;

namespace Ballistics.Api;

/// <summary>
/// The one store the service runs over, opened at start. The embedded store is a single SQLite connection, which is
/// not for concurrent use: every request takes its turn here (SQLite serialises writers anyway, and the work done
/// under the lock is a few queries, never a comparison).
/// </summary>
public sealed class StoreAccess : IDisposable
{
    private readonly DataStore _store;
    private readonly Lock _lock = new();

    public StoreAccess(string folder)
    {
        var opened = DataStore.Open(folder, create: true);
        _store = opened.Success ? opened.Value : throw new InvalidOperationException($"cannot open the store: {opened.Error}");
    }

    public string Folder => _store.Folder;

    public T Use<T>(Func<DataStore, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_lock)
        {
            return work(_store);
        }
    }

    public void Dispose() => _store.Dispose();
}
