using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Ballistics.Testing;

namespace Ballistics.Cli.Tests.Commands;

[TestFixture]
public sealed class ServeCommandTests
{
    [Test]
    public async Task Serve_Store_AnswersWithTheKeysOfThatStore()
    {
        using var dir = new TempDirectory();
        var store = dir.File("data");
        var (_, key, _) = InfoCommandTests.Run(["keys", "add", "--role", "admin", "--agency", "ATF", "--country", "US", "--store", store]);
        var url = $"http://127.0.0.1:{FreePort()}";
        using var child = ChildCli.Start(["serve", "--store", store, "--urls", url]);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            var up = await WaitForHealth(client, child, TimeSpan.FromSeconds(60));
            Assert.That(up, Is.True, "serve answered /v1/health");

            using var anonymous = await client.GetAsync(new Uri("/v1/audit", UriKind.Relative));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/audit");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
            using var admin = await client.SendAsync(request);

            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await admin.Content.ReadAsStringAsync(), Does.Contain("\"outcome\":\"denied\""), "the anonymous attempt was logged in that store");
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    [Test]
    public void Serve_StoreOfANewerSchema_ErrorBeforeListening()
    {
        using var dir = new TempDirectory();
        var store = dir.File("data");
        InfoCommandTests.Run(["keys", "add", "--role", "admin", "--agency", "ATF", "--country", "US", "--store", store]);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(store, "ballistics.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'from the future', '2030-01-01')";
            command.ExecuteNonQuery();
        }

        var (code, _, error) = InfoCommandTests.Run(["serve", "--store", store, "--urls", $"http://127.0.0.1:{FreePort()}"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("schema version 999"));
    }

    private static async Task<bool> WaitForHealth(HttpClient client, System.Diagnostics.Process child, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !child.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/v1/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
