using System.Globalization;
using System.Text.Json;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Storage.Sqlite;

/// <summary>Grain state in the embedded SQLite file (<c>actors_grain_state</c>), with the same keys and ETag rules as
/// <see cref="Postgres.PostgresGrainStorage"/>.</summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string KeyMatch = "service_id = $service and grain_type = $type and grain_key = $key and state_name = $state";
    private readonly SqliteStore _store;
    private readonly string _serviceId;
    private readonly TimeProvider _time;
    private readonly StorageRetry _retry;

    /// <summary>Creates the provider over <paramref name="store"/>, for the rows of the configured service id.</summary>
    public SqliteGrainStorage(SqliteStore store, IOptions<SiloOptions> silo, ILogger<SqliteGrainStorage> logger,
        IOptions<StorageOptions>? storage = null, TimeProvider? time = null)
    {
        _store = store;
        _serviceId = silo.Value.ServiceId;
        _time = time ?? TimeProvider.System;
        _retry = new StorageRetry("SQLite", SqliteErrors.IsTransient, storage?.Value, _time, logger);
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        _retry.ReadAsync($"reading state '{stateName}' of grain {grainId}", async ct =>
        {
            await using var connection = await _store.OpenConnectionAsync(ct);
            await using var command = Command(connection, $"select payload, version from actors_grain_state where {KeyMatch}", stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var found = await reader.ReadAsync(ct);
            var exists = found && !reader.IsDBNull(0);
            grainState.State = exists ? JsonSerializer.Deserialize<T>(reader.GetString(0))! : Activator.CreateInstance<T>();
            grainState.ETag = found ? reader.GetInt64(1).ToString(CultureInfo.InvariantCulture) : null;
            grainState.RecordExists = exists;
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        grainState.ETag = await SwapAsync(stateName, grainId, grainState.ETag, JsonSerializer.Serialize(grainState.State), "writing", cancellationToken);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        grainState.ETag = await SwapAsync(stateName, grainId, grainState.ETag, payload: null, "clearing", cancellationToken);
        grainState.RecordExists = false;
    }

    private Task<string> SwapAsync(string stateName, GrainId grainId, string? etag, string? payload, string verb, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync($"{verb} state '{stateName}' of grain {grainId}", async ct =>
        {
            await using var connection = await _store.OpenConnectionAsync(ct);
            var sql = etag is null
                ? "insert into actors_grain_state (service_id, grain_type, grain_key, state_name, payload, version, modified_at) " +
                  "values ($service, $type, $key, $state, $payload, 1, $now) on conflict do nothing returning version"
                : $"update actors_grain_state set payload = $payload, version = version + 1, modified_at = $now where {KeyMatch} and version = $version returning version";
            await using var command = Command(connection, sql, stateName, grainId);
            command.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
            if (etag is not null)
                command.Parameters.AddWithValue("$version", long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1);
            if (await command.ExecuteScalarAsync(ct) is long version)
                return version.ToString(CultureInfo.InvariantCulture);

            await using var current = Command(connection, $"select version from actors_grain_state where {KeyMatch}", stateName, grainId);
            var stored = await current.ExecuteScalarAsync(ct) is long s ? s.ToString(CultureInfo.InvariantCulture) : null;
            throw new InconsistentStateException(
                $"Version conflict {verb} state '{stateName}' of grain {grainId}: stored version is {stored ?? "none"}, " +
                $"this activation holds {etag ?? "none"}. Nothing was written.", stored, etag);
        }, cancellationToken);

    private SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$type", grainId.Type.Name);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$state", stateName);
        return command;
    }
}
