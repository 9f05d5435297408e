using System.Globalization;
using System.Text.Json;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Runtime.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL (<c>actors_grain_state</c>, see <c>Migrations/0001_initial.sql</c> for the concurrency
/// argument): JSON payloads in <c>jsonb</c>, an integer version as the ETag, compare-and-swap writes. Reads retry
/// transient failures; writes run once and report failure as <see cref="StorageException"/>, never as success.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private const string KeyMatch = "service_id = @service and grain_type = @type and grain_key = @key and state_name = @state";
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly StorageRetry _retry;

    /// <summary>Creates the provider over <paramref name="dataSource"/>, for the rows of the configured service id.</summary>
    public PostgresGrainStorage(NpgsqlDataSource dataSource, IOptions<SiloOptions> silo, ILogger<PostgresGrainStorage> logger,
        IOptions<StorageOptions>? storage = null, TimeProvider? time = null)
    {
        _dataSource = dataSource;
        _serviceId = silo.Value.ServiceId;
        _retry = new StorageRetry("PostgreSQL", PostgresErrors.IsTransient, storage?.Value, time, logger);
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        _retry.ReadAsync($"reading state '{stateName}' of grain {grainId}", async ct =>
        {
            await using var command = Command($"select payload, version from actors_grain_state where {KeyMatch}", stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var exists = !reader.IsDBNull(0);
                grainState.State = exists ? JsonSerializer.Deserialize<T>(reader.GetString(0))! : Activator.CreateInstance<T>();
                grainState.ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
                grainState.RecordExists = exists;
            }
            else
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var version = await SwapAsync(stateName, grainId, grainState.ETag, JsonSerializer.Serialize(grainState.State), "writing", cancellationToken);
        grainState.ETag = version;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var version = await SwapAsync(stateName, grainId, grainState.ETag, payload: null, "clearing", cancellationToken);
        grainState.ETag = version;
        grainState.RecordExists = false;
    }

    private Task<string> SwapAsync(string stateName, GrainId grainId, string? etag, string? payload, string verb, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync($"{verb} state '{stateName}' of grain {grainId}", async ct =>
        {
            var sql = etag is null
                ? "insert into actors_grain_state (service_id, grain_type, grain_key, state_name, payload, version) " +
                  "values (@service, @type, @key, @state, @payload, 1) on conflict do nothing returning version"
                : $"update actors_grain_state set payload = @payload, version = version + 1, modified_at = now() where {KeyMatch} and version = @version returning version";
            await using var command = Command(sql, stateName, grainId);
            command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = (object?)payload ?? DBNull.Value });
            if (etag is not null)
                command.Parameters.AddWithValue("version", ParseEtag(etag));
            var written = await command.ExecuteScalarAsync(ct);
            if (written is long version)
                return version.ToString(CultureInfo.InvariantCulture);
            throw await ConflictAsync(verb, stateName, grainId, etag, ct);
        }, cancellationToken);

    private async Task<InconsistentStateException> ConflictAsync(string verb, string stateName, GrainId grainId, string? etag, CancellationToken cancellationToken)
    {
        await using var command = Command($"select version from actors_grain_state where {KeyMatch}", stateName, grainId);
        var stored = await command.ExecuteScalarAsync(cancellationToken) is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
        return new InconsistentStateException(
            $"Version conflict {verb} state '{stateName}' of grain {grainId}: stored version is {stored ?? "none"}, " +
            $"this activation holds {etag ?? "none"}. Nothing was written.", stored, etag);
    }

    private NpgsqlCommand Command(string sql, string stateName, GrainId grainId)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("type", grainId.Type.Name);
        command.Parameters.AddWithValue("key", grainId.Key);
        command.Parameters.AddWithValue("state", stateName);
        return command;
    }

    private static long ParseEtag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
}
