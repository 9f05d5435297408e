namespace Actors.Runtime.Persistence;

/// <summary>The state record a storage provider reads into and writes from.</summary>
/// <typeparam name="TState">The state type.</typeparam>
public interface IGrainState<TState>
{
    /// <summary>The state value.</summary>
    TState State { get; set; }

    /// <summary>The version last read or written; null when none.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; set; }
}

/// <summary>
/// A grain state storage provider. Rows are keyed by (grain type, grain key, state name) — the grain type is part
/// of the key, so two grain types with the same key and state name never share a row.
/// <para>Contract, for every implementation:</para>
/// <list type="bullet">
/// <item><see cref="ReadStateAsync{T}"/> fills State (or a default when absent), ETag (null when never written) and RecordExists.</item>
/// <item><see cref="WriteStateAsync{T}"/> stores State only if the stored version equals ETag (null ETag: only if no
/// version exists yet), then sets ETag to the new version and RecordExists to true. Otherwise it throws
/// <see cref="InconsistentStateException"/> and stores nothing. Two writers racing from the same ETag: exactly one wins.</item>
/// <item><see cref="ClearStateAsync{T}"/> removes the state under the same rule; afterwards RecordExists is false and ETag
/// is the version of the removal, so a later write from this holder succeeds and one from a stale holder fails.</item>
/// <item>Failures other than a version conflict throw other exceptions and also store nothing.</item>
/// </list>
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state of <paramref name="grainId"/> named <paramref name="stateName"/>.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>Writes the state if the stored version still equals <see cref="IGrainState{T}.ETag"/>.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>Removes the state if the stored version still equals <see cref="IGrainState{T}.ETag"/>.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);
}
