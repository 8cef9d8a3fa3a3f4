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

        var silo = await cluster.StartSiloAsync();

        var address = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var rows = cluster.Rows();
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Is.EqualTo(new SiloRow("127.0.0.1", address.Endpoint.Port, address.Generation, PostgresCluster.Active, rows[0].ProxyPort)));
        Assert.That(rows[0].ProxyPort, Is.GreaterThan(0), "the silo is a gateway");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task UseBallisticsPostgres_TwoSilos_SeeEachOtherActive()
    {
        await using var cluster = new PostgresCluster();

        var first = await cluster.StartSiloAsync();
        var second = await cluster.StartSiloAsync();

        var silos = new[] { first, second }.Select(s => s.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress).ToArray();
        foreach (var host in new[] { first, second })
        {
            var membership = host.Services.GetRequiredService<IClusterMembershipService>();
            var seen = await PostgresCluster.Eventually(() => silos.All(s => membership.CurrentSnapshot.GetSiloStatus(s) == SiloStatus.Active));
            Assert.That(seen, Is.True, $"{host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress} sees both silos active");
        }

        Assert.That(cluster.Rows().Select(r => r.Status), Is.EqualTo(new[] { PostgresCluster.Active, PostgresCluster.Active }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task UseBallisticsPostgres_Client_FindsTheGatewaysAndCallsAGrain()
    {
        await using var cluster = new PostgresCluster();
        var first = await cluster.StartSiloAsync();
        var second = await cluster.StartSiloAsync();

        var client = await cluster.StartClientAsync();

        var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGateways();
        var expected = new[] { first, second }.Select(s => s.Services.GetRequiredService<ILocalSiloDetails>().GatewayAddress!.Endpoint.Port);
        Assert.That(gateways.Select(g => g.Port), Is.EquivalentTo(expected));
        var silo = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IStateProbeGrain>(1).Silo();
        Assert.That(silo, Is.Not.Empty);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task UseBallisticsPostgres_SiloStopped_ItsRowIsDead()
    {
        await using var cluster = new PostgresCluster();
        var staying = await cluster.StartSiloAsync();
        var leaving = await cluster.StartSiloAsync();
        var gone = leaving.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

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
        var silo = await cluster.StartSiloAsync();
        var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateProbeGrain>(7);
        await grain.Write("breech face");
        var before = await grain.Activation();

        await grain.Deactivate();

        Assert.That(await PostgresCluster.Eventually(() => grain.Activation().Result != before), Is.True, "a new activation");
        Assert.That(await grain.Read(), Is.EqualTo("breech face"));
        using var json = JsonDocument.Parse(StoredPayload(cluster, 7)!);
        Assert.That(json.RootElement.GetProperty("Value").GetString(), Is.EqualTo("breech face"), "plain JSON in the table");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task PersistentState_WriteAfterAnotherWriter_FailsWithInconsistentStateAndKeepsTheirs()
    {
        await using var cluster = new PostgresCluster();
        var silo = await cluster.StartSiloAsync();
        var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateProbeGrain>(8);
        await grain.Write("first");
        TestSql.Execute(cluster.ConnectionString, $"UPDATE orleans_grain_state SET payload = convert_to('{{\"Value\":\"theirs\"}}', 'UTF8'), version = version + 1");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("second"));

        using var json = JsonDocument.Parse(StoredPayload(cluster, 8)!);
        Assert.That(json.RootElement.GetProperty("Value").GetString(), Is.EqualTo("theirs"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task GrainStorage_FirstWriteWhereAStateExists_FailsWithInconsistentState()
    {
        await using var cluster = new PostgresCluster();
        var silo = await cluster.StartSiloAsync();
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ClusterStorage.JobsStorage);
        var id = GrainId.Create("probe", "9");
        var one = new GrainState<ProbeState>(new ProbeState { Value = "one" });
        await storage.WriteStateAsync(StateProbeGrain.StateName, id, one);

        var other = new GrainState<ProbeState>(new ProbeState { Value = "other" });

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateProbeGrain.StateName, id, other));
        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateProbeGrain.StateName, id, read);
        Assert.That((read.State?.Value, read.ETag, read.RecordExists), Is.EqualTo(("one", one.ETag, true)));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task GrainStorage_Cleared_ReadsNoRecordAndWritesOnFromTheNewETag()
    {
        await using var cluster = new PostgresCluster();
        var silo = await cluster.StartSiloAsync();
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ClusterStorage.JobsStorage);
        var id = GrainId.Create("probe", "10");
        var state = new GrainState<ProbeState>(new ProbeState { Value = "one" });
        await storage.WriteStateAsync(StateProbeGrain.StateName, id, state);
        var written = state.ETag;

        await storage.ClearStateAsync(StateProbeGrain.StateName, id, state);

        Assert.That(state.ETag, Is.Not.EqualTo(written).And.Not.Null);
        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateProbeGrain.StateName, id, read);
        Assert.That((read.State?.Value, read.ETag, read.RecordExists), Is.EqualTo(((string?)null, state.ETag, false)));
        state.State = new ProbeState { Value = "two" };
        await storage.WriteStateAsync(StateProbeGrain.StateName, id, state);
        await storage.ReadStateAsync(StateProbeGrain.StateName, id, read);
        Assert.That(read.State?.Value, Is.EqualTo("two"));
    }

    private static string? StoredPayload(PostgresCluster cluster, long key) => TestSql.Scalar(
        cluster.ConnectionString,
        $"SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE state_name = '{StateProbeGrain.StateName}' AND grain_id_n1 = {key}") as string;
}
