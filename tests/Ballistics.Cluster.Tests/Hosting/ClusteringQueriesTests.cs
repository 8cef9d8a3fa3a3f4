using System.Net;
using Ballistics.Cluster.Hosting;
using Ballistics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Ballistics.Cluster.Tests.Hosting;

/// <summary>
/// The clustering queries of orleans-postgres.sql, through Orleans' own provider classes called as a silo and a client
/// call them: the table version is the optimistic lock of every change (a write from a version read before the last
/// change writes nothing), heartbeats leave it alone, cleanup takes only dead silos, clients see active gateways.
/// </summary>
[TestFixture]
public sealed class ClusteringQueriesTests
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddDays(-30);

    private string _database = "";

    [SetUp]
    public void CreateDatabase()
    {
        _database = PostgresTestServer.CreateDatabase();
        ClusterDatabase.EnsureSchema(_database);
    }

    [Test]
    public async Task InitializeMembershipTable_Twice_OneClusterAtVersionZero()
    {
        await Table("c");
        var table = await Table("c");

        var read = await table.ReadAllAsync();

        Assert.That((read.Members.Count, read.Version.Version), Is.EqualTo((0, 0)));
        Assert.That(TestSql.Scalar(_database, "SELECT count(*) FROM orleans_membership_version"), Is.EqualTo(1L));
    }

    [Test]
    public async Task InsertRow_AtTheVersionRead_AddsTheSiloAndMovesTheVersion()
    {
        var table = await Table("c");
        var silo = Entry(1000);

        var added = await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());

        var read = await table.ReadAllAsync();
        Assert.That(added, Is.True);
        Assert.That(read.Version.Version, Is.EqualTo(1));
        Assert.That(read.Members.Select(m => (m.Item1.SiloAddress, m.Item1.SiloName, m.Item1.HostName, m.Item1.Status, m.Item1.ProxyPort)),
            Is.EqualTo(new[] { (silo.SiloAddress, silo.SiloName, silo.HostName, silo.Status, silo.ProxyPort) }));
        Assert.That(read.Members[0].Item2, Is.EqualTo(read.Version.VersionEtag), "a row's ETag is the table's version");
    }

    [Test]
    public async Task InsertRow_AtAStaleVersion_AddsNothing()
    {
        var table = await Table("c");
        var stale = (await table.ReadAllAsync()).Version.Next();
        await table.InsertRowAsync(Entry(1000), stale);

        var added = await table.InsertRowAsync(Entry(2000), stale);

        var read = await table.ReadAllAsync();
        Assert.That(added, Is.False);
        Assert.That(read.Members.Select(m => m.Item1.SiloAddress.Endpoint.Port), Is.EqualTo(new[] { 1000 }));
        Assert.That(read.Version.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task InsertRow_ASiloAlreadyThere_FailsAndKeepsTheVersion()
    {
        var table = await Table("c");
        var silo = Entry(1000);
        await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());

        var again = await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());

        Assert.That(again, Is.False);
        Assert.That((await table.ReadAllAsync()).Version.Version, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task InsertRow_SilosRacingFromOneVersion_OnlyOneGetsIn()
    {
        var tables = new[] { await Table("c"), await Table("c"), await Table("c") };
        for (var round = 0; round < 10; round++)
        {
            var version = (await tables[0].ReadAllAsync()).Version.Next();

            var added = await Task.WhenAll(tables.Select((t, i) => Task.Run(() => t.InsertRowAsync(Entry(1000 + (round * 10) + i), version))));

            Assert.That(added.Count(a => a), Is.EqualTo(1), $"round {round}");
        }

        var read = await tables[0].ReadAllAsync();
        Assert.That((read.Members.Count, read.Version.Version), Is.EqualTo((10, 10)));
    }

    [Test]
    public async Task UpdateRow_AtTheVersionRead_WritesStatusVotesAndHeartbeat()
    {
        var table = await Table("c");
        var silo = Entry(1000);
        await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());
        var (entry, etag) = (await table.ReadRowAsync(silo.SiloAddress)).Members[0];
        var voter = Entry(2000).SiloAddress;
        var vote = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(voter, vote)];
        entry.IAmAliveTime = vote;

        var changed = await table.UpdateRowAsync(entry, etag, (await table.ReadAllAsync()).Version.Next());

        var read = await table.ReadRowAsync(silo.SiloAddress);
        var stored = read.Members.Single().Item1;
        Assert.That(changed, Is.True);
        Assert.That(read.Version.Version, Is.EqualTo(2));
        Assert.That((stored.Status, stored.IAmAliveTime), Is.EqualTo((SiloStatus.Active, vote)));
        Assert.That(stored.SuspectTimes, Is.EqualTo(new[] { Tuple.Create(voter, vote) }));
    }

    [Test]
    public async Task UpdateRow_AtAStaleVersion_ChangesNothing()
    {
        var table = await Table("c");
        var silo = Entry(1000);
        await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());
        var stale = await table.ReadRowAsync(silo.SiloAddress);
        var (entry, etag) = stale.Members[0];
        entry.Status = SiloStatus.Active;
        await table.UpdateRowAsync(entry, etag, stale.Version.Next());

        entry.Status = SiloStatus.Dead;
        var changed = await table.UpdateRowAsync(entry, etag, stale.Version.Next());

        var read = await table.ReadRowAsync(silo.SiloAddress);
        Assert.That(changed, Is.False);
        Assert.That((read.Members.Single().Item1.Status, read.Version.Version), Is.EqualTo((SiloStatus.Active, 2)));
    }

    [Test]
    public async Task UpdateRow_ASiloNotInTheTable_FailsAndKeepsTheVersion()
    {
        var table = await Table("c");
        var version = (await table.ReadAllAsync()).Version;

        var changed = await table.UpdateRowAsync(Entry(1000), version.VersionEtag, version.Next());

        Assert.That(changed, Is.False);
        Assert.That((await table.ReadAllAsync()).Version.Version, Is.EqualTo(0));
    }

    [Test]
    public async Task UpdateIAmAlive_MovesTheHeartbeatNotTheVersion()
    {
        var table = await Table("c");
        var silo = Entry(1000);
        await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());
        silo.IAmAliveTime = new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        await table.UpdateIAmAliveAsync(silo);

        var read = await table.ReadRowAsync(silo.SiloAddress);
        Assert.That((read.Members.Single().Item1.IAmAliveTime, read.Version.Version), Is.EqualTo((silo.IAmAliveTime, 1)));
    }

    [Test]
    public async Task ReadRow_ASiloNotInTheTable_NoMemberButTheVersion()
    {
        var table = await Table("c");
        await table.InsertRowAsync(Entry(1000), (await table.ReadAllAsync()).Version.Next());

        var read = await table.ReadRowAsync(Entry(2000).SiloAddress);

        Assert.That((read.Members.Count, read.Version.Version), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyDeadSilosUnheardOfSinceTheCutoff()
    {
        var table = await Table("c");
        await Insert(table, Entry(1000, SiloStatus.Dead, aliveAt: LongAgo));
        await Insert(table, Entry(2000, SiloStatus.Active, aliveAt: LongAgo));
        await Insert(table, Entry(3000, SiloStatus.Dead, aliveAt: DateTime.UtcNow));
        var dead = Entry(4000, SiloStatus.Dead, aliveAt: LongAgo);
        await Insert(table, dead);
        var (voted, etag) = (await table.ReadRowAsync(dead.SiloAddress)).Members[0];
        voted.SuspectTimes = [Tuple.Create(Entry(1000).SiloAddress, LongAgo)];
        await table.UpdateRowAsync(voted, etag, (await table.ReadAllAsync()).Version.Next());

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var ports = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port);
        Assert.That(ports, Is.EquivalentTo(new[] { 2000, 3000 }), "active, or dead but heard of lately");
    }

    [Test]
    public async Task DeleteMembershipTableEntries_RemovesThatClusterOnly()
    {
        var gone = await Table("gone");
        var kept = await Table("kept");
        await Insert(gone, Entry(1000));
        await Insert(kept, Entry(1000));

        await gone.DeleteMembershipTableEntriesAsync("gone");

        Assert.That(TestSql.Scalar(_database, "SELECT count(*) FROM orleans_membership WHERE deployment_id = 'gone'"), Is.EqualTo(0L));
        Assert.That(TestSql.Scalar(_database, "SELECT count(*) FROM orleans_membership_version WHERE deployment_id = 'gone'"), Is.EqualTo(0L));
        Assert.That((await kept.ReadAllAsync()).Members, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetGateways_ActiveSilosWithAGatewayOnly()
    {
        var table = await Table("c");
        await Insert(table, Entry(1000, SiloStatus.Active));
        await Insert(table, Entry(2000, SiloStatus.Joining));
        var noGateway = Entry(3000, SiloStatus.Active);
        noGateway.ProxyPort = 0;
        await Insert(table, noGateway);
        await Insert(table, Entry(4000, SiloStatus.Dead));
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = ClusterDatabase.Invariant, ConnectionString = _database }),
            Options.Create(new GatewayOptions()),
            Cluster("c"));
        await gateways.InitializeGatewayListProvider();

        var listed = await gateways.GetGateways();

        Assert.That(listed.Select(g => g.Port), Is.EqualTo(new[] { 1001 }));
    }

    private async Task<AdoNetClusteringTable> Table(string clusterId)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Cluster(clusterId),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = ClusterDatabase.Invariant, ConnectionString = _database }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(true);
        return table;
    }

    private static IOptions<ClusterOptions> Cluster(string clusterId) => Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "test" });

    private static async Task Insert(AdoNetClusteringTable table, MembershipEntry entry) =>
        Assert.That(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()), Is.True);

    // Port p's gateway is p + 1. Times in whole milliseconds: PostgreSQL keeps microseconds, .NET ticks are finer.
    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining, DateTime? aliveAt = null)
    {
        var now = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 17),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = port + 1,
            StartTime = aliveAt ?? now,
            IAmAliveTime = aliveAt ?? now,
        };
    }
}
