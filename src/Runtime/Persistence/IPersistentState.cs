namespace Actors.Runtime;

/// <summary>
/// A named piece of grain state kept by a storage provider, injected into a grain constructor with
/// <see cref="PersistentStateAttribute"/>. The runtime reads it before <c>OnActivateAsync</c>.
/// Writes are compare-and-swap on <see cref="Etag"/>: if someone else wrote since this activation last read or
/// wrote, <see cref="WriteStateAsync"/> and <see cref="ClearStateAsync"/> throw <see cref="InconsistentStateException"/>
/// and store nothing; if that exception escapes a grain method, the activation is deactivated so the next call
/// reads fresh state.
/// </summary>
/// <typeparam name="TState">The state type; serialised as JSON by the providers.</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The current state (a new <typeparamref name="TState"/> when nothing is stored).</summary>
    TState State { get; set; }

    /// <summary>The stored version this activation last saw; null when it has seen none.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the stored state, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/> if the stored version is still <see cref="Etag"/>.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored state if the stored version is still <see cref="Etag"/>, and resets <see cref="State"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>.</summary>
/// <param name="stateName">The state's name, part of its storage key; unique within the grain type.</param>
/// <param name="storageName">The storage provider's name; <see cref="PersistentStateAttribute.DefaultStorage"/> if omitted.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = PersistentStateAttribute.DefaultStorage) : Attribute
{
    /// <summary>The name of the provider used when none is given.</summary>
    public const string DefaultStorage = "Default";

    /// <summary>The state's name.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name.</summary>
    public string StorageName { get; } = storageName;
}

/// <summary>
/// Thrown when a write or clear finds a stored version other than the one the caller holds: another activation
/// (or writer) changed the state. Nothing was stored.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, string? storedEtag = null, string? currentEtag = null)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The version in storage, if known.</summary>
    public string? StoredEtag { get; }

    /// <summary>The version the writer held.</summary>
    public string? CurrentEtag { get; }
}
