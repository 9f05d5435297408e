namespace Actors.Runtime.Persistence;

/// <summary>Loads a persistent state before the grain's <c>OnActivateAsync</c>.</summary>
internal interface IActivationStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

/// <summary>The <see cref="IPersistentState{TState}"/> handed to a grain: a state record bound to one provider and key.</summary>
internal sealed class PersistentState<TState>(string stateName, GrainId grainId, IGrainStorage storage)
    : IPersistentState<TState>, IGrainState<TState>, IActivationStateLoader
{
    public TState State { get; set; } = Activator.CreateInstance<TState>();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    string? IGrainState<TState>.ETag { get => Etag; set => Etag = value; }

    bool IGrainState<TState>.RecordExists { get => RecordExists; set => RecordExists = value; }

    public Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        storage.ReadStateAsync(stateName, grainId, this, cancellationToken);

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        storage.WriteStateAsync(stateName, grainId, this, cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearStateAsync(stateName, grainId, this, cancellationToken);
        State = Activator.CreateInstance<TState>();
    }
}
