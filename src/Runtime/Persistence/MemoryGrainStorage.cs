using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Actors.Runtime.Persistence;

/// <summary>
/// Keeps grain state in process memory, serialised as JSON so a grain never shares objects with the store.
/// For tests and for silos whose state may be lost on restart. Follows the full <see cref="IGrainStorage"/> ETag contract.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string Type, string Key, string State), Record> _records = new();

    private sealed record Record(byte[]? Payload, long Version);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (_records.TryGetValue(KeyOf(stateName, grainId), out var record))
        {
            grainState.ETag = Format(record.Version);
            grainState.RecordExists = record.Payload is not null;
            grainState.State = record.Payload is null ? Activator.CreateInstance<T>() : JsonSerializer.Deserialize<T>(record.Payload)!;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var version = Swap(stateName, grainId, grainState.ETag, JsonSerializer.SerializeToUtf8Bytes(grainState.State), "write");
        grainState.ETag = Format(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var version = Swap(stateName, grainId, grainState.ETag, payload: null, "clear");
        grainState.ETag = Format(version);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private long Swap(string stateName, GrainId grainId, string? etag, byte[]? payload, string operation)
    {
        var key = KeyOf(stateName, grainId);
        while (true)
        {
            if (!_records.TryGetValue(key, out var current))
            {
                if (etag is not null)
                    throw Conflict(operation, stateName, grainId, null, etag);
                if (_records.TryAdd(key, new Record(payload, 1)))
                    return 1;
                continue;
            }

            if (etag != Format(current.Version))
                throw Conflict(operation, stateName, grainId, Format(current.Version), etag);
            var next = new Record(payload, current.Version + 1);
            if (_records.TryUpdate(key, next, current))
                return next.Version;
        }
    }

    private static (string, string, string) KeyOf(string stateName, GrainId grainId) => (grainId.Type.Name, grainId.Key, stateName);

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? stored, string? held) =>
        new($"Version conflict on {operation} of state '{stateName}' of grain {grainId}: stored version is " +
            $"{stored ?? "none"}, this activation holds {held ?? "none"}.", stored, held);
}
