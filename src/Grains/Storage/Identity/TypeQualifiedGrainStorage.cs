using System.Text;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Grains.Storage.Identity;

/// <summary>
/// Puts the grain type into the identity under which Orleans' ADO.NET grain storage keeps a state, and keeps string
/// keys exact. The provider keys rows by (service, state name, key) without the grain type, and reads a string key
/// that looks like a hexadecimal number (<c>"ff"</c>, <c>"020235"</c>, <c>"ff+x"</c>) or a GUID as that number or GUID,
/// so two grains could share a row. This decorator forwards every call with the state name
/// <c>"{grain type}/{state name}"</c> and the grain's key prefixed with <see cref="KeyPrefix"/> (a key that no longer
/// parses as a number or GUID, so the provider stores it verbatim).
/// </summary>
public sealed class TypeQualifiedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    /// <summary>Prepended to every grain key before it reaches the provider. Its first character is not a
    /// hexadecimal digit, so the key is never parsed as an integer or GUID key.</summary>
    public const string KeyPrefix = "key:";

    private static readonly byte[] KeyPrefixBytes = Encoding.UTF8.GetBytes(KeyPrefix);

    /// <summary>The state name the provider sees for <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    public static string QualifiedStateName(string stateName, GrainId grainId) => $"{grainId.Type}/{stateName}";

    /// <summary>The grain id the provider sees for <paramref name="grainId"/>: the same type, the key prefixed.</summary>
    public static GrainId StorageGrainId(GrainId grainId)
    {
        var key = grainId.Key.AsSpan();
        var prefixed = new byte[KeyPrefixBytes.Length + key.Length];
        KeyPrefixBytes.CopyTo(prefixed, 0);
        key.CopyTo(prefixed.AsSpan(KeyPrefixBytes.Length));
        return GrainId.Create(grainId.Type, new IdSpan(prefixed));
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(QualifiedStateName(stateName, grainId), StorageGrainId(grainId), grainState);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(QualifiedStateName(stateName, grainId), StorageGrainId(grainId), grainState, cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(QualifiedStateName(stateName, grainId), StorageGrainId(grainId), grainState);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(QualifiedStateName(stateName, grainId), StorageGrainId(grainId), grainState, cancellationToken);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(QualifiedStateName(stateName, grainId), StorageGrainId(grainId), grainState);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(QualifiedStateName(stateName, grainId), StorageGrainId(grainId), grainState, cancellationToken);
}
