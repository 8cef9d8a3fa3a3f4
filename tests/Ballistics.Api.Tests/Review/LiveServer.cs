using System.Net.Http.Headers;
using Ballistics.Store;
using Ballistics.Testing;
using Microsoft.AspNetCore.Builder;

namespace Ballistics.Api.Tests.Review;

/// <summary>
/// The API on a real socket (a browser cannot reach the in-memory test server) over a fresh store of its own, on a port the
/// system picks, as `ballistics serve` runs it.
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly WebApplication _app;

    private LiveServer(TempDirectory dir, WebApplication app, Uri address)
    {
        _dir = dir;
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public string StorePath => _dir.File("data");

    public static async Task<LiveServer> Start()
    {
        var dir = new TempDirectory();
        var app = ApiHost.Build(["--urls", "http://127.0.0.1:0", "--" + ApiHost.StoreSetting, dir.File("data")]);
        await app.StartAsync();
        return new LiveServer(dir, app, new Uri(app.Urls.First()));
    }

    /// <summary>A new key of the role, made as `ballistics keys add` makes it.</summary>
    public string Key(string role, string agency, string country) => WithStore(s => s.Keys.Add(role, agency, country)).Key;

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public T WithStore<T>(Func<DataStore, T> work)
    {
        using var store = DataStore.Open(StorePath, create: true).Value;
        return work(store);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}
