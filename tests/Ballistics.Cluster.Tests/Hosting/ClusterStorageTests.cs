using System.Text.Json;
using Ballistics.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Storage;

namespace Ballistics.Cluster.Tests.Hosting;

/// <summary>Silos and clients configured with <see cref="ClusterStorage"/>, each cluster in a PostgreSQL database of its own.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ClusterStorageTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task UseBallisticsPostgres_SiloStartsOnAnEmptyDatabase_ItsRowIsActive()
    {
        await using var cluster = new PostgresCluster();

        var silo = (await cluster.StartSilosAsync(1))[0].Silo();

        var rows = cluster.Rows();
        Assert.That(rows, Is.EqualTo(new[] { new SiloRow("127.0.0.1", silo.SiloAddress.Endpoint.Port, silo.SiloAddress.Generation, PostgresCluster.Active, silo.GatewayAddress!.Endpoint.Port) }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task UseBallisticsPostgres_TwoSilos_SeeEachOtherActive()
    {
        await using var cluster = new PostgresCluster();

        var hosts = await cluster.StartSilosAsync(2);

        var silos = hosts.Select(h => h.Silo().SiloAddress).ToArray();
        foreach (var host in hosts)
        {
            var membership = host.Services.GetRequiredService<IClusterMembershipService>();
            var seen = await PostgresCluster.Eventually(() => silos.All(s => membership.CurrentSnapshot.GetSiloStatus(s) == SiloStatus.Active));
            Assert.That(seen, Is.True, $"{host.Silo().SiloAddress} sees both silos active");
        }

        Assert.That(cluster.Rows().Select(r => r.Status), Is.EqualTo(new[] { PostgresCluster.Active, PostgresCluster.Active }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task UseBallisticsPostgres_Client_FindsTheGatewaysAndCallsAGrain()
    {
        await using var cluster = new PostgresCluster();
        var silos = (await cluster.StartSilosAsync(2)).Select(h => h.Silo()).ToArray();

        var client = await cluster.StartClientAsync();

        var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGateways();
        Assert.That(gateways.Select(g => g.Port), Is.EquivalentTo(silos.Select(s => s.GatewayAddress!.Endpoint.Port)));
        var answeredBy = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IStateProbeGrain>(1).Silo();
        Assert.That(answeredBy, Is.AnyOf(silos.Select(s => s.SiloAddress.ToString()).ToArray()));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task UseBallisticsPostgres_SiloStopped_ItsRowIsDead()
    {
        await using var cluster = new PostgresCluster();
        var hosts = await cluster.StartSilosAsync(2);
        var (staying, leaving) = (hosts[0], hosts[1]);
        var gone = leaving.Silo().SiloAddress;

        await cluster.StopAsync(leaving);

        var rows = cluster.Rows().ToDictionary(r => r.Port, r => r.Status);
        Assert.That(rows[gone.Endpoint.Port], Is.EqualTo(PostgresCluster.Dead), "a silo that shuts down writes itself dead");
        var membership = staying.Services.GetRequiredService<IClusterMembershipService>();
        Assert.That(await PostgresCluster.Eventually(() => membership.CurrentSnapshot.GetSiloStatus(gone) == SiloStatus.Dead), Is.True, "the other silo hears of it");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task PersistentState_AfterDeactivation_NextActivationReadsItBack()
    {
        await using var cluster = new PostgresCluster();
        var grain = await WrittenProbeAsync(cluster, 7, "breech face");
        var before = await grain.Activation();

        await grain.Deactivate();

        Assert.That(await PostgresCluster.Eventually(() => grain.Activation().Result != before), Is.True, "a new activation");
        Assert.That(await grain.Read(), Is.EqualTo("breech face"));
        Assert.That(StoredValue(cluster, 7), Is.EqualTo("breech face"), "plain JSON in the table");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task PersistentState_WriteAfterAnotherWriter_FailsWithInconsistentStateAndKeepsTheirs()
    {
        await using var cluster = new PostgresCluster();
        var grain = await WrittenProbeAsync(cluster, 8, "first");
        TestSql.Execute(cluster.ConnectionString, $"UPDATE orleans_grain_state SET payload = convert_to('{{\"Value\":\"theirs\"}}', 'UTF8'), version = version + 1");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("second"));

        Assert.That(StoredValue(cluster, 8), Is.EqualTo("theirs"));
    }

    // A key with an extension and one without: the table holds the two kinds under different unique indexes.
    private static readonly GrainId[] Keys =
    [
        GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "nine")),
        GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateIntegerKey(9)),
    ];

    [TestCaseSource(nameof(Keys))]
    [CancelAfter(120_000)]
    public async Task GrainStorage_FirstWriteWhereAStateExists_FailsWithInconsistentState(GrainId id)
    {
        await using var cluster = new PostgresCluster();
        var storage = await StartStorageAsync(cluster);
        var one = await WriteNewAsync(storage, id, "one");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteNewAsync(storage, id, "other"));

        var read = await ReadAsync(storage, id);
        Assert.That((read.State?.Value, read.ETag, read.RecordExists), Is.EqualTo(("one", one.ETag, true)));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task GrainStorage_Cleared_ReadsNoRecordAndWritesOnFromTheNewETag()
    {
        await using var cluster = new PostgresCluster();
        var storage = await StartStorageAsync(cluster);
        var id = GrainId.Create("probe", "ten");
        var state = await WriteNewAsync(storage, id, "one");
        var written = state.ETag;

        await storage.ClearStateAsync(StateProbeGrain.StateName, id, state);

        Assert.That(state.ETag, Is.Not.EqualTo(written).And.Not.Null);
        var cleared = await ReadAsync(storage, id);
        Assert.That((cleared.State?.Value, cleared.ETag, cleared.RecordExists), Is.EqualTo(((string?)null, state.ETag, false)));
        state.State = new ProbeState { Value = "two" };
        await storage.WriteStateAsync(StateProbeGrain.StateName, id, state);
        Assert.That((await ReadAsync(storage, id)).State?.Value, Is.EqualTo("two"));
    }

    private static async Task<IGrainStorage> StartStorageAsync(PostgresCluster cluster) =>
        (await cluster.StartSiloAsync()).Services.GetRequiredKeyedService<IGrainStorage>(ClusterStorage.JobsStorage);

    // A state no activation has read: no ETag, so a first write.
    private static async Task<GrainState<ProbeState>> WriteNewAsync(IGrainStorage storage, GrainId id, string value)
    {
        var state = new GrainState<ProbeState>(new ProbeState { Value = value });
        await storage.WriteStateAsync(StateProbeGrain.StateName, id, state);
        return state;
    }

    private static async Task<GrainState<ProbeState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateProbeGrain.StateName, id, read);
        return read;
    }

    // A probe grain on a new silo, its state written once.
    private static async Task<IStateProbeGrain> WrittenProbeAsync(PostgresCluster cluster, long key, string value)
    {
        var silo = await cluster.StartSiloAsync();
        var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateProbeGrain>(key);
        await grain.Write(value);
        return grain;
    }

    // The probe's value as the table holds it: its payload read as JSON, as an administrator would.
    private static string? StoredValue(PostgresCluster cluster, long key)
    {
        var payload = (string)TestSql.Scalar(
            cluster.ConnectionString,
            $"SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE state_name = '{StateProbeGrain.StateName}' AND grain_id_n1 = {key}")!;
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("Value").GetString();
    }
}
