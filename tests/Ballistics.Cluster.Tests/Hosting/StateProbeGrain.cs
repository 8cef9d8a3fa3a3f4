using Ballistics.Cluster.Hosting;

namespace Ballistics.Cluster.Tests.Hosting;

/// <summary>A test grain with one persistent state in <see cref="ClusterStorage.JobsStorage"/>.</summary>
public interface IStateProbeGrain : IGrainWithIntegerKey
{
    Task<string?> Read();

    Task Write(string value);

    /// <summary>Which activation answered: a new one after <see cref="Deactivate"/>.</summary>
    Task<Guid> Activation();

    /// <summary>The silo the grain lives on.</summary>
    Task<string> Silo();

    Task Deactivate();
}

/// <summary>The probe's state, as System.Text.Json stores it: plain properties, no Orleans serializer ids.</summary>
public sealed class ProbeState
{
    public string? Value { get; set; }

    public int Writes { get; set; }
}

internal sealed class StateProbeGrain([PersistentState(StateProbeGrain.StateName, ClusterStorage.JobsStorage)] IPersistentState<ProbeState> state)
    : Grain, IStateProbeGrain
{
    public const string StateName = "probe";

    private readonly Guid _activation = Guid.NewGuid();

    public Task<string?> Read() => Task.FromResult(state.State.Value);

    public async Task Write(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
    }

    public Task<Guid> Activation() => Task.FromResult(_activation);

    public Task<string> Silo() => Task.FromResult(RuntimeIdentity);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
