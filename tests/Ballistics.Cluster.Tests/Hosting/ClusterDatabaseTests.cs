using Ballistics.Cluster.Hosting;
using Ballistics.Testing;
using Npgsql;

namespace Ballistics.Cluster.Tests.Hosting;

/// <summary>The schema and the providers' queries <see cref="ClusterDatabase.EnsureSchema"/> installs.</summary>
[TestFixture]
public sealed class ClusterDatabaseTests
{
    /// <summary>Every key the 10.4.2 providers read: clustering's ten (one optional), persistence's read, write and clear.</summary>
    internal static readonly string[] ProviderKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
        "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
    ];

    [Test]
    public void EnsureSchema_Twice_LeavesOneCopyOfEachQuery()
    {
        var database = PostgresTestServer.CreateDatabase();

        ClusterDatabase.EnsureSchema(database);
        ClusterDatabase.EnsureSchema(database);

        Assert.That(Queries(database).Keys, Is.EquivalentTo(ProviderKeys));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task EnsureSchema_TwiceConcurrently_LeavesOneCopyOfEachQuery()
    {
        var database = PostgresTestServer.CreateDatabase();
        using var start = new Barrier(2);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            ClusterDatabase.EnsureSchema(database);
        })));

        Assert.That(Queries(database).Keys, Is.EquivalentTo(ProviderKeys));
    }

    [Test]
    public void EnsureSchema_OverAnOlderBuildsQueries_WritesItsOwn()
    {
        var database = PostgresTestServer.CreateDatabase();
        ClusterDatabase.EnsureSchema(database);
        var installed = Queries(database);
        TestSql.Execute(database, "UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'WriteToStorageKey'");

        ClusterDatabase.EnsureSchema(database);

        Assert.That(Queries(database), Is.EqualTo(installed));
    }

    [Test]
    public void EnsureSchema_Again_KeepsTheRows()
    {
        var database = PostgresTestServer.CreateDatabase();
        ClusterDatabase.EnsureSchema(database);
        TestSql.Execute(database, "INSERT INTO orleans_membership_version (deployment_id, version) VALUES ('kept', 41)");

        ClusterDatabase.EnsureSchema(database);

        Assert.That(TestSql.Scalar(database, "SELECT version FROM orleans_membership_version WHERE deployment_id = 'kept'"), Is.EqualTo(41));
    }

    internal static Dictionary<string, string> Queries(string database)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        using var reader = command.ExecuteReader();
        var queries = new Dictionary<string, string>();
        while (reader.Read())
        {
            queries.Add(reader.GetString(0), reader.GetString(1));
        }

        return queries;
    }
}
