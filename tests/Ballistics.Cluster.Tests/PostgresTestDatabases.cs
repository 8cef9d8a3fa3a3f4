using Ballistics.Testing;

namespace Ballistics.Cluster.Tests;

/// <summary>Drops the PostgreSQL databases this assembly's tests made (<see cref="PostgresTestServer"/>).</summary>
[SetUpFixture]
public sealed class PostgresTestDatabases
{
    [OneTimeTearDown]
    public void DropAll() => PostgresTestServer.DropAll();
}
