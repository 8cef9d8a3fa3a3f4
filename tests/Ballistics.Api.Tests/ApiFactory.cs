using System.Net.Http.Headers;
using System.Text.Json;
using Ballistics.Store;
using Ballistics.Store.Access;
using Ballistics.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ballistics.Api.Tests;

/// <summary>The API over a fresh store of its own in a temporary folder, with keys made as `ballistics keys add` makes them.</summary>
internal sealed class ApiFactory(int requestsPerMinute = ApiHost.DefaultRequestsPerMinute, bool crossBorder = true, TempDirectory? folder = null, long maxRequestBytes = ApiHost.DefaultMaxRequestBytes) : WebApplicationFactory<Program>
{
    // A folder given by the test outlives this server (a restart is a second factory over it); the test disposes it.
    private readonly TempDirectory _dir = folder ?? new();

    public string StorePath => _dir.File("data");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ApiHost.StoreSetting, StorePath);
        builder.UseSetting("RateLimit:PerMinute", requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Sharing:CrossBorder", crossBorder ? "true" : "false");
        builder.UseSetting("Limits:MaxRequestBytes", maxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Work on the store through a connection of its own, as the CLI beside a running server would.</summary>
    public T WithStore<T>(Func<DataStore, T> work)
    {
        using var store = DataStore.Open(StorePath, create: true).Value;
        return work(store);
    }

    public NewApiKey Key(string role, string agency = "ATF", string country = "US") => WithStore(s => s.Keys.Add(role, agency, country));

    /// <summary>A client sending a new key of <paramref name="role"/>.</summary>
    public HttpClient Client(string role, string agency = "ATF", string country = "US") => KeyClient(Key(role, agency, country).Key);

    public HttpClient KeyClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public IReadOnlyList<AuditEntry> Audit() => WithStore(s => s.Audit.Read());

    /// <summary>The API's JSON: snake_case names, as the CLI writes them.</summary>
    public static JsonSerializerOptions Json { get; } = ApiJson.Client();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (folder is null)
        {
            _dir.Dispose();
        }
    }
}
